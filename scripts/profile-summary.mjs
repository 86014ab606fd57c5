// Summarises a `node --cpu-prof` profile: self time by area (GC, file system, each parser, the
// model, the rules, ...) and the top functions. Usage: node scripts/profile-summary.mjs <file.cpuprofile> [top]
import fs from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!file) {
  console.error('usage: node scripts/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0) / 1000);
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** The area a frame's self time counts for, from its function and script. */
function area(n) {
  const { functionName: fn, url } = n.callFrame;
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)' || fn === '(program)') return fn;
  if (/^(statSync|readFileSync|readdirSync|openSync|closeSync|readSync|lstatSync|realpathSync|tryStatSync|tryReadSync|existsSync)$/.test(fn) || /node:fs|internal\/fs/.test(url)) return 'file system';
  if (/typescript/.test(url) || /typescript\.js/.test(url)) return 'TypeScript compiler (parse/scan)';
  if (/web-tree-sitter|tree-sitter/.test(url) || /^(wasm-function|\$)/.test(fn) || url.startsWith('wasm://')) return 'tree-sitter';
  if (/node_modules\/yaml|\/yaml\/dist/.test(url)) return 'yaml';
  if (/\/rules\//.test(url)) return 'rules';
  if (/engine\/taint/.test(url)) return 'taint';
  if (/engine\/model/.test(url)) return 'model';
  if (/engine\/code/.test(url)) return 'code analysis';
  if (/engine\/config/.test(url)) return 'config readers';
  if (/engine\/iam/.test(url)) return 'iam';
  if (/engine\//.test(url)) return 'engine (other)';
  if (url === '' ) return '(native/builtin)';
  if (/^node:|internal\//.test(url)) return 'node internals';
  return 'other';
}

const areas = new Map();
const fns = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const a = area(n);
  areas.set(a, (areas.get(a) ?? 0) + t);
  const short = (n.callFrame.url.split('/').slice(-2).join('/') || '-') + ':' + (n.callFrame.lineNumber + 1);
  const k = `${n.callFrame.functionName || '(anonymous)'} ${short}`;
  fns.set(k, (fns.get(k) ?? 0) + t);
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
console.log(`profile ${file}: ${total.toFixed(0)} ms sampled`);
console.log('self time by area:');
for (const [a, t] of [...areas].sort((x, y) => y[1] - x[1])) console.log(`  ${pct(t)}  ${t.toFixed(0).padStart(7)} ms  ${a}`);
console.log(`top ${top} functions (self):`);
for (const [k, t] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(t)}  ${t.toFixed(0).padStart(7)} ms  ${k}`);
