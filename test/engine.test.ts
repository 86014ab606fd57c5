// Engine behaviour: purity, robustness against bad input, rule isolation, suppressions, caching.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { defineRule, type Rule } from '../server/src/engine/rule.js';
import type { Finding } from '../server/src/engine/types.js';
import { allRules } from '../rules/index.js';

const ROOT = '/ws';
const SRC = path.join(__dirname, '..', '..', 'server', 'src', 'engine');

function engineFor(files: Record<string, string>, rules: readonly Rule[] = allRules) {
  const map = new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]));
  const host = new MemoryHost(map);
  return { engine: new Engine({ root: ROOT, host, rules }), map };
}

function scan(files: Record<string, string>, rules: readonly Rule[] = allRules): Finding[] {
  return [...engineFor(files, rules).engine.analyzeWorkspace().results.values()].flat();
}

const SLS_WILDCARD = `service: s
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: 's3:*'
          Resource: '*'
functions:
  f:
    handler: h.handler
`;

describe('engine purity', () => {
  it('never imports vscode or the language server libraries', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts') && /from ['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|require\(['"]vscode/.test(fs.readFileSync(full, 'utf8'))) offenders.push(full);
      }
    };
    walk(SRC);
    assert.deepEqual(offenders, []);
  });
});

describe('bad input never breaks the engine', () => {
  it('reports one parse error for malformed YAML and still reports the file beside it', () => {
    const findings = scan({ 'broken/serverless.yml': 'service: x\nprovider:\n  name: aws\n  iam: [unclosed\n', 'ok/serverless.yml': SLS_WILDCARD });
    const broken = findings.filter((f) => f.span.file === `${ROOT}/broken/serverless.yml`);
    assert.equal(broken.length, 1);
    assert.equal(broken[0].ruleId, 'parse-error');
    assert.ok(findings.some((f) => f.ruleId === 'no-wildcard-iam-action' && f.span.file === `${ROOT}/ok/serverless.yml`));
  });

  it('skips binary files with one note, and a YAML alias bomb without blowing up', () => {
    let bomb = 'AWSTemplateFormatVersion: "2010-09-09"\na: &a ["x","x","x","x","x","x","x","x","x"]\n';
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    for (let i = 1; i < names.length; i++) bomb += `${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(',')}]\n`;
    bomb += 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyDocument: *i\n';
    const start = Date.now();
    const findings = scan({ 'bin/template.yaml': 'AWS::\u0000\u0001\u0002binary', 'bomb/template.yaml': bomb, 'ok/serverless.yml': SLS_WILDCARD });
    assert.ok(Date.now() - start < 5000);
    assert.ok(findings.some((f) => f.ruleId === 'no-wildcard-iam-action'));
    const bin = findings.filter((f) => f.span.file.includes('/bin/'));
    assert.deepEqual(bin.map((f) => [f.ruleId, f.severity]), [['file-skipped', 'info']]);
  });

  it('handles a 20,000-level nested JSON template and a 5 MB template', () => {
    const deep = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ' + '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) + '}';
    const big = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + '  # padding\n'.repeat(5 * 1024 * 1024 / 12);
    const findings = scan({ 'deep/template.json': deep, 'big/template.yaml': big, 'ok/serverless.yml': SLS_WILDCARD });
    assert.ok(findings.some((f) => f.ruleId === 'no-wildcard-iam-action'));
    const deepF = findings.filter((f) => f.span.file.includes('/deep/'));
    // A nesting limit is not a syntax error (issue 9): one file-skipped diagnostic, at the level past the limit.
    assert.deepEqual(deepF.map((f) => [f.ruleId, f.severity, f.span.start]), [['file-skipped', 'warning', 56 + 5 * 511]]);
    assert.match(deepF[0].message, /^This file is too deeply nested to analyse: more than 512 levels \(line 1\)\./);
    const bigF = findings.filter((f) => f.span.file.includes('/big/'));
    assert.deepEqual(bigF.map((f) => [f.ruleId, f.severity]), [['file-skipped', 'info']]);
  });

  it('accepts the under-indented flow collections CloudFormation accepts, with exact spans', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument: {',
      '          "Statement": [{',
      '            "Effect": "Allow",',
      '            "Action": "sqs:*",',
      '            "Resource": "*"',
      '          }]}',
      '',
    ].join('\n');
    const findings = scan({ 'template.yaml': text });
    assert.ok(!findings.some((f) => f.ruleId === 'parse-error'), JSON.stringify(findings.map((f) => f.message)));
    const f = findings.find((x) => x.ruleId === 'no-wildcard-iam-action')!;
    assert.equal(text.slice(f.span.start, f.span.end), '"sqs:*"');
  });

  it('analyses a half-typed handler without crashing', () => {
    const findings = scan({ 'h.js': "const { exec } = require('child_process');\nexports.handler = async (event) => {\n  exec(event.cmd\n" });
    assert.ok(findings.every((f) => f.ruleId !== 'internal-error'));
  });
});

