// Generated workloads for `npm run bench`: realistic 5,000-line handler modules (JS and Python),
// a config that many handlers depend on, and copies of a corpus (for the growth curve).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const MARKER = '// Edited by the benchmark: ';

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

export const PY_MARKER = '# Edited by the benchmark: ';

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

/** A keystroke workspace: serverless.yml naming the handler, and the handler. */
export function handlerWorkspace(lang) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-bench-'));
  const py = lang === 'python';
  const text = py ? generatePythonHandler(5000) : generateHandler(5000);
  const file = path.join(dir, py ? 'handler.py' : 'handler.js');
  fs.writeFileSync(path.join(dir, 'serverless.yml'), `service: bench\nprovider:\n  name: aws\n  runtime: ${py ? 'python3.12' : 'nodejs20.x'}\nfunctions:\n  api:\n    handler: handler.handler\n    events:\n      - httpApi: "*"\n`);
  fs.writeFileSync(file, text);
  return { dir, file, text, marker: py ? PY_MARKER : MARKER, languageId: py ? 'python' : 'javascript' };
}

/** The n-th keystroke: one more character typed into the marker comment. */
export function keystroke(text, marker, n) {
  return text.replace(marker, marker + 'x'.repeat(n));
}

/**
 * The n-th keystroke typing code rather than a comment: one more character in a string of a function
 * in the middle of the handler (what the code means changes, so the file is analysed again).
 */
export function codeKeystroke(text, n) {
  const at = text.search(/(['"])input 100 too long\1/);
  if (at < 0) throw new Error('no string to type into');
  const end = at + 'input 100 too long'.length + 1;
  return text.slice(0, end) + 'x'.repeat(n) + text.slice(end);
}

/** A serverless.yml with `count` functions, each its own ~60-line handler with a sink and AWS calls. */
export function configWorkspace(count = 50) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-bench-cfg-'));
  const fns = [];
  for (let i = 0; i < count; i++) {
    fns.push(`  fn${i}:`, `    handler: src/h${i}.handler`, '    environment:', `      TABLE: table-${i}`, '    events:', `      - http: { path: r${i}, method: post }`);
    const lines = [
      "'use strict';",
      "const { exec } = require('child_process');",
      "const { DynamoDBClient, PutItemCommand, GetItemCommand } = require('@aws-sdk/client-dynamodb');",
      'const ddb = new DynamoDBClient({});',
    ];
    for (let k = 0; k < 8; k++) {
      lines.push(
        `async function step${k}(body) {`,
        `  const id = String(body.id${k} ?? '');`,
        `  await ddb.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: id } } }));`,
        `  return ddb.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { id: { S: id } } }));`,
        '}',
        '',
      );
    }
    lines.push('exports.handler = async (event) => {', "  const body = JSON.parse(event.body || '{}');", i % 5 === 0 ? "  exec('ls ' + body.dir);" : '  void 0;');
    for (let k = 0; k < 8; k++) lines.push(`  await step${k}(body);`);
    lines.push("  return { statusCode: 200, body: 'ok' };", '};', '');
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', `h${i}.js`), lines.join('\n'));
  }
  const text = [
    'service: bench-config', 'provider:', '  name: aws', '  runtime: nodejs20.x', '  environment:', `    ${CFG_MARKER}: dev`, '  iam:', '    role:', '      statements:',
    '        - Effect: Allow', '          Action: [dynamodb:PutItem, dynamodb:GetItem]', "          Resource: '*'", 'functions', ...fns, '',
  ].join('\n').replace('functions\n', 'functions:\n');
  const file = path.join(dir, 'serverless.yml');
  fs.writeFileSync(file, text);
  return { dir, file, text, handlers: Array.from({ length: count }, (_, i) => path.join(dir, 'src', `h${i}.js`)) };
}

export const CFG_MARKER = 'STAGE';

/** The n-th keystroke in the config: one more character typed into an environment value. */
export function configKeystroke(text, n) {
  return text.replace(`${CFG_MARKER}: dev`, `${CFG_MARKER}: dev${'x'.repeat(n)}`);
}

/** `copies` copies of a corpus side by side in a fresh temp dir (for the growth curve). */
export function corpusCopies(corpus, copies) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fg-bench-x${copies}-`));
  for (let i = 0; i < copies; i++) fs.cpSync(corpus, path.join(dir, `copy${i}`), { recursive: true, verbatimSymlinks: true });
  return dir;
}

/**
 * The change an editor sends for an edit (incremental sync, as VS Code does): the range of `oldText`
 * replaced, in line/character positions (UTF-16), and the new text, from their common prefix and suffix.
 */
export function incrementalChange(oldText, newText) {
  let s = 0;
  while (s < oldText.length && s < newText.length && oldText[s] === newText[s]) s++;
  let e = 0;
  while (e < oldText.length - s && e < newText.length - s && oldText[oldText.length - 1 - e] === newText[newText.length - 1 - e]) e++;
  const pos = (o) => {
    const line = oldText.slice(0, o).split('\n').length - 1;
    return { line, character: o - (oldText.lastIndexOf('\n', o - 1) + 1) };
  };
  return { range: { start: pos(s), end: pos(oldText.length - e) }, text: newText.slice(s, newText.length - e) };
}
