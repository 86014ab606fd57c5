// An edit of comments or layout changes no result: the engine moves the previous version's findings
// through it (engine/rebase.ts) instead of analysing the file again. Any other edit is analysed.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { isParsed, parseCode } from '../server/src/engine/code/parse.js';
import { sameMeaning } from '../server/src/engine/code/same-meaning.js';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Finding } from '../server/src/engine/types.js';
import { allRules } from '../rules/index.js';

function same(language: 'js' | 'python', file: string, a: string, b: string): boolean {
  const prev = parseCode(file, a, language);
  void prev.py;
  const next = parseCode(file, b, language, prev);
  return sameMeaning(prev, next);
}

const JS = `const { exec } = require('child_process');
// the runner
function run(cmd) {
  let n = -1;
  return exec('ls ' + cmd, { timeout: 5 });
}
exports.handler = async (event) => run(event.body);
`;

describe('same meaning (JS/TS)', () => {
  const js = (b: string) => same('js', '/ws/h.js', JS, b);
  it('holds for comments, spaces and blank lines', () => {
    assert.equal(js(JS.replace('// the runner', '// the runner of commands')), true);
    assert.equal(js(JS.replace('function run', '/* a\n * block */\nfunction run')), true);
    assert.equal(js(JS.replace("'ls ' + cmd", "'ls '   +   cmd")), true);
    assert.equal(js(JS.replace('\nexports', '\n\n\nexports')), true);
    assert.equal(js(JS.replace('function run(cmd) {', '/** @param {string} cmd */\nfunction run(cmd) {')), true);
  });
  it('does not hold for any change of the code', () => {
    assert.equal(js(JS.replace("'ls '", "'ls -l '")), false, 'a string');
    assert.equal(js(JS.replace('run(event.body)', 'run(event.path)')), false, 'a name');
    assert.equal(js(JS.replace('let n = -1', 'let n = +1')), false, 'a prefix operator');
    assert.equal(js(JS.replace('let n', 'const n')), false, 'let and const');
    assert.equal(js(JS.replace("'ls ' + cmd", "'ls ' - cmd")), false, 'a binary operator');
    assert.equal(js(JS.replace('timeout: 5', 'timeout: 50')), false, 'a number');
    assert.equal(js(JS.replace("return exec('ls ' + cmd", "return\nexec('ls ' + cmd")), false, 'a line break that ends the statement');
    assert.equal(js(JS.replace('// the runner\n', '')), true, 'a comment removed');
    assert.equal(js(JS.replace('// the runner', '/ the runner')), false, 'a comment no more');
  });
  it('tells TypeScript type-only imports and template text apart', () => {
    const ts = "import type { A } from './a';\nexport const f = (x: A) => `id ${x}`;\n";
    assert.equal(same('js', '/ws/h.ts', ts, ts.replace('import type', 'import')), false);
    assert.equal(same('js', '/ws/h.ts', ts, ts.replace('`id ', '`ids ')), false);
    assert.equal(same('js', '/ws/h.ts', ts, ts.replace('=> `', '=>   `')), true);
  });
});

describe('a version edited only inside a comment (JS/TS)', () => {
  const next = (b: string) => {
    const prev = parseCode('/ws/h.js', JS, 'js');
    return { prev, code: parseCode('/ws/h.js', b, 'js', prev) };
  };
  it('is not parsed until its tree is asked for, and then its tree is right', () => {
    const b = JS.replace('// the runner', '// the runner of it');
    const { prev, code } = next(b);
    assert.equal(isParsed(code), false);
    assert.equal(code.sameMeaningAs, prev);
    const fn = code.sf!.statements.find((st) => st.kind === ts.SyntaxKind.FunctionDeclaration)!;
    assert.equal(fn.getStart(code.sf), b.indexOf('function run'));
    assert.equal(isParsed(code), true);
  });
  it('is parsed when the edit leaves the comment, or changes where it ends', () => {
    for (const b of [
      JS.replace('// the runner', '// the runner\nrun()'),
      JS.replace('// the runner', '/ the runner'),
      JS.replace("'ls ' + cmd", "'ls ' /* a */ + cmd").replace('/* a */', '/* a */'),
    ]) assert.equal(isParsed(next(b).code), true, b);
    const block = "const a = 1; /* note */\nconst b = 2;\n";
    const p = parseCode('/ws/b.js', block, 'js');
    assert.equal(isParsed(parseCode('/ws/b.js', block.replace('note', 'no*/te'), 'js', p)), true, 'a block comment closed early');
    const p2 = parseCode('/ws/b.js', block, 'js');
    assert.equal(isParsed(parseCode('/ws/b.js', block.replace('note', 'not\ne'), 'js', p2)), true, 'a line break in a block comment');
    const p3 = parseCode('/ws/b.js', block, 'js');
    assert.equal(isParsed(parseCode('/ws/b.js', block.replace('note', 'notes'), 'js', p3)), false, 'typed inside it');
  });
  it('does not take a regular expression or a string for a comment', () => {
    const re = "const r = /\\/*x/;\nconst s = '// not a comment';\n";
    const p = parseCode('/ws/r.js', re, 'js');
    assert.equal(isParsed(parseCode('/ws/r.js', re.replace('*x', '*y'), 'js', p)), true);
    const p2 = parseCode('/ws/r.js', re, 'js');
    assert.equal(isParsed(parseCode('/ws/r.js', re.replace('not a', 'not the'), 'js', p2)), true);
  });
});

