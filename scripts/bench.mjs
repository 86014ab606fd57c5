// `npm run bench`: performance figures, printed (never asserted in tests).
//  1. A whole-workspace scan of ../shared/corpus (when present), against the floor of simply
//     parsing the same files (configs, JS/TS with the TypeScript parser, Python with tree-sitter).
//  2. Generated, realistic 5,000-line handler modules, in JS and in Python: cold analysis, then
//     edit-to-diagnostics latency through the real language server over stdio (debounce
//     included), p50 and p95.
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
  let pyParse = 0;
  let pyFiles = 0;
  const floor = timeIt(() => {
    let n = 0;
    pyParse = 0;
    pyFiles = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const role = fileRole(f);
      if (role === 'data' && mayBeConfig(f, text)) parseConfigText(f, text), n++;
      else if (role === 'js') parseCode(f, text, 'js'), n++;
      else if (role === 'python') {
        const t = performance.now();
        void parseCode(f, text, 'python').tree; // tree-sitter only: the plain AST is the analysis's own work
        pyParse += performance.now() - t;
        pyFiles++;
        n++;
      }
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
  console.log(`  parse only (floor):  best ${ms(floor.best)}, median ${ms(floor.median)}; of it, tree-sitter parsing ${pyFiles} Python files: ${ms(pyParse)}`);
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

const PY_MARKER = '# Edited by the benchmark: ';

/** The same kind of module in Python: routes, helpers, validation, queries, a few sinks. */
export function generatePythonHandler(targetLines = 5000) {
  const head = [
    'import json',
    'import os',
    'import subprocess',
    '',
    'import boto3',
    'import psycopg2',
    'from boto3.dynamodb.conditions import Key',
    '',
    'conn = psycopg2.connect(os.environ["DB_DSN"])',
    'table = boto3.resource("dynamodb").Table(os.environ["TABLE"])',
    'ALLOWED_SORT = {"name", "price", "created"}',
    'BASE_DIR = "/tmp/exports"',
    '',
  ];
  const body = [];
  let i = 0;
  while (head.length + body.length < targetLines - 40) {
    const n = i++;
    if (n === 100) body.push(PY_MARKER);
    body.push(
      `def normalise_${n}(value):`,
      `    trimmed = str(value or "").strip()`,
      `    if len(trimmed) > 200:`,
      `        raise ValueError("input ${n} too long")`,
      `    return "-".join(p.lower() for p in trimmed.split(","))`,
      '',
      '',
      `def route_${n}(event):`,
      `    body = json.loads(event.get("body") or "{}")`,
      `    item_id = int(body.get("id", 0))`,
      `    sort = body["sort"] if body.get("sort") in ALLOWED_SORT else "name"`,
      `    with conn.cursor() as cur:`,
      `        cur.execute("SELECT * FROM items_${n} WHERE id = %s ORDER BY " + sort, (item_id,))`,
      `        rows = cur.fetchall()`,
      `    label = normalise_${n}(body.get("label"))`,
      `    table.put_item(Item={"id": str(item_id), "label": label, "route": ${n}})`,
      `    result = table.query(KeyConditionExpression=Key("pk").eq(label))`,
      n % 50 === 0 ? `    subprocess.run("gzip " + os.path.join(BASE_DIR, label), shell=True)` : `    subprocess.run(["gzip", os.path.join(BASE_DIR, os.path.basename(label))])`,
      `    if not rows:`,
      `        return {"statusCode": 404, "body": json.dumps({"message": "not found"})}`,
      `    return {"statusCode": 200, "body": json.dumps({"rows": len(rows), "items": result["Items"]})}`,
      '',
      '',
    );
  }
  const router = ['ROUTES = {'];
  for (let k = 0; k < i; k++) router.push(`    "POST /r${k}": route_${k},`);
  router.push('}', '', '', 'def handler(event, context):', '    route = ROUTES.get(event["routeKey"])', '    if route is None:', '        return {"statusCode": 404, "body": "no route"}', '    return route(event)', '');
  return [...head, ...body, ...router].join('\n');
}

async function benchHandler(lang) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-bench-'));
  const py = lang === 'python';
  const text = py ? generatePythonHandler(5000) : generateHandler(5000);
  const marker = py ? PY_MARKER : MARKER;
  const fileName = py ? 'handler.py' : 'handler.js';
  const lines = text.split('\n').length;
  fs.writeFileSync(path.join(dir, 'serverless.yml'), `service: bench\nprovider:\n  name: aws\n  runtime: ${py ? 'python3.12' : 'nodejs20.x'}\nfunctions:\n  api:\n    handler: handler.handler\n    events:\n      - httpApi: "*"\n`);
  fs.writeFileSync(path.join(dir, fileName), text);
  const host = new DiskHost();
  const cold = timeIt(() => {
    const e = new Engine({ root: dir, host, rules: allRules });
    return e.analyze([path.join(dir, fileName)]).get(path.join(dir, fileName)).length;
  });
  const label = py ? 'Python handler' : 'JS handler';
  let parseNote = '';
  if (py) {
    const parse = timeIt(() => void parseCode(fileName, text, 'python').tree);
    const ast = timeIt(() => void parseCode(fileName, text, 'python').py);
    parseNote = ` (of it tree-sitter parse best ${ms(parse.best)}, parse + plain AST best ${ms(ast.best)})`;
  }
  console.log(`${label}: ${lines} lines, ${cold.result} findings; cold analysis (parse + model + rules): best ${ms(cold.best)}, median ${ms(cold.median)}${parseNote}`);

  const client = new LspClient(path.join(root, 'dist', 'cli.js'));
  await client.initialize(dir);
  const uri = 'file://' + path.join(dir, fileName);
  let since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: py ? 'python' : 'javascript', version: 1, text } });
  await client.diagnostics(uri, since);
  const latencies = [];
  let current = text;
  for (let v = 2; v <= 41; v++) {
    // A keystroke: one more character typed into a comment in the middle of the file.
    const next = text.replace(marker, marker + 'x'.repeat(v - 1));
    if (next === current) throw new Error('bench: the keystroke did not change the text');
    current = next;
    since = client.received.length;
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === v, `publish v${v}`, since);
    latencies.push(performance.now() - t);
  }
  await client.shutdown();
  console.log(`${label} edit-to-diagnostics over LSP (${latencies.length} edits, 100 ms debounce included): p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s)`);
  benchCorpus();
  await benchHandler('js');
  await benchHandler('python');
}
