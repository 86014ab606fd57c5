// `npm run fuzz -- --count 5000 [--seed N] [--hang-ms 5000]`: the long version of the seeded fuzz
// test (test/fuzz-kit.ts). Prints the figures (inputs, crashes, hangs, canary losses, slowest input)
// and exits 1 when an input crashed, hung or lost a finding of the example app; `--save DIR`
// writes those inputs there, to replay.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
if (!fs.existsSync(path.join(root, 'out/test/fuzz-kit.js'))) {
  console.error('fuzz: run `npm run build` first');
  process.exit(2);
}
const arg = (name, dflt) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const { loadParsers } = require(path.join(root, 'out/server/src/engine/util/tree-sitter.js'));
const { runFuzz } = require(path.join(root, 'out/test/fuzz-kit.js'));
await loadParsers();
const count = Number(arg('--count', '1000'));
const seed = Number(arg('--seed', '9000'));
const save = arg('--save');
const inputs = new Map();
const t = performance.now();
const stats = runFuzz({ seed, count, budgetMs: Infinity, hangMs: Number(arg('--hang-ms', '5000')), onInput: (s, files) => save && inputs.set(s, files) });
const secs = ((performance.now() - t) / 1000).toFixed(1);
console.log(`fuzz: ${stats.inputs} inputs from seed ${seed} in ${secs} s; crashes ${stats.crashes.length}, hangs ${stats.hangs.length}, canary losses ${stats.canaryLost.length}`);
console.log(`fuzz: slowest input ${stats.slowest.ms.toFixed(0)} ms (seed ${stats.slowest.seed}: ${stats.slowest.name})`);
for (const c of stats.crashes.slice(0, 20)) console.log(`  crash, seed ${c.seed}: ${c.what.split('\n').slice(0, 4).join(' | ')}`);
for (const h of stats.hangs.slice(0, 20)) console.log(`  hang, seed ${h.seed}: ${h.ms.toFixed(0)} ms`);
for (const l of stats.canaryLost.slice(0, 20)) console.log(`  canary lost, seed ${l.seed}: ${l.missing.slice(0, 3).join(' | ')}`);
if (save) {
  const bad = new Set([...stats.crashes, ...stats.hangs, ...stats.canaryLost].map((x) => x.seed));
  for (const s of bad) for (const [f, text] of inputs.get(s) ?? []) {
    const target = path.join(save, String(s), f.replace(/^\/fuzz-ws\/fuzz\//, ''));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}
process.exit(stats.crashes.length + stats.hangs.length + stats.canaryLost.length > 0 ? 1 : 0);
