// Issue 9: no file can stop a scan, hang it, or reach outside the workspace. One test per class,
// each with the shape that triggered it, next to a copy of the example app: the hostile files get
// exactly the diagnostics listed, and every finding of the app is still reported. Time bounds here
// are generous "does not hang" bounds (test timeouts), never performance assertions.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appIntact, copyExamples, scanDir, write } from './reliability-kit.js';
import { SHAPES } from './worst-case-shapes.js';

const SKIP_DEEP = 'FaaSGuard does not analyse it; the other files are analysed.';
const BOUND = { timeout: 60_000 };

describe('issue 9, class 1: deep nesting is one diagnostic on that file', () => {
  it('JS/TS nesting of every kind, and a prefix-operator chain that overflows the parser', BOUND, () => {
    const root = copyExamples();
    const fnNest = (n: number) => Array.from({ length: n }, () => '(() => {').join('') + '1' + '})()'.repeat(n);
    write(root, 'deep/parens.js', 'const x = ' + '('.repeat(800) + '1' + ')'.repeat(800) + ';\n');
    write(root, 'deep/closures.js', 'exports.f = ' + fnNest(273) + ';\n');
    write(root, 'deep/classes.ts', 'class A { m() {'.repeat(478) + '}}'.repeat(478) + '\n');
    write(root, 'deep/objects.js', 'module.exports = ' + '{a:'.repeat(556) + '1' + '}'.repeat(556) + ';\n');
    write(root, 'deep/arrays.mjs', 'export const x = ' + '['.repeat(731) + ']'.repeat(731) + ';\n');
    write(root, 'deep/bang.js', 'exports.handler = async (event) => ' + '!'.repeat(20_000) + 'event;\n');
    write(root, 'deep/nested.py', 'x = ' + '['.repeat(300) + ']'.repeat(300) + '\n');
    const extra = appIntact(scanDir(root));
    assert.deepEqual(extra, [
      `deep/arrays.mjs:1:274 file-skipped This file is too deeply nested to analyse: more than 256 levels (line 1). ${SKIP_DEEP}`,
      `deep/bang.js:1:1 file-skipped This file is too deeply nested to analyse (found while trying to parse it): ${SKIP_DEEP}`,
      `deep/classes.ts:1:1929 file-skipped This file is too deeply nested to analyse: more than 256 levels (line 1). ${SKIP_DEEP}`,
      `deep/closures.js:1:1037 file-skipped This file is too deeply nested to analyse: more than 256 levels (line 1). ${SKIP_DEEP}`,
      `deep/nested.py:1:204 file-skipped This file is too deeply nested to analyse: more than 200 levels (line 1). ${SKIP_DEEP}`,
      `deep/objects.js:1:786 file-skipped This file is too deeply nested to analyse: more than 256 levels (line 1). ${SKIP_DEEP}`,
      `deep/parens.js:1:267 file-skipped This file is too deeply nested to analyse: more than 256 levels (line 1). ${SKIP_DEEP}`,
    ]);
  });
});

describe('issue 9, class 2: a taint budget keeps what it found', () => {
  it('a chain of 1,000 helpers to exec is followed callees-first, without overflowing', BOUND, () => {
    const root = copyExamples();
    let h = "const { exec } = require('child_process');\n";
    for (let i = 0; i < 1000; i++) h += `function h${i}(x) { return h${i + 1}(x); }\n`;
    h += 'function h1000(x) { exec(x); }\nexports.handler = async (event) => { h0(event.body); exec(event.body); };\n';
    write(root, 'chain/handler.js', h);
    const inferred = '(no config names the trigger: inferred from the event fields the code reads)';
    assert.deepEqual(appIntact(scanDir(root)), [
      `chain/handler.js:1002:26 no-event-data-in-shell HTTP request body (event.body) reaches child_process.exec ${inferred}`,
      `chain/handler.js:1003:59 no-event-data-in-shell HTTP request body (event.body) reaches child_process.exec ${inferred}`,
    ]);
  });

  it('an expression deeper than the interpreter follows: the findings before it, and one note', BOUND, () => {
    const root = copyExamples();
    write(root, 'long/handler.js', `exports.handler = async (event) => {\n  require('child_process').exec(event.body);\n  const a = ${'event.x ? 1 : '.repeat(2_000)}2;\n};\n`);
    write(root, 'long2/handler.js', `exports.handler = async (event) => {\n  require('child_process').exec(event.body);\n  const a = ${Array(3_000).fill('event.x').join(' ?? ')};\n};\n`);
    const extra = appIntact(scanDir(root));
    const notes = extra.filter((l) => !l.includes('no-event-data-in-shell'));
    // Which budget stops the 2,000 nested ternaries first depends on the stack the analysis runs on.
    assert.match(notes.shift()!, /^long\/handler\.js:1:1 analysis-stopped Analysis stopped early on this file: (the code is nested too deeply for the data-flow analysis to follow|an expression is nested more than 1,500 levels deep)\. Findings the data-flow analysis \(injection rules\) made before that are reported; the rest of this file was not checked by it\.$/);
    assert.deepEqual(notes, [
      'long2/handler.js:1:1 analysis-stopped Analysis stopped early on this file: an expression is nested more than 1,500 levels deep. Findings the data-flow analysis (injection rules) made before that are reported; the rest of this file was not checked by it.',
    ]);
    // The sink before the deep expression is still reported, in both files.
    assert.deepEqual(extra.filter((l) => l.includes('no-event-data-in-shell')).map((l) => l.split(' ')[0]), ['long/handler.js:2:33', 'long2/handler.js:2:33']);
  });
});

