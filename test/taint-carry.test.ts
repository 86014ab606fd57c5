// Helper summaries carried over between versions of a file being edited (taint/carry.ts): after any
// edit, the findings of the engine that edited the file are exactly those of a fresh engine that
// reads the same files once, and typing inside one function takes the other functions' summaries
// over instead of computing them again.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';
import { carryStats } from '../server/src/engine/taint/carry.js';

const SLS = (runtime: string, handler: string) => `service: a
provider:
  name: aws
  runtime: ${runtime}
functions:
  api:
    handler: ${handler}
    events:
      - httpApi: 'POST /run'
`;

// Helpers that call each other, one called while the module loads, one that writes the module's
// state and one that reads it, and a helper from a local module.
const JS = `const { exec } = require('child_process');
const { run } = require('./db');
let last = '';
function prefix() { return 'p-'; }
const PREFIX = prefix();
function clean(v) { return String(v).trim(); }
function remember(v) { last = v; }
function recall() { return last; }
function shell(v) { exec('ls ' + clean(v)); }
function query(v) { return run('SELECT * FROM t WHERE id = ' + v); }
function safe(v) { return parseInt(v, 10); }
function route1(event) { const b = JSON.parse(event.body); shell(b.dir); return safe(b.id); }
function route2(event) { const b = JSON.parse(event.body); remember(b.note); return query(recall()); }
function route3(event) { const b = JSON.parse(event.body); return query(safe(b.id)) + PREFIX; }
exports.handler = async (event) => {
  if (event.routeKey === 'a') return route1(event);
  if (event.routeKey === 'b') return route2(event);
  return route3(event);
};
`;
const JS_DB = `const mysql = require('mysql2');\nconst pool = mysql.createPool({});\nexports.run = (sql) => pool.query(sql);\n`;

const PY = `import json
import os
import subprocess
from db import run

LAST = ""


def prefix():
    return "p-"


PREFIX = prefix()


def clean(v):
    return str(v).strip()


def remember(v):
    global LAST
    LAST = v


def recall():
    return LAST


def shell(v):
    os.system("ls " + clean(v))


def query(v):
    return run("SELECT * FROM t WHERE id = " + v)


def safe(v):
    return int(v)


def route1(event):
    b = json.loads(event["body"])
    shell(b["dir"])
    return safe(b["id"])


def route2(event):
    b = json.loads(event["body"])
    remember(b["note"])
    return query(recall())


def route3(event):
    b = json.loads(event["body"])
    return str(query(str(safe(b["id"])))) + PREFIX


def handler(event, context):
    if event["routeKey"] == "a":
        return route1(event)
    if event["routeKey"] == "b":
        return route2(event)
    return route3(event)
`;
const PY_DB = `import sqlite3\n\nconn = sqlite3.connect("x")\n\n\ndef run(sql):\n    return conn.execute(sql)\n`;

/** A small deterministic generator (no Math.random in tests). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
}

function workspace(lang: 'js' | 'python') {
  const files = new Map<string, string>(
    lang === 'js'
      ? [['/ws/serverless.yml', SLS('nodejs20.x', 'src/h.handler')], ['/ws/src/h.js', JS], ['/ws/src/db.js', JS_DB]]
      : [['/ws/serverless.yml', SLS('python3.12', 'src/h.handler')], ['/ws/src/h.py', PY], ['/ws/src/db.py', PY_DB]],
  );
  return { files, handler: lang === 'js' ? '/ws/src/h.js' : '/ws/src/h.py', helper: lang === 'js' ? '/ws/src/db.js' : '/ws/src/db.py' };
}

/** What a fresh engine finds in these files: the reference. */
function fresh(files: Map<string, string>, file: string): string {
  const engine = new Engine({ root: '/ws', host: new MemoryHost(new Map(files)), rules: allRules });
  return JSON.stringify(engine.analyze([file]).get(file) ?? []);
}

/** Edits typed inside function bodies (and some anywhere): the kinds of change typing makes. */
const PIECES = ['x', ' ', '1', '"', "'", '(', ')', ' + v', 'exec(v); ', 'os.system(v)\n    ', '\n', '#', '//', 'return v; ', '    return v\n'];

function differential(lang: 'js' | 'python', seed: number, edits: number) {
  const { files, handler, helper } = workspace(lang);
  const engine = new Engine({ root: '/ws', host: new MemoryHost(files), rules: allRules });
  engine.analyze([handler]);
  const next = rng(seed);
  const before = carryStats.taken;
  let diffs = 0;
  for (let i = 0; i < edits; i++) {
    // Most edits in the handler; some in the local module it imports.
    const file = next() < 0.15 ? helper : handler;
    const text = files.get(file)!;
    const at = Math.floor(next() * (text.length + 1));
    const del = next() < 0.3 ? Math.floor(next() * 4) : 0;
    const piece = PIECES[Math.floor(next() * PIECES.length)];
    files.set(file, text.slice(0, at) + piece + text.slice(at + del));
    const got = JSON.stringify(engine.analyze([handler]).get(handler) ?? []);
    if (got !== fresh(files, handler)) diffs++;
    // Now and then, back to the original text (so that the file stays mostly valid).
    if (next() < 0.2) files.set(file, file === handler ? (lang === 'js' ? JS : PY) : lang === 'js' ? JS_DB : PY_DB);
  }
  return { diffs, taken: carryStats.taken - before };
}

describe('helper summaries carried over between versions', () => {
  for (const lang of ['js', 'python'] as const) {
    it(`${lang}: 150 random edits find exactly what a fresh engine finds, and summaries are taken over`, () => {
      const r = differential(lang, lang === 'js' ? 11 : 12, 150);
      assert.equal(r.diffs, 0);
      // Many random edits leave the module's other statements as they were: their summaries are taken over.
      assert.ok(r.taken >= 30, `summaries taken over: ${r.taken}`);
    });

    it(`${lang}: a sink typed into one helper is found through its callers, and removed again`, () => {
      const { files, handler } = workspace(lang);
      const engine = new Engine({ root: '/ws', host: new MemoryHost(files), rules: allRules });
      const rules = () => (engine.analyze([handler]).get(handler) ?? []).map((f) => `${f.ruleId}:${f.span.start}`);
      const original = rules();
      // A first edit (in route3): the file is now being edited, and its analysis leaves a carry.
      files.set(handler, files.get(handler)!.replace(lang === 'js' ? '+ PREFIX;' : '+ PREFIX\n', lang === 'js' ? '+ PREFIX + 1;' : '+ PREFIX + "1"\n'));
      engine.analyze([handler]);
      const taken = carryStats.taken;
      // clean() now runs its input: route1 passes the body's `dir` to it through shell().
      const text = files.get(handler)!;
      const edited = lang === 'js'
        ? text.replace('function clean(v) { return String(v).trim(); }', 'function clean(v) { eval(v); return String(v).trim(); }')
        : text.replace('def clean(v):\n    return str(v).strip()', 'def clean(v):\n    eval(v)\n    return str(v).strip()');
      assert.notEqual(edited, text);
      files.set(handler, edited);
      const found = engine.analyze([handler]).get(handler) ?? [];
      const evals = found.filter((f) => f.ruleId === 'no-event-data-in-code-eval');
      assert.equal(evals.length, 1);
      const line = edited.slice(0, evals[0].span.start).split('\n').length;
      assert.equal(line, lang === 'js' ? 6 : 17);
      assert.equal(JSON.stringify(found), fresh(files, handler));
      assert.ok(carryStats.taken > taken, 'the other helpers were taken over');
      files.set(handler, text);
      assert.deepEqual(rules(), original.map((r) => r));
    });
  }
});
