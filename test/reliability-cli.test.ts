// Issue 9 through the CLI, as CI runs it: a hostile workspace never costs the report (exit 0/1,
// SARIF written, caps said once in the output and in SARIF), nothing in the workspace is executed
// or required, and nothing outside it is read (access times of the outside files do not move).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyExamples, EXAMPLES as EXAMPLES_DIR, REPO, write } from './reliability-kit.js';

const BIN = path.join(REPO, 'bin', 'faasguard.js');

function scan(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'scan', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('issue 9 through the CLI', () => {
  it('a hostile workspace still gets its SARIF: the file cap, a deep file and an invalid glob are said once each', { timeout: 180_000 }, () => {
    const root = copyExamples('fg-rel-cli-');
    // 50,001 fixtures that sort before the app: discovery keeps the app folders first, and says so.
    fs.mkdirSync(path.join(root, 'aaa-fixtures'));
    for (let i = 0; i <= 50_000; i++) fs.writeFileSync(path.join(root, 'aaa-fixtures', `f${i}.yml`), 'a: 1\n');
    write(root, 'deep.js', 'const x = ' + '['.repeat(731) + ']'.repeat(731) + ';\n');
    write(root, '.faasguard.yml', "exclude:\n  - '[z-a]'\n");
    const out = path.join(root, '..', `${path.basename(root)}.sarif`);
    const r = scan([root, '--format', 'sarif', '--output', out]);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /internal-error|internal error/);
    const notes = r.stderr.split('\n').filter((l) => l.startsWith('faasguard: note: '));
    assert.deepEqual(notes, ['faasguard: note: Discovery stopped at 50,000 files: 15 more candidate files were not analysed (folders with a deployment config came first). Exclude bulk data in .faasguard.yml to analyse the rest.']);
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    const run0 = sarif.runs[0];
    const notifications = run0.invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string }; message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) =>
      `${n.descriptor.id} ${n.locations ? `${n.locations[0].physicalLocation.artifactLocation.uri}:${n.locations[0].physicalLocation.region.startLine} ` : ''}${n.message.text}`);
    assert.ok(notifications.includes('analysis-stopped Discovery stopped at 50,000 files: 15 more candidate files were not analysed (folders with a deployment config came first). Exclude bulk data in .faasguard.yml to analyse the rest.'), notifications.join('\n'));
    assert.ok(notifications.includes('file-skipped deep.js:1 This file is too deeply nested to analyse: more than 256 levels (line 1). FaaSGuard does not analyse it; the other files are analysed.'), notifications.join('\n'));
    assert.ok(notifications.includes('project-config-error .faasguard.yml:2 Invalid glob pattern "[z-a]": the range z-a in [z-a] is backwards. It is ignored; the rest of the config applies.'), notifications.join('\n'));
    // The app is found, though its folder sorts after the fixtures: every result of a scan of the app alone.
    const plainOut = path.join(root, '..', `${path.basename(root)}-plain.sarif`);
    assert.equal(scan([EXAMPLES_DIR, '--format', 'sarif', '--output', plainOut]).code, 1);
    type R = { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] };
    const keyOf = (x: R) => `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine} ${x.ruleId} ${x.message.text}`;
    const app = (JSON.parse(fs.readFileSync(plainOut, 'utf8')).runs[0].results as R[]).map(keyOf);
    const got = new Set((run0.results as R[]).map(keyOf));
    assert.ok(app.length > 30);
    assert.deepEqual(app.filter((k) => !got.has(k)), []);
  });

  it('executes and requires nothing in the workspace, and reads nothing outside it', { timeout: 120_000 }, () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-noexec-'));
    const root = path.join(base, 'ws');
    fs.cpSync(path.join(REPO, 'examples'), root, { recursive: true });
    const markers = path.join(base, 'markers');
    fs.mkdirSync(markers);
    const mark = (name: string) => `require('fs').writeFileSync(${JSON.stringify(path.join(markers, name))}, 'ran')`;
    const touch = (name: string) => `touch ${path.join(markers, name)}`;
    // Hostile package.json scripts, local plugins, JS includes and configs that would run code.
    write(root, 'package.json', JSON.stringify({ name: 'hostile', scripts: Object.fromEntries(['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'test', 'start', 'build'].map((s) => [s, touch(`script-${s}`)])) }, null, 2));
    write(root, 'svc/serverless.yml', 'service: hostile\nprovider:\n  name: aws\n  runtime: nodejs22.x\nplugins:\n  - ./local-plugin\ncustom: ${file(./vars.js):values}\nfunctions:\n  api:\n    handler: handler.main\n    events:\n      - httpApi: POST /x\nresources:\n  - ${file(../../outside/secret.yml)}\n  - ${file(./linked.yml)}\n');
    write(root, 'svc/vars.js', `${mark('sls-js-include')};\nmodule.exports.values = () => ({ a: 1 });\n`);
    write(root, 'svc/local-plugin/index.js', `${mark('sls-plugin')};\nmodule.exports = class {};\n`);
    write(root, 'svc/handler.js', `${mark('handler-required')};\nconst helper = require('../../outside/mod.js');\nexports.main = async (event) => helper.run(event.body);\n`);
    write(root, 'svc/app.py', `open(${JSON.stringify(path.join(markers, 'python-imported'))}, 'w').write('ran')\nimport subprocess\ndef handler(event, context):\n    return subprocess.run(event['body'], shell=True)\n`);
    write(root, 'cdk/cdk.json', JSON.stringify({ app: `node -e "${mark('cdk-app').replace(/"/g, '\\"')}"` }));
    write(root, 'cdk/bin/app.ts', `${mark('cdk-entry')};\n`);
    write(root, 'tf/main.tf', `data "external" "x" {\n  program = ["sh", "-c", "${touch('tf-external')}"]\n}\nresource "null_resource" "y" {\n  provisioner "local-exec" {\n    command = "${touch('tf-local-exec')}"\n  }\n}\nlocals {\n  leaked = file("../../outside/secret.txt")\n}\n`);
    write(root, 'hooks/.faasguard-hook.js', `${mark('hook')};\n`);
    // Outside the workspace: a sink module, a CloudFormation fragment, a plain secret; links to them.
    write(base, 'outside/mod.js', "exports.run = (x) => require('child_process').exec(x);\n");
    write(base, 'outside/secret.yml', 'Resources:\n  OutsideLeakRole:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: outsidekey\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "*"\n                Resource: "*"\n');
    write(base, 'outside/secret.txt', 'OUTSIDE-SECRET-TEXT\n');
    write(base, 'outside/handler.js', "exports.handler = async (event) => require('child_process').exec(event.body);\n");
    fs.symlinkSync(path.join(base, 'outside/secret.yml'), path.join(root, 'svc/linked.yml'));
    fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'linked-dir'));
    fs.symlinkSync(path.join(base, 'outside/handler.js'), path.join(root, 'svc/linked-handler.js'));
    const old = new Date('2000-01-01T00:00:00Z');
    const outside = fs.readdirSync(path.join(base, 'outside')).map((f) => path.join(base, 'outside', f));
    for (const f of outside) fs.utimesSync(f, old, old);

    const json = scan([root, '--format', 'json']);
    const sarifFile = path.join(base, 'report.sarif');
    const sarif = scan([root, '--format', 'sarif', '--output', sarifFile]);
    for (const r of [json, sarif]) assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.ok(fs.existsSync(sarifFile));
    assert.deepEqual(fs.readdirSync(markers), [], 'nothing in the workspace ran');
    for (const f of outside) assert.equal(fs.statSync(f).atimeMs, old.getTime(), `${f} was read`);
    const text = json.stdout + json.stderr + fs.readFileSync(sarifFile, 'utf8');
    assert.doesNotMatch(text, /OutsideLeakRole|outsidekey|OUTSIDE-SECRET-TEXT/);
    const findings: { file: string; rule: string; message: string }[] = JSON.parse(json.stdout);
    assert.deepEqual(findings.filter((f) => /linked|outside|\.\./.test(f.file)), []);
    assert.ok(findings.some((f) => f.file === 'svc/serverless.yml' && f.message === 'This ${file(../../outside/secret.yml)} include resolves outside the workspace: it is not read.'));
    assert.ok(findings.some((f) => f.file === 'svc/serverless.yml' && f.message === 'This ${file(./linked.yml)} include resolves outside the workspace: it is not read.'));
  });
});