const PY = `import subprocess

# the runner
def handler(event, context):
    cmd = event["body"]
    if cmd not in ALLOWED:
        return None
    return subprocess.run(cmd, shell=True)
`;

describe('a version edited only inside a comment (Python)', () => {
  const next = (b: string) => {
    const prev = parseCode('/ws/app.py', PY, 'python');
    void prev.py;
    return { prev, code: parseCode('/ws/app.py', b, 'python', prev) };
  };
  it('is known to mean the same without comparing trees', () => {
    for (const b of [PY.replace('# the runner', '# the runner!'), PY.replace('# the runner', '# tthe runner'), PY.replace('# the runner', '#  the runner')]) {
      const { prev, code } = next(b);
      assert.equal(code.sameMeaningAs, prev, b);
      assert.equal(same('python', '/ws/app.py', PY, b), true);
    }
  });
  it('is compared when the edit leaves the comment or breaks its line', () => {
    for (const b of [PY.replace('# the runner', '# the runner\nx = 1'), PY.replace('# the runner', ' the runner'), PY.replace('"body"', '"body" # c')]) assert.equal(next(b).code.sameMeaningAs, undefined, b);
  });
});

describe('same meaning (Python)', () => {
  const py = (b: string) => same('python', '/ws/app.py', PY, b);
  it('holds for comments and blank lines', () => {
    assert.equal(py(PY.replace('# the runner', '# the runner of commands')), true);
    assert.equal(py(PY.replace('        return None', '        return None  # nothing to run')), true);
    assert.equal(py(PY.replace('import subprocess\n', 'import subprocess\n\n\n')), true);
  });
  it('does not hold for indentation, operators or text', () => {
    assert.equal(py(PY.replace('        return None', '    return None')), false, 'a statement out of its block');
    assert.equal(py(PY.replace('not in', 'in')), false, 'an operator');
    assert.equal(py(PY.replace('"body"', '"path"')), false, 'a string');
    assert.equal(py(PY.replace('shell=True', 'shell=False')), false, 'a keyword');
  });
});

const ROOT = '/ws';
const SLS = `service: a
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem, dynamodb:PutItem]
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders
functions:
  api:
    handler: h.handler
    events:
      - httpApi: 'POST /run'
`;
const HANDLER = `const { exec } = require('child_process');
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});

// helpers
function run(cmd) {
  return exec('ls ' + cmd);
}

exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: body.id } } }));
  return run(body.cmd);
};
`;

