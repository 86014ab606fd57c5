// `npm run new-rule`, in a temporary copy of the repository: it writes the rule folder, and the
// build and docs it runs register the rule in the index, the README table and the settings schema;
// the new rules pass the rule tests and the generated-docs tests of the copy as written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'out', 'dist', '.git', '.vscode-test', '.vscode-e2e', 'bench-results']);

function copyRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-new-rule-'));
  for (const e of fs.readdirSync(REPO)) {
    if (SKIP.has(e) || e.endsWith('.vsix')) continue;
    fs.cpSync(path.join(REPO, e), path.join(dir, e), { recursive: true, dereference: false });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

const newRule = (cwd: string, args: string[]) => spawnSync('npm', ['run', '--silent', 'new-rule', '--', ...args], { cwd, encoding: 'utf8' });

describe('npm run new-rule', () => {
  it('refuses a bad id, category or scope, and an existing rule, writing nothing', () => {
    const dir = copyRepo();
    const before = fs.readdirSync(path.join(dir, 'rules')).sort();
    for (const [args, msg] of [
      [['NoThing', '--category', 'logging', '--scope', 'model'], /not kebab-case and verb-first/],
      [['no-thing', '--category', 'speed', '--scope', 'model'], /--category must be one of/],
      [['no-thing', '--category', 'logging', '--scope', 'both'], /--scope must be model or code/],
      [['no-thing', '--category', 'logging'], /--scope must be model or code/],
    ] as [string[], RegExp][]) {
      const r = newRule(dir, [...args, '--no-build']);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, msg);
    }
    const dup = newRule(dir, ['no-event-data-in-shell', '--category', 'injection', '--scope', 'code', '--no-build']);
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /rules\/no-event-data-in-shell exists already/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'rules')).sort(), before);
  });

  it('writes a code rule and a model rule that build, register and pass the rule tests', { timeout: 600_000 }, () => {
    const dir = copyRepo();
    const code = newRule(dir, ['no-debugger-statement', '--category', 'misconfiguration', '--scope', 'code', '--no-build']);
    assert.equal(code.status, 0, code.stderr);
    const model = newRule(dir, ['no-debug-mode', '--category', 'misconfiguration', '--scope', 'model']);
    assert.equal(model.status, 0, model.stderr);
    for (const id of ['no-debugger-statement', 'no-debug-mode']) {
      const rd = path.join(dir, 'rules', id);
      assert.deepEqual(fs.readdirSync(rd).sort(), ['README.md', 'cases', 'rule.ts', 'snapshots']);
      const readme = fs.readFileSync(path.join(rd, 'README.md'), 'utf8');
      assert.deepEqual([...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]), ['What it finds', 'Why it matters', 'Example', 'Fixed example', 'References']);
      const cases = fs.readdirSync(path.join(rd, 'cases')).map((f) => fs.readFileSync(path.join(rd, 'cases', f), 'utf8'));
      assert.ok(cases.some((t) => t.includes(`ruleid: ${id}`)) && cases.some((t) => t.includes(`ok: ${id}`)), 'one invalid and one valid case');
      // Regenerated: the index, the README table and the settings schema.
      assert.match(fs.readFileSync(path.join(dir, 'rules', 'index.ts'), 'utf8'), new RegExp(`from './${id}/rule.js'`));
      assert.match(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), new RegExp(`^\\| \\[\`${id}\`\\]\\(rules/${id}/README.md\\) \\| misconfiguration \\| warning \\|`, 'm'));
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      assert.equal(pkg.contributes.configuration.properties['faasguard.rules'].properties[id].default, 'warning');
    }
    // The copy's own tests for rules and generated docs pass with the new rules in them.
    // A test run of its own (not a child of this one: the runner marks its children through NODE_TEST_CONTEXT).
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const t = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'out/test/rules.test.js', 'out/test/docs.test.js', 'out/test/layering.test.js'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(t.status, 0, t.stdout.split('\n').filter((l) => /not ok|error|expected|actual/.test(l)).slice(0, 30).join('\n'));
    assert.match(t.stdout, /# fail 0/);
    assert.match(t.stdout, /rule no-debug-mode/);
    assert.match(t.stdout, /rule no-debugger-statement/);
  });
});
