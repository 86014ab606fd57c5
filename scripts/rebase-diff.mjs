// Differential check of the engine's moved results (engine/rebase.ts): random edits of handlers of
// the corpus's apps (a comment line, trailing spaces, a blank line, a character typed in a comment,
// a letter replaced or deleted anywhere), each compared with a fresh engine's analysis of the same
// files. Edits that change the code exercise the helper summaries carried over (taint/carry.ts). Usage: node scripts/rebase-diff.mjs [seed] [apps] [corpus]. Prints the counts; exits 1 on a difference.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'out', p));
const { Engine } = out('server/src/engine/engine.js');
const { MemoryHost } = out('server/src/engine/host.js');
const { allRules } = out('rules/index.js');
const { carryStats } = out('server/src/engine/taint/carry.js');
await out('server/src/engine/util/tree-sitter.js').loadParsers();
const corpus = path.resolve(process.argv[4] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'shared', 'corpus'));
let seed = Number(process.argv[2] ?? 1);
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
// app folders: those with a config and handler files directly under them (depth <= 3)
const apps = [];
function walk(d, depth) {
  let es; try { es = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
  const names = es.map((e) => e.name);
  if (names.some((n) => /^(serverless\.ya?ml|template\.ya?ml)$/.test(n))) apps.push(d);
  else if (depth < 4) for (const e of es) if (e.isDirectory() && e.name !== 'node_modules') walk(path.join(d, e.name), depth + 1);
}
walk(corpus, 0);
let checked = 0, diffs = 0, rebased = 0, edits = 0;
const N = Number(process.argv[3] ?? 40);
for (let k = 0; k < N && apps.length; k++) {
  const app = apps[rnd(apps.length)];
  const files = new Map();
  const add = (d, depth) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name); if (e.isDirectory() && e.name !== 'node_modules' && depth < 4) add(f, depth + 1); else if (e.isFile() && /\.(js|ts|py|ya?ml|json)$/.test(e.name) && fs.statSync(f).size < 200000) files.set(f, fs.readFileSync(f, 'utf8')); } };
  add(app, 0);
  const code = [...files.keys()].filter((f) => /\.(js|ts|py)$/.test(f));
  if (!code.length) continue;
  const map = new Map(files);
  const engine = new Engine({ root: app, host: new MemoryHost(map), rules: allRules });
  engine.analyzeWorkspace();
  const all = [...files.keys()];
  const view = (m) => JSON.stringify(all.map((f) => m.get(f) ?? []));
  const target = code[rnd(code.length)];
  const py = target.endsWith('.py');
  for (let e = 0; e < 6; e++) {
    let t = map.get(target);
    const lines = t.split('\n');
    const i = rnd(lines.length);
    const kind = rnd(6);
    if (kind === 0) lines.splice(i, 0, (lines[i].match(/^\s*/)[0]) + (py ? '# note ' : '// note ') + 'x'.repeat(rnd(5)));
    else if (kind === 1) lines[i] = lines[i] + '   ';
    else if (kind === 2) lines.splice(i, 0, '');
    else if (kind >= 4) { const l = lines[i]; const m = [...l.matchAll(/[a-z0-9]/g)]; if (m.length) { const at = m[rnd(m.length)].index; lines[i] = l.slice(0, at) + (kind === 4 ? 'q' : '') + l.slice(at + (kind === 4 ? 1 : 0)) + (kind === 5 ? '' : ''); if (kind === 5) lines[i] = l.slice(0, at) + l.slice(at + 1); } }
    else { const j = lines.findIndex((l) => l.includes(py ? '#' : '//')); if (j >= 0) lines[j] = lines[j] + 'y'; else lines[i] = lines[i] + ' '; }
    t = lines.join('\n');
    map.set(target, t);
    const before = engine.stats.rebases;
    const got = view(engine.analyze(all));
    const fresh = new Engine({ root: app, host: new MemoryHost(new Map(map)), rules: allRules });
    fresh.discover();
    const want = view(fresh.analyze(all));
    edits++;
    if (engine.stats.rebases > before) rebased++;
    if (got !== want) { diffs++; console.log('DIFF', target, 'edit kind', kind, 'line', i); }
  }
  checked++;
}
console.log({ apps: apps.length, checked, edits, rebased, carried: carryStats, diffs });
if (diffs) process.exitCode = 1;
