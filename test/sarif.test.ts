// SARIF for code scanning: valid against the SARIF 2.1.0 schema (test/schemas/, with its source),
// links to the tool's repository and never to the machine that ran the scan, an automation id per
// scanned folder, and fingerprints that survive rewording and moved lines but not a different token.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { allRules } from '../rules/index.js';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Finding } from '../server/src/engine/types.js';
import { locate } from '../server/src/report/locate.js';
import { Locator } from '../server/src/report/ranges.js';
import { repositoryWebUrl, ruleHelpUrl } from '../server/src/report/repository.js';
import { toSarif } from '../server/src/report/sarif.js';
import { ScopeReader } from '../server/src/report/scope.js';
import { normalisedToken } from '../server/src/report/fingerprint.js';

const REPO = path.join(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'faasguard.js');

type Sarif = {
  runs: {
    tool: { driver: { informationUri?: string; rules: { id: string; helpUri?: string; help: { markdown: string } }[] } };
    automationDetails: { id: string };
    results: { ruleId: string; message: { text: string }; partialFingerprints: Record<string, string>; properties: Record<string, unknown>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
  }[];
};

function validator() {
  // unicodeRegExp off: one pattern of the schema (a language tag) is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)));
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  return ajv.compile(schema);
}

function cliSarif(args: string[], cwd = REPO): Sarif {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fg-sarif-')), 'r.sarif');
  const r = spawnSync(process.execPath, [BIN, 'scan', ...args, '--format', 'sarif', '--output', out, '--fail-on', 'none'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Sarif;
}

const ROOT = '/ws';
function sarifOf(files: Record<string, string>, opts: Parameters<typeof toSarif>[4] = {}): Sarif {
  const map = new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]));
  const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
  const { results } = engine.analyzeWorkspace();
  const loc = new Locator(ROOT, (f) => map.get(f));
  return toSarif(allRules, locate(loc, results as Map<string, Finding[]>), loc, '0.0.0', { repositoryUrl: null, ...opts }) as Sarif;
}

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema: the example app, and a workspace with parse errors and suppressions', () => {
    const validate = validator();
    const examples = cliSarif(['examples']);
    assert.ok(examples.runs[0].results.length > 30);
    assert.ok(validate(examples), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-sarif-bad-'));
    fs.writeFileSync(path.join(dir, 'serverless.yml'), 'service: x\nprovider:\n  iam: [oops\n');
    fs.writeFileSync(path.join(dir, 'h.js'), "const { exec } = require('child_process');\n// faasguard-ignore no-event-data-in-shell: the command is fixed by the caller\nexports.handler = async (event) => exec(event.body);\n");
    const bad = cliSarif([dir]);
    assert.ok(validate(bad), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    // The schema is really checked: a result without a message fails.
    const broken = structuredClone(examples) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0].results[0].message;
    assert.equal(validate(broken), false);
  });

  it('names no local path: no helpUri or informationUri without a repository in package.json, the docs in help.markdown', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { repository?: unknown };
    assert.equal(pkg.repository, undefined, 'this test is about the package without a repository field');
    const run = cliSarif(['examples']).runs[0];
    assert.equal(run.tool.driver.informationUri, undefined);
    for (const r of run.tool.driver.rules) {
      assert.equal(r.helpUri, undefined, r.id);
      assert.ok(r.help.markdown.startsWith(`# ${r.id}`), r.id);
    }
    const text = JSON.stringify({ ...run, originalUriBaseIds: undefined });
    assert.doesNotMatch(text, /file:\/\//);
    assert.ok(!text.includes(REPO), 'no path of this checkout');
  });

  it('links rules to the repository named in package.json', () => {
    assert.equal(repositoryWebUrl({ type: 'git', url: 'git+https://github.com/acme/faasguard.git' }), 'https://github.com/acme/faasguard');
    assert.equal(repositoryWebUrl('github:acme/faasguard'), 'https://github.com/acme/faasguard');
    assert.equal(repositoryWebUrl('acme/faasguard'), 'https://github.com/acme/faasguard');
    assert.equal(repositoryWebUrl('git@gitlab.com:acme/tools/faasguard.git'), 'https://gitlab.com/acme/tools/faasguard');
    assert.equal(repositoryWebUrl('https://user@git.example.com/acme/faasguard'), 'https://git.example.com/acme/faasguard');
    assert.equal(repositoryWebUrl(''), undefined);
    assert.equal(repositoryWebUrl({ type: 'git' }), undefined);
    assert.equal(repositoryWebUrl('file:///home/me/faasguard'), undefined);
    assert.equal(ruleHelpUrl('https://github.com/acme/faasguard', 'no-event-data-in-shell'), 'https://github.com/acme/faasguard/blob/HEAD/rules/no-event-data-in-shell/README.md');
    assert.equal(ruleHelpUrl('https://gitlab.com/acme/faasguard', 'x-y'), 'https://gitlab.com/acme/faasguard/-/blob/HEAD/rules/x-y/README.md');
    assert.equal(ruleHelpUrl('https://git.example.com/acme/faasguard', 'x-y'), undefined);
    const run = sarifOf({ 'h.js': 'exports.handler = async () => 1;\n' }, { repositoryUrl: 'https://github.com/acme/faasguard' }).runs[0];
    assert.equal(run.tool.driver.informationUri, 'https://github.com/acme/faasguard');
    assert.equal(run.tool.driver.rules.find((r) => r.id === 'no-event-data-in-shell')!.helpUri, 'https://github.com/acme/faasguard/blob/HEAD/rules/no-event-data-in-shell/README.md');
  });

  it('gives each scanned folder its own automationDetails.id', () => {
    assert.equal(cliSarif(['examples']).runs[0].automationDetails.id, 'faasguard/examples/');
    assert.equal(cliSarif(['examples/vulnerable-app/sam']).runs[0].automationDetails.id, 'faasguard/examples/vulnerable-app/sam/');
    assert.equal(cliSarif(['.'], path.join(REPO, 'examples')).runs[0].automationDetails.id, 'faasguard/');
    assert.equal(cliSarif(['examples/vulnerable-app/sam/template.yaml']).runs[0].automationDetails.id, 'faasguard/examples/vulnerable-app/sam/', 'a file: its folder');
    // An absolute path goes by the folder's name, as the editor's SARIF export names its workspace
    // folder: the two are the same document for the same folder.
    const sam = path.join(REPO, 'examples', 'vulnerable-app', 'sam');
    assert.equal(cliSarif([sam]).runs[0].automationDetails.id, 'faasguard/sam/');
    const map = new Map([[`${sam}/x.js`, 'exports.handler = async () => 1;\n']]);
    assert.equal((toSarif(allRules, [], new Locator(sam, (f) => map.get(f)), '0') as Sarif).runs[0].automationDetails.id, 'faasguard/sam/');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-sarif-out-'));
    fs.writeFileSync(path.join(outside, 'h.js'), 'exports.handler = async () => 1;\n');
    assert.equal(cliSarif([outside]).runs[0].automationDetails.id, `faasguard/${path.basename(outside)}/`);
  });
});

