// The GitHub Actions composite action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml):
// their command lines, taken from the files and run here as CI and pre-commit would run them
// (the action's install step, `npm ci` in the action's folder, is what `npm ci` already did here).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';

const REPO = path.join(__dirname, '..', '..');
const APP = path.join(REPO, 'examples', 'vulnerable-app');

interface Step { name: string; shell?: string; run: string; env?: Record<string, string> }
interface Action { inputs: Record<string, { default?: string; required?: boolean }>; runs: { using: string; steps: Step[] } }

function workspace(withApp: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-ci-'));
  if (withApp) fs.cpSync(APP, path.join(dir, 'app'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'clean'));
  fs.writeFileSync(path.join(dir, 'clean', 'handler.js'), "exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n");
  return dir;
}

/** Runs the action's scan step with these inputs, in a workspace, as the runner would: inputs through `env`. */
function runActionScan(action: Action, inputs: Record<string, string>, cwd: string) {
  const step = action.runs.steps.find((s) => s.name === 'Scan')!;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? '';
  const env: Record<string, string> = { ...process.env as Record<string, string>, GITHUB_ACTION_PATH: REPO };
  for (const [k, v] of Object.entries(step.env ?? {})) {
    env[k] = v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
      assert.ok(name in values, `step env names an unknown input ${name}`);
      return values[name];
    });
  }
  assert.doesNotMatch(step.run, /\$\{\{/, 'inputs reach the script through env, never pasted into it');
  return spawnSync(step.shell ?? 'bash', ['-c', step.run], { cwd, env, encoding: 'utf8' });
}

describe('GitHub Actions composite action', () => {
  const action = YAML.parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;

  it('is a composite action with the inputs path, fail-on and sarif-file', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['path', 'fail-on', 'sarif-file']);
    assert.deepEqual(Object.values(action.inputs).map((i) => i.default), ['.', 'error', 'faasguard.sarif']);
    assert.deepEqual(action.runs.steps.map((s) => s.name), ['Install FaaSGuard', 'Scan']);
    assert.equal(action.runs.steps[0].run, 'cd "$GITHUB_ACTION_PATH" && npm ci --no-audit --no-fund');
  });

  it('with its defaults: writes the SARIF of the workspace and fails on errors', () => {
    const ws = workspace(true);
    const r = runActionScan(action, {}, ws);
    assert.equal(r.status, 1, r.stderr);
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'faasguard.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'no-event-data-in-shell'));
    assert.equal(sarif.runs[0].automationDetails.id, 'faasguard/');
    assert.match(r.stderr, /wrote sarif report to faasguard\.sarif/);
  });

  it('with inputs: scans the given folder into the given file, and passes under fail-on none or when nothing is found', () => {
    const ws = workspace(true);
    const r = runActionScan(action, { path: 'app', 'fail-on': 'none', 'sarif-file': 'out/app.sarif' }, ws);
    assert.equal(r.status, 0, r.stderr);
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'out', 'app.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].automationDetails.id, 'faasguard/app/');
    assert.ok(sarif.runs[0].results.length > 30);
    assert.equal(runActionScan(action, { path: 'clean', 'fail-on': 'info' }, ws).status, 0);
    const bad = runActionScan(action, { 'fail-on': 'sometimes' }, ws);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fail-on/);
  });
});

describe('pre-commit hook', () => {
  const hooks = YAML.parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; args: string[]; language: string; pass_filenames: boolean; files: string }[];

  /** pre-commit runs `entry args...` with the package's bin on PATH (language: node). */
  function runHook(cwd: string) {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-bin-'));
    fs.writeFileSync(path.join(bin, 'faasguard'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO, 'bin', 'faasguard.js')}" "$@"\n`, { mode: 0o755 });
    const [hook] = hooks;
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    return spawnSync('bash', ['-c', [hook.entry, ...hook.args.map(quote)].join(' ')], { cwd, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
  }

  it('is one node hook that scans the whole repository and fails on errors', () => {
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'faasguard');
    assert.equal(hook.language, 'node');
    assert.equal(hook.pass_filenames, false);
    const files = new RegExp(hook.files);
    for (const f of ['serverless.yml', 'sam/template.yaml', 'cdk.json', 'main.tf', 'src/api.ts', 'lib/db.mjs', 'app.py']) assert.ok(files.test(f), f);
    for (const f of ['README.md', 'image.png', 'Dockerfile']) assert.ok(!files.test(f), f);
    const ws = workspace(true);
    const r = runHook(path.join(ws, 'app'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^src\/thumbnail\.js:8:12  error  no-event-data-in-shell/m);
    assert.equal(runHook(path.join(ws, 'clean')).status, 0);
  });
});

describe('README documents both', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

  it('the action with its inputs, and the pre-commit hook with its id', () => {
    const block = /```yaml\n([^`]*uses: [^\n]*faasguard@[^`]*)```/.exec(readme);
    assert.ok(block, 'a workflow snippet that uses the action');
    const steps = YAML.parse(block[1]) as { uses?: string; with?: Record<string, string> }[];
    const step = steps.find((s) => s.uses?.includes('/faasguard@'))!;
    for (const k of Object.keys(step.with ?? {})) assert.ok(['path', 'fail-on', 'sarif-file'].includes(k), `documented input ${k} exists`);
    assert.deepEqual(Object.keys(step.with ?? {}).sort(), ['fail-on', 'path', 'sarif-file']);
    assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')));
    const pre = /```yaml\n(repos:[^`]*)```/.exec(readme);
    assert.ok(pre, 'a .pre-commit-config.yaml snippet');
    const cfg = YAML.parse(pre[1]) as { repos: { hooks: { id: string }[] }[] };
    assert.equal(cfg.repos[0].hooks[0].id, 'faasguard');
  });
});