describe('issue 9, class 3: serverless variables are resolved once each', () => {
  it('entries that each reference ${self:service} and a sibling resolve in linear time', BOUND, () => {
    const root = copyExamples();
    let s = 'service: expo\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  tracing:\n    lambda: true\ncustom:\n  stage: dev\n';
    for (let i = 0; i < 14; i++) s += `  name${i}: \${self:service}-\${self:custom.stage}-${i}\n`;
    s += 'functions:\n  f:\n    handler: h.main\n    environment:\n      API_TOKEN: ${self:custom.name13}-ghp_R7mK2pX9qL4vT8wN3bY6cH1jF5dS0gZaQeUi\n';
    write(root, 'expo/serverless.yml', s);
    write(root, 'expo/h.js', 'exports.main = async () => ({ statusCode: 200 });\n');
    const extra = appIntact(scanDir(root));
    // Every read of custom resolved every sibling again (10 entries: 64 s). The value is resolved, and the token in it is found.
    assert.ok(extra.some((l) => l.startsWith('expo/serverless.yml:27:18 no-hardcoded-secret ')), extra.join('\n'));
    assert.deepEqual(extra.filter((l) => /internal|file-skipped|analysis-stopped|model-note/.test(l)), []);
  });
});

describe('issue 9, classes 4 and 5: globs in .faasguard.yml', () => {
  it('an invalid glob is one diagnostic on its line, and the rest of the config applies', BOUND, () => {
    const root = copyExamples();
    write(root, '.faasguard.yml', "exclude:\n  - '[z-a]'\n  - legacy/**\noverrides:\n  - files: ['[b-a]x', 'src/**']\n    rules:\n      no-event-data-in-shell: info\n");
    write(root, 'legacy/old.js', "exports.handler = async (event) => require('child_process').exec(event.body);\n");
    const found = scanDir(root);
    const config = found.filter((l) => l.startsWith('.faasguard.yml'));
    assert.deepEqual(config, [
      '.faasguard.yml:2:5 project-config-error Invalid glob pattern "[z-a]": the range z-a in [z-a] is backwards. It is ignored; the rest of the config applies.',
      '.faasguard.yml:5:13 project-config-error Invalid glob pattern "[b-a]x": the range b-a in [b-a] is backwards. It is ignored; the rest of the config applies.',
    ]);
    assert.ok(!found.some((l) => l.startsWith('legacy/')), 'legacy/** is still excluded');
    assert.ok(found.some((l) => l.startsWith('vulnerable-app/src/thumbnail.js:8:12 no-event-data-in-shell')));
  });

  it('patterns that backtrack exponentially as regular expressions match in linear time', BOUND, () => {
    const root = copyExamples();
    const deepDir = Array.from({ length: 25 }, (_, i) => `d${i}`).join('/');
    write(root, `${deepDir}/handler.js`, "exports.handler = async (event) => require('child_process').exec(event.body);\n");
    write(root, '.faasguard.yml', `exclude:\n  - '${'**/'.repeat(16)}nomatch'\n  - '${'**a'.repeat(24)}b'\n  - '${'*a'.repeat(30)}b/**'\n`);
    const extra = appIntact(scanDir(root));
    assert.deepEqual(extra.map((l) => l.split(' ').slice(0, 2).join(' ')), [`${deepDir}/handler.js:1:66 no-event-data-in-shell`]);
  });
});

describe('issue 9, class 6: worst-case shapes for the rules are analysed completely', () => {
  it('every shape, side by side with the app: no internal error, and the findings each shape must give', BOUND, () => {
    const root = copyExamples();
    SHAPES.forEach((shape, i) => {
      for (const [rel, text] of Object.entries(shape.files())) write(root, `shape${i}/${rel}`, text);
    });
    const extra = appIntact(scanDir(root));
    assert.deepEqual(extra.filter((l) => / internal-error /.test(l)), []);
    const count = (re: RegExp) => extra.filter((l) => re.test(l)).length;
    const at = (name: string) => `shape${SHAPES.findIndex((s) => s.name === name)}/`;
    assert.equal(count(new RegExp(`^${at('6,000 catches')}src/h\\.js:\\d+:\\d+ no-swallowed-errors `)), 6_000);
    assert.equal(count(new RegExp(`^${at('10,000 suppression comments')}src/h\\.js:\\d+:\\d+ no-event-data-in-shell `)), 10_000);
    assert.equal(count(new RegExp(`^${at('1,000-helper chain to exec')}src/h\\.js:1002:\\d+ no-event-data-in-shell `)), 1);
    assert.equal(count(new RegExp(`^${at('log of a 20,000-term \\+ chain')}src/h\\.js:\\d+:\\d+ no-sensitive-data-in-logs `)), 0);
  });
});

