// `npm run bench`: performance figures, printed (never asserted in tests).
//  1. A whole-workspace scan of ../shared/corpus (when present), against the floor of simply
//     parsing the same files.
//  2. A generated, realistic 5,000-line handler module: cold analysis, then edit-to-diagnostics
//     latency through the real language server over stdio (debounce included), p50 and p95.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (p) => path.join(root, 'out', p);
if (!fs.existsSync(out('rules/index.js'))) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
const { Engine } = require(out('server/src/engine/engine.js'));
const { DiskHost } = require(out('server/src/engine/host.js'));
const { discover, fileRole } = require(out('server/src/engine/workspace.js'));
const { parseConfigText } = require(out('server/src/engine/config/parse.js'));
const { mayBeConfig } = require(out('server/src/engine/config/detect.js'));
const { parseCode } = require(out('server/src/engine/code/parse.js'));
const { allRules } = require(out('rules/index.js'));
const { LspClient } = require(out('test/lsp-client.js'));
const { loadParsers, parserFor } = require(out('server/src/engine/util/tree-sitter.js'));
await loadParsers();

const ms = (t) => `${t.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

function timeIt(fn, runs = 3) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  return { best: Math.min(...times), median: median(times), result };
}

function benchCorpus() {
  const corpus = path.join(root, '..', 'shared', 'corpus');
  if (!fs.existsSync(corpus)) {
    console.log('corpus: ../shared/corpus not found, skipped');
    return;
  }
  const host = new DiskHost();
  const files = discover(corpus, host).files;
  const floor = timeIt(() => {
    let n = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const role = fileRole(f);
      if (role === 'data' && mayBeConfig(f, text)) parseConfigText(f, text), n++;
      else if (role === 'js') parseCode(f, text, 'js'), n++;
      else if (role === 'terraform') parserFor('terraform').parse(text).delete(), n++;
    }
    return n;
  });
  const scan = timeIt(() => {
    const e = new Engine({ root: corpus, host, rules: allRules });
    const r = e.analyzeWorkspace();
    return [...r.results.values()].reduce((n, f) => n + f.length, 0);
  });
  console.log(`corpus: ${files.length} files, ${scan.result} findings`);
  console.log(`  parse only (floor):  best ${ms(floor.best)}, median ${ms(floor.median)}`);
  console.log(`  full scan (cold):    best ${ms(scan.best)}, median ${ms(scan.median)}  (${(scan.best / floor.best).toFixed(2)}x the floor, ${(files.length / (scan.best / 1000)).toFixed(0)} files/s)`);
}

const MARKER = '// Edited by the benchmark: ';

/** A realistic handler module: a router over many routes, helpers, validation, queries, a few sinks. */
export function generateHandler(targetLines = 5000) {
  const head = [
    "'use strict';",
    "const { exec, execFile } = require('child_process');",
    "const fs = require('fs/promises');",
    "const path = require('path');",
    "const mysql = require('mysql2/promise');",
    "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');",
    "const { DynamoDBDocumentClient, QueryCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');",
    '',
    "const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', database: 'shop' });",
    'const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    "const ALLOWED_SORT = ['name', 'price', 'created'];",
    "const BASE_DIR = '/tmp/exports';",
    '',
  ];
  const body = [];
  let i = 0;
  while (head.length + body.length < targetLines - 40) {
    const n = i++;
    // A comment in the middle of the file: the benchmark's keystrokes type into it.
    if (n === 100) body.push(MARKER);
    body.push(
      `function normalise${n}(input) {`,
      `  const trimmed = String(input ?? '').trim();`,
      `  if (trimmed.length > 200) {`,
      `    throw new Error('input ${n} too long');`,
      `  }`,
      `  return trimmed.split(',').map((p) => p.toLowerCase()).join('-');`,
      `}`,
      '',
      `async function route${n}(event) {`,
      `  const body = JSON.parse(event.body || '{}');`,
      `  const id = parseInt(body.id, 10);`,
      `  const sort = ALLOWED_SORT.includes(body.sort) ? body.sort : 'name';`,
      `  const [rows] = await pool.query('SELECT * FROM items_${n} WHERE id = ? ORDER BY ' + sort, [id]);`,
      `  const label = normalise${n}(body.label);`,
      `  await ddb.send(new PutCommand({ TableName: 'audit', Item: { id: String(id), label, route: ${n} } }));`,
      `  const result = await ddb.send(new QueryCommand({ TableName: 'items', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': label } }));`,
      n % 50 === 0 ? `  exec('gzip ' + path.join(BASE_DIR, label));` : `  await execFileAsync('gzip', [path.join(BASE_DIR, path.basename(label))]);`,
      `  if (!rows.length) {`,
      `    return { statusCode: 404, body: JSON.stringify({ message: 'not found' }) };`,
      `  }`,
      `  return { statusCode: 200, body: JSON.stringify({ rows, items: result.Items }) };`,
      `}`,
      '',
    );
  }
  const router = ['exports.handler = async (event) => {', '  switch (event.routeKey) {'];
  for (let k = 0; k < i; k++) router.push(`    case 'POST /r${k}': return route${k}(event);`);
  router.push('    default: return { statusCode: 404, body: "no route" };', '  }', '};', '', 'function execFileAsync(file, args) {', '  return new Promise((resolve, reject) => execFile(file, args, (e, o) => (e ? reject(e) : resolve(o))));', '}', '');
  return [...head, ...body, ...router].join('\n');
}

async function benchHandler() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-bench-'));
  const text = generateHandler(5000);
  const lines = text.split('\n').length;
  fs.writeFileSync(path.join(dir, 'serverless.yml'), 'service: bench\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  api:\n    handler: handler.handler\n    events:\n      - httpApi: "*"\n');
  fs.writeFileSync(path.join(dir, 'handler.js'), text);
  const host = new DiskHost();
  const cold = timeIt(() => {
    const e = new Engine({ root: dir, host, rules: allRules });
    return e.analyze([path.join(dir, 'handler.js')]).get(path.join(dir, 'handler.js')).length;
  });
  console.log(`handler: ${lines} lines, ${cold.result} findings; cold analysis (parse + model + rules): best ${ms(cold.best)}, median ${ms(cold.median)}`);

  const client = new LspClient(path.join(root, 'dist', 'cli.js'));
  await client.initialize(dir);
  const uri = 'file://' + path.join(dir, 'handler.js');
  let since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
  await client.diagnostics(uri, since);
  const latencies = [];
  let current = text;
  for (let v = 2; v <= 41; v++) {
    // A keystroke: one more character typed into a comment in the middle of the file.
    const next = text.replace(MARKER, MARKER + 'x'.repeat(v - 1));
    if (next === current) throw new Error('bench: the keystroke did not change the text');
    current = next;
    since = client.received.length;
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === v, `publish v${v}`, since);
    latencies.push(performance.now() - t);
  }
  await client.shutdown();
  console.log(`edit-to-diagnostics over LSP (${latencies.length} edits, 100 ms debounce included): p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s)`);
  benchCorpus();
  await benchHandler();
}
