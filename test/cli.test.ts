// The CLI as a user runs it: the bundled bin, real processes, exit codes and output formats.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'faasguard.js');
const EXAMPLES = path.join(REPO, 'examples');

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('faasguard scan', () => {
  it('prints file:line:col severity rule message for the example app, with paths relative to the folder, and exits 1', () => {
    const r = run(['scan', 'examples']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('vulnerable-app/src/thumbnail.js:8:12  error  no-event-data-in-shell  S3 object key (event.Records[].s3.object.key) reaches child_process.exec'), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('vulnerable-app/iam/statements.yml:4:13  warning  no-wildcard-iam-action  s3:* grants')), r.stdout);
    for (const l of lines) assert.match(l, /^[^\s:]+:\d+:\d+  (error|warning|info)  [a-z0-9-]+  .+$/);
    assert.match(r.stderr, /\d+ findings \(\d+ error, \d+ warning, \d+ info\)/);
  });

  it('exits 0 when nothing is at or above --fail-on, and 1 when something is', () => {
    assert.equal(run(['scan', 'examples', '--fail-on', 'none']).code, 0);
    assert.equal(run(['scan', 'examples', '--fail-on', 'error']).code, 1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-cli-'));
    fs.writeFileSync(path.join(dir, 'handler.js'), "exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n");
    assert.equal(run(['scan', dir]).code, 0);
  });

  it('exits 2 with a message for a usage error or a missing path', () => {
    const a = run(['scan', 'no/such/folder']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /no such file or folder: no\/such\/folder/);
    const b = run(['scan', '--format', 'xml']);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /--format must be text, json or sarif/);
    assert.equal(run(['frobnicate']).code, 2);
    assert.equal(run(['scan', '--fail-on']).code, 2);
  });

  it('writes JSON and SARIF 2.1.0 with rule categories, embedded docs, regions and code flows', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-cli-'));
    const out = path.join(dir, 'report.sarif');
    const r = run(['scan', 'examples', '--format', 'sarif', '--output', out]);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    for (const rule of run0.tool.driver.rules) {
      assert.ok(['injection', 'permissions', 'logging', 'secrets', 'misconfiguration'].includes(rule.properties.category), rule.id);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.markdown, rule.id);
    }
    assert.ok(run0.results.length > 0);
    for (const res of run0.results) {
      assert.ok(res.ruleId && res.level && res.message.text);
      const reg = res.locations[0].physicalLocation.region;
      assert.ok(reg.startLine >= 1 && reg.startColumn >= 1 && reg.endLine >= reg.startLine && reg.endColumn >= 1);
      assert.ok(!res.locations[0].physicalLocation.artifactLocation.uri.startsWith('/'));
    }
    type Result = { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; codeFlows: { threadFlows: { locations: unknown[] }[] }[]; properties: Record<string, unknown> };
    const shellIn = (uri: string) => (run0.results as Result[]).find((x) => x.ruleId === 'no-event-data-in-shell' && x.locations[0].physicalLocation.artifactLocation.uri === uri)!;
    const shell = shellIn('vulnerable-app/src/thumbnail.js');
    assert.ok(shell.codeFlows[0].threadFlows[0].locations.length >= 2);
    assert.deepEqual(shell.properties, { category: 'injection', messageId: 'flow', trigger: 's3', triggerInferred: false });
    // The Python handler's flow too, from the request body to subprocess.
    const py = shellIn('vulnerable-app/invoices/export.py');
    assert.equal(py.locations[0].physicalLocation.region.startLine, 18);
    assert.ok(py.codeFlows[0].threadFlows[0].locations.length >= 3);
    const json = JSON.parse(run(['scan', 'examples', '--format', 'json']).stdout);
    assert.ok(json.some((f: { file: string; ruleId: string; line: number }) => f.file === 'vulnerable-app/src/thumbnail.js' && f.ruleId === 'no-event-data-in-shell' && f.line === 8));
  });

  it('reads .faasguard.yml: severities, off, and excludes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-cli-'));
    fs.cpSync(path.join(EXAMPLES, 'vulnerable-app'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.faasguard.yml'), 'rules:\n  require-function-tracing: off\n  no-wildcard-iam-action: error\nexclude:\n  - sam/**\n');
    const r = run(['scan', dir]);
    assert.doesNotMatch(r.stdout, /require-function-tracing/);
    assert.doesNotMatch(r.stdout, /sam\/template.yaml/);
    assert.match(r.stdout, /iam\/statements.yml:4:13  error  no-wildcard-iam-action/);
  });

  it('survives malformed YAML, binary junk, an alias bomb, 20,000-level JSON and a 5 MB template beside real findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-cli-bad-'));
    fs.cpSync(path.join(EXAMPLES, 'vulnerable-app'), path.join(dir, 'app'), { recursive: true });
    const w = (rel: string, text: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    w('bad/malformed/serverless.yml', 'service: x\nprovider:\n  iam: [oops\n  name: aws\n');
    w('bad/binary/template.yaml', Buffer.from([0x41, 0x57, 0x53, 0, 1, 2, 3, 0xff, 0xfe]));
    let bomb = 'AWSTemplateFormatVersion: "2010-09-09"\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    w('bad/bomb/template.yaml', bomb + 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies: *a11\n');
    w('bad/deep/template.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ' + '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) + '}');
    w('bad/huge/template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' + '# padding line of a huge template\n'.repeat(160_000));
    w('bad/handler.js', 'exports.handler = async (event) => { require("child_process").exec(event.body\n');
    const r = spawnSync(process.execPath, [BIN, 'scan', dir], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /internal error|internal-error/);
    assert.match(r.stdout, /^app\/src\/thumbnail\.js:8:12  error  no-event-data-in-shell/m);
    assert.match(r.stdout, /^bad\/malformed\/serverless\.yml:\d+:\d+  error  parse-error/m);
    assert.match(r.stdout, /^bad\/deep\/template\.json:1:\d+  warning  file-skipped  This file is too deeply nested to analyse: more than 512 levels \(line 1\)\./m);
    assert.match(r.stdout, /^bad\/huge\/template\.yaml:1:1  info  file-skipped/m);
    assert.match(r.stdout, /^bad\/binary\/template\.yaml:1:1  info  file-skipped/m);
  });

  it('lists the rules and prints its version', () => {
    const r = run(['rules']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /no-event-data-in-shell\s+injection\s+error/);
    assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