describe('results moved through an edit of comments', () => {
  const all = [`${ROOT}/serverless.yml`, `${ROOT}/h.js`];
  const view = (m: Map<string, Finding[]>) => JSON.stringify(all.map((f) => m.get(f)));
  const fresh = (files: Map<string, string>) => {
    const e = new Engine({ root: ROOT, host: new MemoryHost(new Map(files)), rules: allRules });
    e.discover();
    return view(e.analyze(all));
  };

  it('are the findings a fresh analysis gives, without analysing the file again', () => {
    const map = new Map([[`${ROOT}/serverless.yml`, SLS], [`${ROOT}/h.js`, HANDLER]]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
    engine.analyzeWorkspace();
    const first = engine.analyze(all);
    assert.ok(first.get(`${ROOT}/h.js`)!.some((f) => f.ruleId === 'no-event-data-in-shell'));
    assert.ok(first.get(`${ROOT}/serverless.yml`)!.some((f) => f.ruleId === 'no-unused-permission'));
    let text = HANDLER;
    // Typing a comment, a character at a time, and then a new line in it.
    for (const [i, edit] of ['// helpers t', '// helpers ty', '// helpers typ', '// helpers typ\n// more'].entries()) {
      text = HANDLER.replace('// helpers', edit);
      map.set(`${ROOT}/h.js`, text);
      const before = { ...engine.stats };
      const got = view(engine.analyze(all));
      assert.equal(got, fresh(map), `edit ${i}`);
      assert.equal(engine.stats.codeAnalyses, before.codeAnalyses, `edit ${i}: not analysed again`);
      assert.equal(engine.stats.rebases, before.rebases + 1, `edit ${i}`);
      // The model rules that read the handler run again only when lines moved (their text names lines).
      assert.equal(engine.stats.modelRuleRuns > before.modelRuleRuns, i === 3, `edit ${i}: model rules`);
    }
  });

  it('hold when the model is asked for before the file (as the language server does)', () => {
    const map = new Map([[`${ROOT}/serverless.yml`, SLS], [`${ROOT}/h.js`, HANDLER]]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
    engine.analyzeWorkspace();
    map.set(`${ROOT}/h.js`, HANDLER.replace('// helpers', '// helpers, typed'));
    const before = { ...engine.stats };
    engine.model();
    const got = view(engine.analyze(all));
    assert.equal(got, fresh(map));
    assert.equal(engine.stats.modelRuleRuns, before.modelRuleRuns, 'the model rules did not run again');
    assert.equal(engine.stats.codeAnalyses, before.codeAnalyses);
  });

  it('leave a comment-only version unparsed, also after first findings from the configs nearby', () => {
    const map = new Map([[`${ROOT}/serverless.yml`, SLS], [`${ROOT}/h.js`, HANDLER]]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
    // As the language server does on a cold open: near findings first, then the workspace's model.
    engine.analyzeNear([`${ROOT}/h.js`]);
    engine.discover();
    engine.model();
    engine.analyze(all);
    map.set(`${ROOT}/h.js`, HANDLER.replace('// helpers', '// helpers, typed'));
    engine.model();
    const got = view(engine.analyze(all));
    assert.equal(got, fresh(map));
    assert.equal(isParsed(engine.loadCode(`${ROOT}/h.js`)!), false, 'its tree was not needed');
  });

  it('still apply a suppression comment typed above a finding', () => {
    const map = new Map([[`${ROOT}/serverless.yml`, SLS], [`${ROOT}/h.js`, HANDLER]]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
    engine.analyzeWorkspace();
    const shell = (m: Map<string, Finding[]>) => m.get(`${ROOT}/h.js`)!.find((f) => f.ruleId === 'no-event-data-in-shell');
    assert.equal(shell(engine.analyze(all))?.suppressed, undefined);
    // The new line starts on the finding's line (the change begins there): analysed again.
    const typed = (reason: string) => HANDLER.replace('function run(cmd) {\n', `function run(cmd) {\n  // faasguard-ignore no-event-data-in-shell${reason}\n`);
    map.set(`${ROOT}/h.js`, typed(''));
    engine.analyze(all);
    // Then the reason, typed on the comment's own line: moved, and suppressed by the new text.
    map.set(`${ROOT}/h.js`, typed(': cmd is checked by the API'));
    const before = { ...engine.stats };
    const got = engine.analyze(all);
    assert.equal(view(got), fresh(map));
    assert.equal(shell(got)?.suppressed?.reason, 'cmd is checked by the API');
    assert.equal(engine.stats.codeAnalyses, before.codeAnalyses, 'moved, not analysed again');
  });

  it('are analysed again when the edit is on a line a finding touches, or changes the code', () => {
    const map = new Map([[`${ROOT}/serverless.yml`, SLS], [`${ROOT}/h.js`, HANDLER]]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
    engine.analyzeWorkspace();
    for (const [i, text] of [HANDLER.replace("exec('ls ' + cmd);", "exec('ls ' + cmd); // runs it"), HANDLER.replace("'ls '", "'ls -l '")].entries()) {
      map.set(`${ROOT}/h.js`, text);
      const before = { ...engine.stats };
      assert.equal(view(engine.analyze(all)), fresh(map), `edit ${i}`);
      assert.equal(engine.stats.codeAnalyses, before.codeAnalyses + 1, `edit ${i}: analysed again`);
    }
  });

  it('hold for Python handlers too', () => {
    const sls = SLS.replace('nodejs20.x', 'python3.12').replace('h.handler', 'app.handler');
    const files = [`${ROOT}/serverless.yml`, `${ROOT}/app.py`];
    // The same handler without its membership guard: the command reaches the shell.
    const handler = PY.replace('    if cmd not in ALLOWED:\n        return None\n', '');
    const map = new Map([[files[0], sls], [files[1], handler]]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
    engine.analyzeWorkspace();
    const v = (m: Map<string, Finding[]>) => JSON.stringify(files.map((f) => m.get(f)));
    const text = handler.replace('# the runner', '# the runner, typed');
    map.set(files[1], text);
    const before = { ...engine.stats };
    const got = v(engine.analyze(files));
    const e2 = new Engine({ root: ROOT, host: new MemoryHost(new Map(map)), rules: allRules });
    e2.discover();
    assert.equal(got, v(e2.analyze(files)));
    assert.ok(got.includes('no-event-data-in-shell'));
    assert.equal(engine.stats.codeAnalyses, before.codeAnalyses);
    assert.equal(engine.stats.rebases, before.rebases + 1);
  });
});
