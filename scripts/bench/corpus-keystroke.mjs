// Child process of `npm run bench`: a keystroke in a handler of the corpus after a workspace scan,
// re-checking what the language server re-checks (the edited file and every file with findings).
// Usage: node corpus-keystroke.mjs --build DIR <corpus> [keystrokes]. Prints one JSON line.
import path from 'node:path';
import fs from 'node:fs';
import { loadBuild, pct } from './build.mjs';

const args = process.argv.slice(2);
const build = path.resolve(args[args.indexOf('--build') + 1]);
const corpus = path.resolve(args.filter((a, i) => i !== args.indexOf('--build') + 1 && a !== '--build')[0]);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const { Engine, DiskHost, OverlayHost, allRules } = await loadBuild(build);

const host = new OverlayHost(new DiskHost());
const engine = new Engine({ root: corpus, host, rules: allRules });
const published = [...engine.analyzeWorkspace().results.keys()];
const file = path.join(corpus, 'serverless-patterns', 'lambda-s3-files-cdk', 'src', 'index.js');
const text = fs.readFileSync(file, 'utf8');
const builds0 = engine.stats.modelBuilds;
const times = [];
const cpu = [];
for (let v = 1; v <= count; v++) {
  host.set(file, `${text}\n// typing${'x'.repeat(v)}`, v);
  const c = process.cpuUsage();
  const t = performance.now();
  engine.analyze([file, ...published]);
  times.push(performance.now() - t);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
}
console.log(JSON.stringify({ files: published.length, p50: pct(times, 50), p95: pct(times, 95), cpuP50: pct(cpu, 50), cpuP95: pct(cpu, 95), modelBuilds: engine.stats.modelBuilds - builds0, keystrokes: count }));