describe('rule isolation', () => {
  it('turns a crashing rule into one internal-error finding, and the other rules still report', () => {
    const boom = defineRule({
      id: 'always-crashes',
      scope: 'code',
      languages: ['js'],
      meta: { category: 'injection', severity: 'error', title: 'crashes on purpose', description: 'x', cwe: ['CWE-0'], owasp: ['x'], fix: 'none', messages: { crash: 'never reported' } },
      check() {
        throw new Error('boom');
      },
    });
    const findings = scan({ 'h.js': "const { exec } = require('child_process');\nexports.handler = async (event) => { exec(event.cmd); };\n" }, [boom, ...allRules]);
    const internal = findings.filter((f) => f.ruleId === 'internal-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /always-crashes failed on this file.*boom/);
    assert.ok(findings.some((f) => f.ruleId === 'no-event-data-in-shell'));
  });
});

describe('suppressions', () => {
  const handler = (comment: string) => `const { exec } = require('child_process');\nexports.handler = async (event) => {\n${comment}\n  exec(event.cmd);\n};\n`;

  it('hides a finding when the comment names the rule and gives a reason', () => {
    const findings = scan({ 'h.js': handler('  // faasguard-ignore no-event-data-in-shell: cmd is validated by the API schema') });
    const f = findings.filter((x) => x.ruleId === 'no-event-data-in-shell');
    assert.equal(f.length, 1);
    assert.equal(f[0].suppressed?.reason, 'cmd is validated by the API schema');
    assert.ok(!findings.some((x) => x.ruleId === 'suppression-without-reason' || x.ruleId === 'unused-suppression'));
  });

  it('reports a suppression without a reason, and does not suppress', () => {
    const findings = scan({ 'h.js': handler('  // faasguard-ignore no-event-data-in-shell') });
    assert.ok(findings.some((x) => x.ruleId === 'no-event-data-in-shell' && !x.suppressed));
    const meta = findings.filter((x) => x.ruleId === 'suppression-without-reason');
    assert.equal(meta.length, 1);
    const text = handler('  // faasguard-ignore no-event-data-in-shell');
    assert.equal(meta[0].span.start, text.indexOf('// faasguard-ignore'));
  });

  it('reports a suppression that matches nothing, and one for an unknown rule', () => {
    const findings = scan({ 'h.js': handler('  // faasguard-ignore no-wildcard-iam-action: not here\n  // faasguard-ignore no-such-rule: typo') });
    assert.ok(findings.some((x) => x.ruleId === 'unknown-rule-in-suppression'));
    assert.ok(findings.some((x) => x.ruleId === 'unused-suppression'));
  });

  it('supports a file-level form in YAML', () => {
    const findings = scan({ 'serverless.yml': '# faasguard-ignore-file no-wildcard-iam-action: legacy account, tracked in JIRA-12\n' + SLS_WILDCARD });
    const f = findings.filter((x) => x.ruleId === 'no-wildcard-iam-action');
    assert.equal(f.length, 1);
    assert.ok(f[0].suppressed);
  });

  it('offers an "ignore" fix that writes the comment above the finding, with the reason selected', () => {
    const text = handler('');
    const findings = scan({ 'h.js': text });
    const f = findings.find((x) => x.ruleId === 'no-event-data-in-shell')!;
    const fix = f.fixes!.find((x) => x.id === 'ignore')!;
    const e = fix.edits[0];
    const after = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.match(after, /\n  \/\/ faasguard-ignore no-event-data-in-shell: reason\n  exec\(event\.cmd\);/);
    assert.equal(after.slice(fix.select!.start, fix.select!.end), 'reason');
  });
});

describe('incremental analysis', () => {
  it('re-analyses only the edited handler on a keystroke, and rebuilds the model only for config edits', () => {
    const files: Record<string, string> = { 'serverless.yml': SLS_WILDCARD };
    for (let i = 0; i < 5; i++) files[`h${i}.js`] = `exports.handler = async (event) => { require('child_process').exec(event.a${i}); };\n`;
    const { engine, map } = engineFor(files);
    engine.analyzeWorkspace();
    const before = { ...engine.stats };
    map.set(`${ROOT}/h2.js`, files['h2.js'].replace('event.a2', 'event.b2'));
    engine.analyze([`${ROOT}/h2.js`]);
    assert.equal(engine.stats.codeAnalyses - before.codeAnalyses, 1);
    assert.equal(engine.stats.modelBuilds, before.modelBuilds);
    // A comment typed in it changes no result: they are moved through the edit, not derived again.
    map.set(`${ROOT}/h2.js`, files['h2.js'].replace('event.a2', 'event.b2') + '// edit\n');
    engine.analyze([`${ROOT}/h2.js`]);
    assert.equal(engine.stats.codeAnalyses - before.codeAnalyses, 1);
    assert.equal(engine.stats.rebases - before.rebases, 1);
    map.set(`${ROOT}/serverless.yml`, SLS_WILDCARD + '# edit\n');
    engine.analyze([`${ROOT}/serverless.yml`]);
    assert.equal(engine.stats.modelBuilds, before.modelBuilds + 1);
  });

  it('frees Python trees after a scan, and still reports parse problems and later edits', () => {
    const ok = `import subprocess\n\ndef handler(event, context):\n    subprocess.run(event["cmd"], shell=True)\n`;
    const broken = `)))) ((( :: def\n`;
    const { engine, map } = engineFor({ 'app.py': ok, 'broken.py': broken });
    const ids = (r: Map<string, Finding[]>, f: string) => (r.get(`${ROOT}/${f}`) ?? []).map((x) => `${x.ruleId}:${x.span.start}`);
    const scan = engine.analyzeWorkspace().results;
    const sink = ok.indexOf('event["cmd"]');
    assert.deepEqual(ids(scan, 'app.py'), [`no-event-data-in-shell:${sink}`]);
    assert.deepEqual(ids(scan, 'broken.py'), ['parse-error:0']);
    const again = engine.analyze([`${ROOT}/app.py`, `${ROOT}/broken.py`]);
    assert.deepEqual(ids(again, 'app.py'), [`no-event-data-in-shell:${sink}`]);
    assert.deepEqual(ids(again, 'broken.py'), ['parse-error:0']);
    // An edit after the tree was freed: parsed again, from scratch.
    map.set(`${ROOT}/app.py`, '# edited\n' + ok);
    assert.deepEqual(ids(engine.analyze([`${ROOT}/app.py`]), 'app.py'), [`no-event-data-in-shell:${sink + '# edited\n'.length}`]);
  });

  it('on a keystroke in a handler that model rules read, re-runs only those rules, on the same model', () => {
    const sls = `service: s
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    TABLE: orders
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem]
          Resource: arn:aws:dynamodb:*:*:table/orders
        - Effect: Allow
          Action: 's3:*'
          Resource: '*'
functions:
  f:
    handler: h.handler
`;
    const get = `const AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();\nexports.handler = async (e) => db.get({ TableName: process.env.TABLE, Key: { id: e.id } }).promise();\n`;
    const rules = allRules.filter((r) => ['no-unused-permission', 'require-permission-for-call', 'no-wildcard-iam-action'].includes(r.id));
    const { engine, map } = engineFor({ 'serverless.yml': sls, 'h.js': get }, rules);
    engine.discover();
    const ids = (file: string) => engine.analyze([`${ROOT}/${file}`]).get(`${ROOT}/${file}`)!.map((f) => `${f.ruleId}:${f.span.start}`);
    const wildcard = ids('serverless.yml');
    assert.deepEqual(wildcard.map((x) => x.split(':')[0]), ['no-unused-permission', 'no-wildcard-iam-action']);
    assert.deepEqual(ids('h.js'), []);
    const before = { ...engine.stats };
    // The handler now writes: the write is not allowed.
    map.set(`${ROOT}/h.js`, get.replace('db.get(', 'db.put('));
    const put = get.indexOf('db.get(') + 'db.'.length; // the span of `put`
    assert.deepEqual(ids('h.js'), [`require-permission-for-call:${put}`]);
    assert.equal(engine.stats.modelBuilds, before.modelBuilds, 'the model is not rebuilt');
    assert.equal(engine.stats.modelRuleRuns - before.modelRuleRuns, 2, 'only the two rules that read h.js ran again');
    // GetItem is no longer used: the grant is reported unused; the wildcard finding stays.
    const getItem = sls.indexOf('[dynamodb:GetItem]') + 1;
    assert.deepEqual(ids('serverless.yml'), [`no-unused-permission:${getItem}`, ...wildcard]);
    // A keystroke in a comment: the rules run on the same model again, and find the same.
    map.set(`${ROOT}/h.js`, get.replace('db.get(', 'db.put(') + '// x\n');
    assert.deepEqual(ids('h.js'), [`require-permission-for-call:${put}`]);
    assert.equal(engine.stats.modelBuilds, before.modelBuilds);
  });
});