describe('issue 9, class 7: nothing outside the workspace is read', () => {
  it('${file()} includes by ../.., by absolute path and through a symlink get one note each; links are not followed', BOUND, () => {
    const base = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fg-out-'));
    const root = path.join(base, 'ws');
    fs.cpSync(path.join(__dirname, '..', '..', 'examples'), root, { recursive: true });
    const secret = write(base, 'outside/secret.yml', 'Resources:\n  OutsideLeakRole:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: outsidekey\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "*"\n                Resource: "*"\n');
    write(base, 'outside/template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n' + fs.readFileSync(secret, 'utf8'));
    write(root, 'svc/serverless.yml', `service: inc\nprovider:\n  name: aws\n  runtime: nodejs22.x\nresources:\n  - \${file(../../outside/secret.yml)}\n  - \${file(${secret})}\n  - \${file(./linked.yml)}\n`);
    fs.symlinkSync(secret, path.join(root, 'svc/linked.yml'));
    fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'linkdir'));
    fs.symlinkSync(path.join(base, 'outside/template.yaml'), path.join(root, 'template.yaml'));
    const old = new Date('2000-01-01T00:00:00Z');
    for (const f of ['secret.yml', 'template.yaml']) fs.utimesSync(path.join(base, 'outside', f), old, old);
    const extra = appIntact(scanDir(root));
    assert.deepEqual(extra, [
      'svc/serverless.yml:6:5 model-note This ${file(../../outside/secret.yml)} include resolves outside the workspace: it is not read.',
      `svc/serverless.yml:7:5 model-note This \${file(${secret})} include resolves outside the workspace: it is not read.`,
      'svc/serverless.yml:8:5 model-note This ${file(./linked.yml)} include resolves outside the workspace: it is not read.',
    ]);
    // Not read at all: the access times of the outside files are where they were set.
    for (const f of ['secret.yml', 'template.yaml']) assert.equal(fs.statSync(path.join(base, 'outside', f)).atimeMs, old.getTime(), f);
  });
});

describe('issue 9, classes 8 and 9: caps say so; limits are not syntax errors', () => {
  it('the YAML alias budget gives one note; 600 [ in a quoted string are text; a 1,000-deep mapping is a limit', BOUND, () => {
    const root = copyExamples();
    let bomb = 'AWSTemplateFormatVersion: "2010-09-09"\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 6; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    write(root, 'bomb/template.yaml', bomb + 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies: *a5\n');
    write(root, 'quoted/serverless.yml', `service: q\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  description: '${'['.repeat(600)}'\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "s3:*"\n          Resource: "*"\n`);
    let m = 'service: m\nprovider:\n  name: aws\ncustom:\n';
    for (let i = 0; i < 1000; i++) m += ' '.repeat(i + 2) + `k${i}:\n`;
    write(root, 'mapping/serverless.yml', m + ' '.repeat(1002) + 'v: 1\n');
    const extra = appIntact(scanDir(root));
    assert.deepEqual(extra.filter((l) => !l.startsWith('quoted/')), [
      'bomb/template.yaml:1:1 analysis-stopped Analysis stopped early on this file: its YAML aliases were expanded 10,000 times, the budget for one file; the aliases past it are read as unknown values, so findings inside them may be missing.',
      `mapping/serverless.yml:516:514 file-skipped This file is too deeply nested to analyse: more than 512 levels (line 516). ${SKIP_DEEP}`,
    ]);
    // The quoted brackets are text: the config is analysed, and its wildcard found.
    const quoted = extra.filter((l) => l.startsWith('quoted/'));
    assert.ok(quoted.some((l) => l.startsWith('quoted/serverless.yml:10:19 no-wildcard-iam-action ')), quoted.join('\n'));
    assert.deepEqual(quoted.filter((l) => /parse-error|file-skipped/.test(l)), []);
  });

  it('the logging rules follow at most 50 local modules of a handler, and say so once on the handler', BOUND, () => {
    const root = copyExamples();
    write(root, 'many/serverless.yml', 'service: many\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.handler\n');
    write(root, 'many/h.js', Array.from({ length: 60 }, (_, i) => `require('./m${i}');`).join('\n') + '\nexports.handler = async () => ({ ok: true });\n');
    for (let i = 0; i < 60; i++) write(root, `many/m${i}.js`, i === 3 ? 'console.log(process.env);\n' : `exports.v${i} = ${i};\n`);
    const extra = appIntact(scanDir(root)).filter((l) => l.startsWith('many/') && !/ info /.test(l) && !/require-|no-deprecated/.test(l));
    assert.deepEqual(extra, [
      'many/h.js:1:1 analysis-stopped Analysis stopped early on this file: the handler reaches more than 50 local modules, and only the first 50 are checked. Findings rules no-sensitive-data-in-logs, no-swallowed-errors made before that are reported; the rest of this file was not checked by them.',
      'many/m3.js:1:13 no-sensitive-data-in-logs Logs every environment variable (process.env), secrets and keys included.',
    ]);
  });
});
