// `npm run bench`: every performance figure of issue 15, printed (never asserted). Exits non-zero
// only when it cannot run, never on a missed budget.
//
//   npm run bench [-- --build LABEL=DIR ...] [--only corpus,memory,growth,keystroke,cold] [--corpus DIR]
//
// Each --build is a checkout with `out/` and `dist/` built (default: this one, as "this"); with
// several, every figure is measured for each in turn, in the same run, so that before and after
// compare under the same load. Figures:
//   corpus     whole `faasguard scan` of the corpus against the parse floor (scripts/parse-floor.mjs),
//              wall time of each process, medians of 3; peak RSS of the scan
//   memory     peak RSS and RSS after each of 3 workspace scans in one language-server process
//   growth     scan time and peak RSS for 1, 2 and 4 copies of the corpus
//   keystroke  engine time per keystroke (5,000-line JS and Python handlers, typing a comment and
//              typing code; a corpus handler after a scan; a config 50 handlers depend on);
//              edit-to-diagnostics through the real server over stdio (each edit sent as an editor
//              sends it: the changed range, incremental sync), debounce included
//   cold       in a 10,000-file workspace (4 copies of the corpus), a fresh server for each of a JS
//              handler, a Python handler and a template.yaml: initialize, then the file opened: its first
//              publish (time, findings) and the complete one after indexing (time, findings, how many agree)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { corpusCopies, handlerWorkspace, keystroke, codeKeystroke, configWorkspace, configKeystroke, incrementalChange } from './bench/workloads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const require = createRequire(import.meta.url);

function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(2);
}

// ---- arguments ----
const argv = process.argv.slice(2);
const builds = [];
let only = new Set(['corpus', 'memory', 'growth', 'keystroke', 'cold']);
let corpus = path.join(root, '..', 'shared', 'corpus');
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--build') {
    const [label, dir] = argv[++i].includes('=') ? argv[i].split('=') : [path.basename(argv[i]), argv[i]];
    builds.push({ label, dir: path.resolve(dir) });
  } else if (argv[i] === '--only') only = new Set(argv[++i].split(','));
  else if (argv[i] === '--corpus') corpus = path.resolve(argv[++i]);
  else fail(`unknown argument ${argv[i]}`);
}
if (builds.length === 0) builds.push({ label: 'this', dir: root });
for (const b of builds) {
  if (!fs.existsSync(path.join(b.dir, 'out', 'rules', 'index.js')) || !fs.existsSync(path.join(b.dir, 'dist', 'cli.js'))) fail(`${b.dir}: run \`npm run build\` there first`);
}
if (!fs.existsSync(path.join(root, 'out', 'test', 'lsp-client.js'))) fail('run `npm run build` first');
const { LspClient } = require(path.join(root, 'out', 'test', 'lsp-client.js'));
const hasCorpus = fs.existsSync(corpus);
/** Each build's debounce (the language server's wait after an edit), for the labels of the edit-to-diagnostics rows (read, not run). */
function debounceOf(dir) {
  for (const f of ['publisher.js', 'server.js']) {
    const file = path.join(dir, 'out', 'server', 'src', 'lsp', f);
    const m = fs.existsSync(file) ? /DEBOUNCE_MS = (\d+)/.exec(fs.readFileSync(file, 'utf8')) : null;
    if (m) return m[1];
  }
  return '?';
}
const debounces = builds.map((b) => debounceOf(b.dir)).join(' | ');

// ---- helpers ----
const ms = (t) => (t === undefined ? '-' : `${t.toFixed(0)} ms`);
const mb = (b) => (b === undefined ? '-' : `${(b / 1024 / 1024).toFixed(0)} MB`);
const x = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : '-');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const rows = []; // [figure, budget, ...one value per build]
const row = (figure, budget, values) => {
  rows.push([figure, budget, ...values]);
  console.log(`  ${figure}: ${values.join(' | ')}`); // as it comes, in case a later figure cannot run
};

