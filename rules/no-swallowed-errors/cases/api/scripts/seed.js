// A script no handler imports: not handler code, not checked.
async function main() {
  try {
    await seed();
    // ok: no-swallowed-errors
  } catch (e) {}
}
main();