describe('SARIF fingerprints', () => {
  const handler = (pad: string, cmd: string) =>
    `const { exec } = require('child_process');\n${pad}exports.handler = async (event) => {\n  exec('ls ' + event.${cmd});\n};\nexports.main = async (event, context) => {\n  exec('ls ' + event.${cmd});\n};\n`;
  const prints = (s: Sarif) => s.runs[0].results.filter((r) => r.ruleId === 'no-event-data-in-shell').map((r) => r.partialFingerprints['faasguard/v2']);

  it('stay the same when lines move and when a message is reworded, and tell apart two functions', () => {
    const a = prints(sarifOf({ 'h.js': handler('', 'body') }));
    assert.equal(a.length, 2);
    assert.notEqual(a[0], a[1], 'the same token in another function is another alert');
    for (const p of a) assert.match(p, /^[0-9a-f]{32}$/);
    assert.deepEqual(prints(sarifOf({ 'h.js': handler('// a comment\n\n\n', 'body') })), a, 'lines added above');
    // A reworded message: the same finding with other text (what a new wording or new IAM data gives).
    const map = new Map([[`${ROOT}/h.js`, handler('', 'body')]]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: allRules });
    const loc = new Locator(ROOT, (f) => map.get(f));
    const items = locate(loc, engine.analyzeWorkspace().results as Map<string, Finding[]>);
    const reworded = items.map((i) => ({ ...i, finding: { ...i.finding, message: i.finding.message + ' (reworded)' } }));
    assert.deepEqual(prints(toSarif(allRules, reworded, loc, '0', { repositoryUrl: null }) as Sarif), a);
    assert.notDeepEqual(prints(sarifOf({ 'h.js': handler('', 'path') })), a, 'another token is another alert');
  });

  it('are distinct across the results of the example app', () => {
    const results = cliSarif(['examples']).runs[0].results;
    const prints = results.map((r) => r.partialFingerprints['faasguard/v2']);
    assert.equal(new Set(prints).size, prints.length);
  });

  it('normalise the token: whitespace runs as one space; an empty span reads the rest of its line', () => {
    assert.equal(normalisedToken('a:\n  Action:   [ "s3:*",\n    "sqs:*" ]\n', 5, 38), 'Action: [ "s3:*", "sqs:*" ]');
    assert.equal(normalisedToken('provider:\n  name: aws\n', 0, 0), 'provider:');
  });

  it('are the same for the same finding in the IAM config when a count in its message changes', () => {
    const sls = (extra: string) => `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: s3:*\n          Resource: '*'\n${extra}functions:\n  a:\n    handler: h.handler\n`;
    const one = sarifOf({ 'serverless.yml': sls(''), 'h.js': 'exports.handler = async () => 1;\n' }).runs[0].results;
    const two = sarifOf({ 'serverless.yml': sls('custom:\n  x: 1\n'), 'h.js': 'exports.handler = async () => 1;\n' }).runs[0].results;
    const wild = (rs: Sarif['runs'][0]['results']) => rs.find((r) => r.ruleId === 'no-wildcard-iam-action')!;
    assert.ok(wild(one) && wild(two));
    assert.equal(wild(one).partialFingerprints['faasguard/v2'], wild(two).partialFingerprints['faasguard/v2']);
    assert.equal(wild(one).properties.messageId, 'wildcard-action');
  });

  it('read the enclosing function or resource', () => {
    const s = new ScopeReader();
    const js = 'class A {\n  run() {\n    const f = () => {\n      x();\n    };\n  }\n}\nexports.handler = function () { y(); };\n';
    assert.equal(s.scopeAt('/a.js', js, js.indexOf('x()')), 'A.run.f');
    assert.equal(s.scopeAt('/a.js', js, js.indexOf('y()')), 'exports.handler');
    const py = 'import os\n\nclass H:\n    def handle(self, event):\n        if event:\n            os.system(event)\n\ndef main(e):\n    pass\n';
    assert.equal(s.scopeAt('/a.py', py, py.indexOf('os.system')), 'H.handle');
    assert.equal(s.scopeAt('/a.py', py, py.indexOf('pass')), 'main');
    const yml = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n';
    assert.equal(s.scopeAt('/t.yaml', yml, yml.indexOf('nodejs20.x')), 'Resources.Fn');
    const tf = 'resource "aws_lambda_function" "f" {\n  runtime = "nodejs20.x"\n}\n';
    assert.equal(s.scopeAt('/m.tf', tf, tf.indexOf('nodejs20.x')), 'resource.aws_lambda_function.f');
    assert.equal(s.scopeAt('/t.json', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), 20000), 'a.a', 'deep JSON is bounded');
    assert.equal(s.scopeAt('/bad.yml', 'a: [oops\n', 4), 'a', 'YAML with an error: what can be read');
    assert.equal(s.scopeAt('/x.txt', 'anything', 2), '', 'a file of no known kind');
  });
});
