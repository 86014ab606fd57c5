// Child process of `npm run bench`: engine time per keystroke (no server, no debounce), with one
// build's engine. Usage: node engine-keystroke.mjs --build DIR (js|python|config) [--code] [keystrokes]
// (--code: the keystrokes type into a string of the handler's code instead of a comment).
// Prints one JSON line: { cold, p50, p95, max, cpuP50, cpuP95, modelBuilds, findings }.
import path from 'node:path';
import fs from 'node:fs';
import { loadBuild, pct } from './build.mjs';
import { handlerWorkspace, keystroke, codeKeystroke, configWorkspace, configKeystroke } from './workloads.mjs';

const args = process.argv.slice(2);
const build = path.resolve(args[args.indexOf('--build') + 1]);
const kind = args.find((a) => ['js', 'python', 'config'].includes(a)) ?? 'js';
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 40);
const { Engine, DiskHost, OverlayHost, allRules } = await loadBuild(build);

const w = kind === 'config' ? configWorkspace(50) : handlerWorkspace(kind);
const typesCode = args.includes('--code');
const edit = kind === 'config' ? (n) => configKeystroke(w.text, n) : typesCode ? (n) => codeKeystroke(w.text, n) : (n) => keystroke(w.text, w.marker, n);
// What the editor re-checks after a keystroke: the edited file, and (for a config) the handlers it names.
const targets = kind === 'config' ? [w.file, ...w.handlers] : [w.file];
const host = new OverlayHost(new DiskHost());
const engine = new Engine({ root: w.dir, host, rules: allRules });
engine.discover();
host.set(w.file, w.text, 1);
let t = performance.now();
let findings = 0;
for (const f of engine.analyze(targets).values()) findings += f.length;
const cold = performance.now() - t;
const builds0 = engine.stats.modelBuilds;
const times = [];
const cpu = []; // CPU time of the process per keystroke: what it cost even when the machine is shared
for (let v = 2; v < count + 2; v++) {
  host.set(w.file, edit(v - 1), v);
  const c = process.cpuUsage();
  t = performance.now();
  engine.analyze(targets);
  times.push(performance.now() - t);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
}
fs.rmSync(w.dir, { recursive: true, force: true });
console.log(JSON.stringify({ cold, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), cpuP50: pct(cpu, 50), cpuP95: pct(cpu, 95), modelBuilds: engine.stats.modelBuilds - builds0, keystrokes: times.length, findings }));
