// Hover latency of the language server during a workspace scan (issue 9, class 10): starts the
// server on a folder (by default ../shared/corpus), opens a handler and a config, starts the
// workspace scan and, while it runs, sends a hover every 20 ms: on a finding (answered from the
// published diagnostics), and on a config line that is not a finding (a grant hover: the model, so
// the analysis worker). Prints p50/p95/max of each, the scan's duration, the server's longest
// message-loop delay and memory, then the edit-to-diagnostics time of 20 keystrokes after the scan.
// Usage: npm run build && node scripts/lsp-latency.mjs [folder] [--cli dist/cli.js]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { LspClient } = require(path.join(root, 'out', 'test', 'lsp-client.js'));
const { DEBOUNCE_MS } = require(path.join(root, 'out', 'server', 'src', 'lsp', 'publisher.js'));

const args = process.argv.slice(2);
const cliAt = args.indexOf('--cli');
const cli = cliAt >= 0 ? path.resolve(args.splice(cliAt, 2)[1]) : path.join(root, 'dist', 'cli.js');
const folder = path.resolve(args[0] ?? path.join(root, '..', 'shared', 'corpus'));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(1)} ms`;
const sleep = (n) => new Promise((r) => setTimeout(r, n));

/** The first few files of a kind, depth-first, outside build output. */
function find(dir, test, out = [], max = 40) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (out.length >= max) break;
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) find(full, test, out, max);
    else if (test(e.name)) out.push(full);
  }
  return out;
}

const client = new LspClient(cli);
await client.initialize(folder);
// Wait for the worker (or the server) to be ready: a first file's diagnostics.
async function open(file, languageId) {
  const uri = 'file://' + file;
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file, 'utf8') } });
  return { uri, pub: await client.diagnostics(uri, since, `diagnostics of ${file}`, 180_000) };
}
let onFinding;
for (const f of find(folder, (n) => /\.(js|ts|py)$/.test(n))) {
  const o = await open(f, f.endsWith('.py') ? 'python' : 'javascript');
  if (o.pub.diagnostics.length) {
    onFinding = { uri: o.uri, position: o.pub.diagnostics[0].range.start };
    break;
  }
}
const config = find(folder, (n) => n === 'serverless.yml', [], 1)[0];
const cfg = await open(config, 'yaml');
const cfgLines = fs.readFileSync(config, 'utf8').split('\n');
const findingLines = new Set(cfg.pub.diagnostics.map((d) => d.range.start.line));
const grantLine = Math.max(0, cfgLines.findIndex((l, i) => /Action|Effect|handler/.test(l) && !findingLines.has(i)));
const grant = { uri: cfg.uri, position: { line: grantLine, character: Math.max(0, cfgLines[grantLine].search(/\S/) + 1) } };

const stats0 = await client.stats().catch(() => null); // resets the server's record of its message loop (servers before it: none)
const t0 = performance.now();
let done = false;
const scan = client.request('workspace/executeCommand', { command: 'faasguard.scanWorkspace', arguments: [] }).then((s) => {
  done = true;
  return s;
});
const lat = { finding: [], grant: [] };
for (let i = 0; !done; i++) {
  const kind = i % 2 === 0 && onFinding ? 'finding' : 'grant';
  const target = kind === 'finding' ? onFinding : grant;
  const t = performance.now();
  await client.request('textDocument/hover', { textDocument: { uri: target.uri }, position: target.position });
  lat[kind].push(performance.now() - t);
  await sleep(20);
}
const summary = await scan;
const scanMs = performance.now() - t0;
const stats = stats0 && (await client.stats());
// Then keystrokes in the open handler, with every scanned file's diagnostics published.
const edits = [];
if (onFinding) {
  const file = onFinding.uri.slice('file://'.length);
  const text = fs.readFileSync(file, 'utf8');
  for (let v = 2; v <= 21; v++) {
    const since = client.received.length;
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri: onFinding.uri, version: v }, contentChanges: [{ text: text + '\n//' + 'x'.repeat(v) }] });
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === onFinding.uri && m.params.version === v, `publish v${v}`, since, 120_000);
    edits.push(performance.now() - t);
  }
}
await client.shutdown();
console.log(`server: ${path.relative(root, cli)}; folder: ${folder}`);
console.log(`scan: ${summary.files} files, ${summary.error + summary.warning + summary.info} findings in ${(scanMs / 1000).toFixed(1)} s`);
for (const [kind, xs] of Object.entries(lat)) {
  if (xs.length) console.log(`hover ${kind === 'finding' ? 'on a finding' : 'on a grant (worker)'}: ${xs.length} hovers, p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))}`);
}
if (edits.length) console.log(`edit-to-diagnostics after the scan (${edits.length} edits, ${DEBOUNCE_MS} ms debounce included): p50 ${ms(pct(edits, 50))}, p95 ${ms(pct(edits, 95))}, max ${ms(Math.max(...edits))}`);
const all = [...lat.finding, ...lat.grant];
const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
if (stats?.loopDelayMaxMs !== undefined) {
  console.log(`server message loop during the scan: longest delay ${ms(stats.loopDelayMaxMs)}, p99 ${ms(stats.loopDelayP99Ms)}`);
  console.log(`server memory after the scan: RSS ${mb(stats.rss)}, main-thread heap ${mb(stats.heapUsed)}${stats.worker ? `, worker heap ${mb(stats.worker.heapUsed)}` : ''}`);
}
console.log(`all hovers during the scan: ${all.length}, p50 ${ms(pct(all, 50))}, p95 ${ms(pct(all, 95))}, max ${ms(Math.max(...all))}`);