/** A server answer, or an error after `ms` (a server that died or hangs fails its figure, not the run). */
function within(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} in ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Runs a node process to its end: wall time, CPU time, peak RSS (bytes) and stdout. */
function runNode(args, { cwd = root } = {}) {
  const rssFile = path.join(os.tmpdir(), `fg-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, ['-r', path.join(here, 'bench', 'rss.cjs'), ...args], { cwd, env: { ...process.env, FG_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      const wall = performance.now() - t;
      let usage = {};
      try {
        usage = JSON.parse(fs.readFileSync(rssFile, 'utf8'));
        fs.rmSync(rssFile);
      } catch {
        usage = {};
      }
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ wall, rss: usage.rss, cpu: usage.cpu, stdout, stderr });
    });
  });
}

/** `faasguard scan` of a folder with one build: wall time, peak RSS, findings. */
async function cliScan(build, dir) {
  const report = path.join(os.tmpdir(), `fg-bench-report-${process.pid}.json`);
  const r = await runNode([path.join(build.dir, 'dist', 'cli.js'), 'scan', dir, '--format', 'json', '--output', report, '--fail-on', 'none']);
  const findings = JSON.parse(fs.readFileSync(report, 'utf8')).length;
  fs.rmSync(report, { force: true });
  return { ...r, findings };
}

async function floor(build, dir) {
  const r = await runNode([path.join(here, 'parse-floor.mjs'), '--build', build.dir, dir]);
  return { ...r, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
}

/** Resident set size now and at its peak, of a process (Linux /proc), in bytes. */
function procMem(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1]) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: undefined, peak: undefined };
  }
}

function lspClient(build) {
  const c = new LspClient(path.join(build.dir, 'dist', 'cli.js'));
  c.handlers.set('window/workDoneProgress/create', () => null);
  const stop = c.shutdown.bind(c);
  // Shut down within a minute, else kill: the figure is taken already.
  c.shutdown = () => within(stop(), 60_000, 'shutdown').catch(() => c.proc.kill());
  return c;
}

const forEachBuild = async (fn) => {
  const out = [];
  for (const b of builds) out.push(await fn(b));
  return out;
};

// ---- figures ----
async function benchCorpus() {
  if (!hasCorpus) return console.log(`corpus: ${corpus} not found, skipped`);
  const res = builds.map(() => ({ floor: [], scan: [] }));
  for (let round = 0; round < 3; round++) {
    for (const [i, b] of builds.entries()) {
      res[i].floor.push(await floor(b, corpus));
      res[i].scan.push(await cliScan(b, corpus));
    }
  }
  const f = res[0].floor[0];
  console.log(`corpus ${corpus}: ${f.files} files considered, ${f.parsed} parsed by the floor, ${(f.bytes / 1024 / 1024).toFixed(1)} MB of text`);
  const fm = res.map((r) => median(r.floor.map((z) => z.wall)));
  const sm = res.map((r) => median(r.scan.map((z) => z.wall)));
  const fc = res.map((r) => median(r.floor.map((z) => z.cpu)));
  const sc = res.map((r) => median(r.scan.map((z) => z.cpu)));
  row('parse floor, wall (median of 3)', '', fm.map(ms));
  row('  of it, in-process (no startup)', '', res.map((r) => ms(median(r.floor.map((z) => z.ms)))));
  row('whole scan `faasguard scan`, wall (median of 3)', '', sm.map(ms));
  row('scan / floor, wall', '<= 1.5x', sm.map((s, i) => x(s / fm[i])));
  row('parse floor / scan, CPU time (medians of 3)', '', fc.map((f, i) => `${ms(f)} / ${ms(sc[i])}`));
  row('scan / floor, CPU time', '<= 1.5x', sc.map((s, i) => x(s / fc[i])));
  row('scan peak RSS (max of 3)', '<= 300 MB', res.map((r) => mb(Math.max(...r.scan.map((z) => z.rss)))));
  row('findings', '', res.map((r) => String(r.scan[0].findings)));
}

async function benchMemory() {
  if (!hasCorpus) return;
  const vals = await forEachBuild(async (b) => {
    const c = lspClient(b);
    await within(c.initialize(corpus), 120_000, 'initialize');
    const after = [];
    let files = 0;
    for (let i = 0; i < 3; i++) {
      const r = await within(c.request('workspace/executeCommand', { command: 'faasguard.scanWorkspace', arguments: [] }), 600_000, 'the workspace scan');
      files = r?.files ?? files;
      after.push(procMem(c.proc.pid).rss);
    }
    const peak = procMem(c.proc.pid).peak;
    await c.shutdown();
    return { after, peak, files };
  });
  row('LSP: 3 workspace scans, peak RSS', '<= 300 MB', vals.map((v) => mb(v.peak)));
  row('LSP: RSS after scan 1 / 2 / 3', '', vals.map((v) => v.after.map(mb).join(' / ')));
  row('LSP: spread of RSS after scans (max/min - 1)', '<= 10%', vals.map((v) => `${((Math.max(...v.after) / Math.min(...v.after) - 1) * 100).toFixed(1)}%`));
}

let copies;
function corpusCopy(n) {
  copies ??= new Map();
  if (!copies.has(n)) copies.set(n, corpusCopies(corpus, n));
  return copies.get(n);
}

async function benchGrowth() {
  if (!hasCorpus) return;
  const vals = await forEachBuild(async (b) => {
    const out = {};
    for (const n of [1, 2, 4]) out[n] = await cliScan(b, corpusCopy(n));
    return out;
  });
  for (const n of [1, 2, 4]) row(`growth: ${n}x corpus, scan wall / CPU / peak RSS`, '', vals.map((v) => `${ms(v[n].wall)} / ${ms(v[n].cpu)} / ${mb(v[n].rss)}`));
  row('growth: wall 2x/1x, 4x/2x', '<= 2.1x', vals.map((v) => `${x(v[2].wall / v[1].wall)}, ${x(v[4].wall / v[2].wall)}`));
  row('growth: CPU 2x/1x, 4x/2x', '<= 2.1x', vals.map((v) => `${x(v[2].cpu / v[1].cpu)}, ${x(v[4].cpu / v[2].cpu)}`));
  row('growth: memory 2x/1x, 4x/2x', '<= 1.5x', vals.map((v) => `${x(v[2].rss / v[1].rss)}, ${x(v[4].rss / v[2].rss)}`));
}

/** Edit-to-diagnostics through the real server: each keystroke, then the publish of its version. */
async function lspKeystrokes(b, w, edit, count = 40) {
  const c = lspClient(b);
  await within(c.initialize(w.dir), 120_000, 'initialize');
  const uri = 'file://' + w.file;
  let since = c.received.length;
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: w.languageId, version: 1, text: w.text } });
  await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 'first diagnostics', since, 120_000);
  const times = [];
  let text = w.text;
  for (let v = 2; v < count + 2; v++) {
    since = c.received.length;
    // What an editor sends (the server asks for incremental sync): the edited range and its new text.
    const next = edit(v - 1);
    const change = incrementalChange(text, next);
    text = next;
    const t = performance.now();
    c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === v, `publish v${v}`, since, 60_000);
    times.push(performance.now() - t);
  }
  await c.shutdown();
  return times;
}

async function benchKeystroke() {
  for (const lang of ['js', 'python']) {
    const label = lang === 'js' ? 'JS' : 'Python';
    const eng = await forEachBuild(async (b) => JSON.parse((await runNode([path.join(here, 'bench', 'engine-keystroke.mjs'), '--build', b.dir, lang, '40'])).stdout));
    row(`${label} 5,000-line handler: cold parse and analysis (first open, engine)`, '', eng.map((e) => ms(e.cold)));
    row(`keystroke ${label} 5,000 lines: engine p95 (p50; model rebuilds / 40)`, '<= 30 ms', eng.map((e) => `${ms(e.p95)} (${ms(e.p50)}; ${e.modelBuilds})`));
    row(`keystroke ${label}: engine CPU time p95 (p50)`, '', eng.map((e) => `${ms(e.cpuP95)} (${ms(e.cpuP50)})`));
    const lsp = await forEachBuild(async (b) => {
      const w = handlerWorkspace(lang);
      const t = await lspKeystrokes(b, w, (n) => keystroke(w.text, w.marker, n));
      fs.rmSync(w.dir, { recursive: true, force: true });
      return t;
    });
    row(`keystroke ${label}: edit-to-diagnostics over stdio p95 (p50), debounce (${debounces} ms) incl.`, '<= 150 ms', lsp.map((t) => `${ms(pct(t, 95))} (${ms(pct(t, 50))})`));
    // The same file, typing code (a string in a function): what the code means changes every keystroke.
    const code = await forEachBuild(async (b) => JSON.parse((await runNode([path.join(here, 'bench', 'engine-keystroke.mjs'), '--build', b.dir, lang, '--code', '40'])).stdout));
    row(`keystroke ${label} typing code (a string in a function): engine p95 (p50)`, '<= 30 ms', code.map((e) => `${ms(e.p95)} (${ms(e.p50)})`));
    row(`keystroke ${label} typing code: engine CPU time p95 (p50)`, '', code.map((e) => `${ms(e.cpuP95)} (${ms(e.cpuP50)})`));
    const lspCode = await forEachBuild(async (b) => {
      const w = handlerWorkspace(lang);
      const t = await lspKeystrokes(b, w, (n) => codeKeystroke(w.text, n));
      fs.rmSync(w.dir, { recursive: true, force: true });
      return t;
    });
    row(`keystroke ${label} typing code: edit-to-diagnostics over stdio p95 (p50), debounce (${debounces} ms) incl.`, '<= 150 ms', lspCode.map((t) => `${ms(pct(t, 95))} (${ms(pct(t, 50))})`));
  }
  if (hasCorpus) {
    const big = await forEachBuild(async (b) => JSON.parse((await runNode([path.join(here, 'bench', 'corpus-keystroke.mjs'), '--build', b.dir, corpus, '10'])).stdout));
    row(`keystroke in a corpus handler after a scan, re-checking the ${big[0].files} files with findings: engine p95 (p50; model rebuilds / 10)`, '', big.map((e) => `${ms(e.p95)} (${ms(e.p50)}; ${e.modelBuilds})`));
    row('  the same, engine CPU time p95 (p50)', '', big.map((e) => `${ms(e.cpuP95)} (${ms(e.cpuP50)})`));
  }
  const eng = await forEachBuild(async (b) => JSON.parse((await runNode([path.join(here, 'bench', 'engine-keystroke.mjs'), '--build', b.dir, 'config', '40'])).stdout));
  row('keystroke in a config 50 handlers depend on: engine p95 (p50)', '', eng.map((e) => `${ms(e.p95)} (${ms(e.p50)})`));
  row('  the same, engine CPU time p95 (p50)', '', eng.map((e) => `${ms(e.cpuP95)} (${ms(e.cpuP50)})`));
  const lsp = await forEachBuild(async (b) => {
    const w = { ...configWorkspace(50), languageId: 'yaml' };
    const t = await lspKeystrokes(b, w, (n) => configKeystroke(w.text, n));
    fs.rmSync(w.dir, { recursive: true, force: true });
    return t;
  });
  row('keystroke in that config: edit-to-diagnostics over stdio p95 (p50)', '<= 250 ms', lsp.map((t) => `${ms(pct(t, 95))} (${ms(pct(t, 50))})`));
}

const COLD_LIMIT_MS = 180_000;
/** Opened cold, one at a time in a fresh server: a JS handler, a Python handler, a SAM template (each with findings, config in its folder or a parent). */
const COLD_FILES = [
  ['JS handler', 'serverless-patterns/apigw-lambda-bedrock-sam-node/src/nonstreaming/index.js', 'javascript'],
  ['Python handler', 'serverless-patterns/lambda-s3-download/src/app.py', 'python'],
  ['template.yaml', 'serverless-patterns/apigw-lambda-sfn-transcribe-translate-polly-sam/template.yaml', 'yaml'],
];

/**
 * A fresh server on `dir`: initialize, then `file` opened. Its first publish (time, findings), and its
 * complete findings: the publish after the server's "indexing" progress ends (a build that reports
 * none: the last publish once the worker answers a stats request, which waits for the analysis, or
 * a second after the first publish for a build without that request).
 */
async function coldOpen(b, dir, file, languageId) {
  const c = lspClient(b);
  const t0 = performance.now();
  await within(c.initialize(dir), COLD_LIMIT_MS, 'initialize');
  const init = performance.now() - t0;
  const uri = 'file://' + file;
  const since = c.received.length;
  const isPublish = (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri;
  const at = new Map(); // message -> ms after didOpen
  const onMsg = c.dispatch.bind(c);
  let t1 = performance.now();
  c.dispatch = (m) => (at.set(m, performance.now() - t1), onMsg(m));
  t1 = performance.now();
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file, 'utf8') } });
  const key = (d) => `${d.code}:${d.range.start.line + 1}:${d.range.start.character}`;
  const out = { init };
  try {
    const first = await c.waitFor(isPublish, 'first diagnostics', since, COLD_LIMIT_MS);
    out.first = { ms: at.get(first), keys: first.params.diagnostics.map(key) };
    // A build without the stats request (older than it) answers with an error at once.
    await within(c.request('faasguard/stats', null), COLD_LIMIT_MS, 'stats').catch(() => undefined);
    const tokens = new Set(c.received.slice(since).filter((m) => m.method === '$/progress' && m.params.value.kind === 'begin' && /indexing/.test(m.params.value.title ?? '')).map((m) => m.params.token));
    let final;
    if (tokens.size) {
      const end = await c.waitFor((m) => m.method === '$/progress' && tokens.has(m.params.token) && m.params.value.kind === 'end', 'the end of indexing', since, COLD_LIMIT_MS);
      final = await c.waitFor(isPublish, 'complete diagnostics', c.received.indexOf(end), COLD_LIMIT_MS);
    } else {
      await new Promise((r) => setTimeout(r, 1000));
      final = c.received.slice(since).filter(isPublish).pop();
    }
    out.final = { ms: at.get(final), keys: final.params.diagnostics.map(key) };
  } catch {
    // not within the limit: reported as such
  }
  c.proc.kill();
  return out;
}

async function benchCold() {
  if (!hasCorpus) return;
  const dir = corpusCopy(4);
  let count = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : count++;
  };
  walk(dir);
  console.log(`cold start: ${count} files (4 copies of the corpus), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const [label, rel, languageId] of COLD_FILES) {
    const file = path.join(dir, 'copy0', rel);
    if (!fs.existsSync(file)) {
      console.log(`cold start: ${rel} not in the corpus, skipped`);
      continue;
    }
    const vals = await forEachBuild((b) => coldOpen(b, dir, file, languageId));
    const none = `none in ${COLD_LIMIT_MS / 1000} s`;
    row(`cold ${label}: initialize answered`, '', vals.map((v) => ms(v.init)));
    row(`cold ${label}: open -> first diagnostics (findings)`, '< 1000 ms', vals.map((v) => (v.first ? `${ms(v.first.ms)} (${v.first.keys.length})` : none)));
    row(`cold ${label}: open -> complete diagnostics (findings)`, '', vals.map((v) => (v.final ? `${ms(v.final.ms)} (${v.final.keys.length})` : none)));
    row(`cold ${label}: first publish's findings in the complete ones / not in them`, '', vals.map((v) => {
      if (!v.first || !v.final) return '-';
      const rest = [...v.final.keys];
      let inFinal = 0;
      for (const k of v.first.keys) {
        const i = rest.indexOf(k);
        if (i >= 0) inFinal++, rest.splice(i, 1);
      }
      return `${inFinal} of ${v.final.keys.length} / ${v.first.keys.length - inFinal}`;
    }));
  }
}

// ---- run ----
console.log(`node ${process.version}, ${os.cpus().length} CPU core(s) (${os.availableParallelism?.() ?? os.cpus().length} available), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`builds: ${builds.map((b) => `${b.label} = ${b.dir}`).join('; ')}`);
// A figure that fails is reported in the table (as failed) and the others still run.
let failures = 0;
for (const [name, fn] of [['corpus', benchCorpus], ['memory', benchMemory], ['growth', benchGrowth], ['keystroke', benchKeystroke], ['cold', benchCold]]) {
  if (!only.has(name)) continue;
  try {
    await fn();
  } catch (e) {
    failures++;
    console.error(`bench: ${name} could not run: ${e.stack ?? e}`);
    row(`${name}: could not run (see above)`, '', builds.map(() => '-'));
  }
}
for (const d of copies?.values() ?? []) fs.rmSync(d, { recursive: true, force: true });
const head = ['figure', 'budget', ...builds.map((b) => b.label)];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
console.log('');
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log(`(threads: the scan and the floor each ran on 1 thread; ${os.cpus().length} cores; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
if (failures > 0) process.exitCode = 2;
