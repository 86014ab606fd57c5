// Python handlers in the engine: suppressions and the "Ignore this finding" fix with `#` comments,
// helper summaries (a helper is walked once, not once per call), findings in an imported module
// (reported there, and re-checked when it changes), and config-named handlers of every form.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Finding } from '../server/src/engine/types.js';
import { allRules } from '../rules/index.js';
import { parseCode } from '../server/src/engine/code/parse.js';
import { PyInterp } from '../server/src/engine/taint/python/interp.js';
import { activeSources } from '../server/src/engine/taint/sources.js';
import { resolvePyFunction } from '../server/src/engine/code/python-exports.js';
import { CLEAN } from '../server/src/engine/taint/values.js';

const ROOT = '/ws';

function engineFor(files: Record<string, string>) {
  const map = new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]));
  return { engine: new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules }), map };
}

function scan(files: Record<string, string>): Finding[] {
  return [...engineFor(files).engine.analyzeWorkspace().results.values()].flat();
}

const handler = (comment: string) => `import os\n\n\ndef lambda_handler(event, context):\n${comment}\n    os.system(event["body"])\n`;

describe('Python suppressions', () => {
  it('hides a finding with a # faasguard-ignore comment and a reason', () => {
    const f = scan({ 'h.py': handler('    # faasguard-ignore no-event-data-in-shell: the body is a fixed command name, checked upstream') }).filter((x) => x.ruleId === 'no-event-data-in-shell');
    assert.equal(f.length, 1);
    assert.equal(f[0].suppressed?.reason, 'the body is a fixed command name, checked upstream');
  });

  it('offers "Ignore this finding", which writes a # comment above the line with the reason selected', () => {
    const text = handler('');
    const f = scan({ 'h.py': text }).find((x) => x.ruleId === 'no-event-data-in-shell')!;
    const fix = f.fixes!.find((x) => x.id === 'ignore')!;
    const e = fix.edits[0];
    const after = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.match(after, /\n    # faasguard-ignore no-event-data-in-shell: reason\n    os\.system\(event\["body"\]\)/);
    assert.equal(after.slice(fix.select!.start, fix.select!.end), 'reason');
  });

  it('does not take a // comment as a suppression in Python', () => {
    const f = scan({ 'h.py': handler('    x = 1  // faasguard-ignore no-event-data-in-shell: not Python') }).filter((x) => x.ruleId === 'no-event-data-in-shell');
    assert.ok(f.length === 1 && !f[0].suppressed);
  });
});

describe('Python summaries', () => {
  it('walks a helper once, however many times it is called', () => {
    const helper = ['def helper(value):', ...Array.from({ length: 60 }, (_, i) => `    value = value.strip() + "${i}"`), '    return value', ''];
    const calls = Array.from({ length: 400 }, (_, i) => `    r${i} = helper(event["queryStringParameters"]["q${i % 7}"])`);
    const text = ['import os', '', ...helper, 'def handler(event, context):', ...calls, '    os.system(r399)', ''].join('\n');
    const code = parseCode('/ws/h.py', text, 'python');
    const it = new PyInterp(code, () => undefined);
    it.sources = activeSources(['api']);
    const frame = it.moduleFrame(code);
    const fn = resolvePyFunction(code.py!, 'handler')!;
    it.runFunction({ node: fn.node, closure: frame, file: code.file }, [{ sym: { root: 'event', path: [] } }, CLEAN]);
    // One walk of the helper's 60 statements (a few hundred nodes), then 400 cheap instantiations.
    assert.ok(it.nodes < 6_000, `nodes evaluated: ${it.nodes}`);
    assert.equal(it.summaries.size, 1);
    assert.equal(it.toFlows().length, 1);
  });
});

describe('Python handlers and modules', () => {
  it('reports a sink in an imported module there, saying where it was called from, and re-checks it when the module changes', () => {
    const files = {
      'template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: app/\n      Handler: main.handler\n      Runtime: python3.12\n      Events:\n        Api:\n          Type: Api\n",
      'app/main.py': 'from lib.db import run\n\n\ndef handler(event, context):\n    return run(event["queryStringParameters"]["q"])\n',
      'app/lib/__init__.py': '',
      'app/lib/db.py': 'import sqlite3\n\nconn = sqlite3.connect("/tmp/x")\n\n\ndef run(q):\n    return conn.execute("SELECT * FROM t WHERE q = \'" + q + "\'")\n',
    };
    const { engine, map } = engineFor(files);
    const first = [...engine.analyzeWorkspace().results.values()].flat().filter((f) => f.ruleId === 'no-event-data-in-sql-query');
    assert.deepEqual(first.map((f) => [f.span.file, f.message]), [[`${ROOT}/app/lib/db.py`, 'API Gateway query string parameter (event.queryStringParameters.q) reaches a SQLite query (called from ../main.py)']]);
    map.set(`${ROOT}/app/lib/db.py`, files['app/lib/db.py'].replace('"SELECT * FROM t WHERE q = \'" + q + "\'"', '"SELECT * FROM t WHERE q = ?", (q,)'));
    const after = engine.analyze([`${ROOT}/app/lib/db.py`]).get(`${ROOT}/app/lib/db.py`)!.filter((f) => f.ruleId === 'no-event-data-in-sql-query');
    assert.deepEqual(after, []);
  });

  it('binds config handlers: dotted module paths, folders, and aliases to a function', () => {
    const findings = scan({
      'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  a:\n    handler: src/api/views.handler\n    events:\n      - httpApi: "*"\n  b:\n    handler: pkg.jobs.run\n    events:\n      - sqs: arn:aws:sqs:eu-west-1:123456789012:q\n',
      'src/api/views.py': 'import os\n\n\ndef main(event, ctx):\n    os.system(event["body"])\n\n\nhandler = main\n',
      'pkg/jobs.py': 'import os\n\n\ndef run(event, context):\n    for r in event["Records"]:\n        os.system(r["body"])\n',
    });
    const shell = findings.filter((f) => f.ruleId === 'no-event-data-in-shell').map((f) => [f.span.file.slice(ROOT.length + 1), f.message]);
    assert.deepEqual(shell, [
      ['pkg/jobs.py', 'SQS message body (event.Records[].body) reaches os.system'],
      ['src/api/views.py', 'HTTP API request body (event.body) reaches os.system'],
    ]);
  });
});
