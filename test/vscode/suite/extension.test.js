// The extension inside a real VS Code extension host, against a copy of examples/vulnerable-app
// (opened as the workspace by ../run.mjs). Tests run in order and build on each other's edits.
// Plain JavaScript on purpose: it is loaded by VS Code as is, outside the project's tsc build.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXT_ID = 'faasguard.faasguard';
const root = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const uriOf = (rel) => vscode.Uri.file(path.join(root(), rel));

function faasguard(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'faasguard');
}
const codeOf = (d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Resolves with test()'s first truthy value, re-checked on every diagnostics change. */
function waitFor(test, what, timeout = 30_000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = test();
      if (v) {
        done();
        resolve(v);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const poll = setInterval(check, 200); // also catches changes that are not diagnostics (tabs, files)
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeout);
    const done = () => {
      sub.dispose();
      clearInterval(poll);
      clearTimeout(timer);
    };
    check();
  });
}

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  return vscode.window.showTextDocument(doc);
}

async function quickFixes(uri, range) {
  return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the extension activates in the example workspace', async () => {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `${EXT_ID} is installed`);
  await ext.activate();
  assert.ok(ext.isActive);
  const commands = await vscode.commands.getCommands(true);
  for (const c of ['faasguard.scanWorkspace', 'faasguard.exportSarif', 'faasguard.showRuleDocumentation', 'faasguard.showOutput', 'faasguard.restartServer']) {
    assert.ok(commands.includes(c), c);
  }
});

test('opening a handler publishes the finding with its rule, docs link and flow', async () => {
  const editor = await open('src/thumbnail.js');
  const d = await waitFor(() => faasguard(editor.document.uri).find((x) => codeOf(x) === 'no-event-data-in-shell'), 'the shell finding', 90_000);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.deepEqual([d.range.start.line, d.range.start.character], [7, 11]);
  assert.match(d.code.target.toString(), /\/rules\/no-event-data-in-shell\/README\.md$/);
  assert.deepEqual(d.relatedInformation.map((r) => r.message), ['source: S3 object key (event.Records[].s3.object.key)', 'assigned to key', 'reaches child_process.exec']);
});

test('the hover explains the finding, lists the flow and links to the rendered docs', async () => {
  const uri = uriOf('src/thumbnail.js');
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(7, 20));
  const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  assert.match(text, /FaaSGuard: no-event-data-in-shell/);
  assert.match(text, /Flow:\n1\. source: S3 object key/);
  assert.match(text, /\[Rule documentation\]\(command:faasguard\.showRuleDocumentation\?/);
});

test('the quick fix rewrites exec() to execFile() and the finding goes away', async () => {
  const editor = await open('src/thumbnail.js');
  const d = faasguard(editor.document.uri).find((x) => codeOf(x) === 'no-event-data-in-shell');
  const actions = await quickFixes(editor.document.uri, d.range);
  const fix = actions.find((a) => a.title.startsWith('Run without a shell'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.ok(actions.some((a) => a.title === 'Ignore this no-event-data-in-shell finding (with a reason)'));
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.ok(editor.document.getText().includes("execFile('convert', [`/tmp/${key}`, '-resize', '128x128', `/tmp/thumb-${key}`]"));
  await waitFor(() => !faasguard(editor.document.uri).some((x) => codeOf(x) === 'no-event-data-in-shell'), 'the finding to go away');
  assert.ok(await editor.document.save());
});

test('"Ignore this finding" writes the comment and selects the reason', async () => {
  const editor = await open('iam/statements.yml');
  const d = await waitFor(() => faasguard(editor.document.uri).find((x) => codeOf(x) === 'no-wildcard-iam-action'), 'the wildcard finding');
  const ignore = (await quickFixes(editor.document.uri, d.range)).find((a) => a.title.startsWith('Ignore this no-wildcard-iam-action finding'));
  assert.ok(ignore && ignore.command);
  assert.ok(await vscode.workspace.applyEdit(ignore.edit));
  await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
  assert.equal(editor.document.getText(editor.selection), 'reason');
  assert.match(editor.document.lineAt(editor.selection.start.line).text, /^ {4}# faasguard-ignore no-wildcard-iam-action: reason$/);
  await editor.edit((b) => b.replace(editor.selection, 'reviewed in SEC-142'));
  await waitFor(() => !faasguard(editor.document.uri).some((x) => codeOf(x) === 'no-wildcard-iam-action'), 'the suppressed finding to go away');
  assert.ok(await editor.document.save());
});

test('Scan Workspace reports files that were never opened, and its summary matches them', async () => {
  const template = uriOf('sam/template.yaml');
  assert.equal(faasguard(template).length, 0, 'nothing for the unopened template before the scan');
  const summary = await vscode.commands.executeCommand('faasguard.scanWorkspace');
  assert.equal(summary.cancelled, false);
  assert.ok(summary.files >= 8, JSON.stringify(summary));
  assert.ok(faasguard(template).some((x) => codeOf(x) === 'require-function-tracing'), 'the unopened template has its findings');
  const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((x) => x.source === 'faasguard'));
  const count = (s) => all.filter((x) => x.severity === s).length;
  assert.deepEqual(
    [summary.error, summary.warning, summary.info],
    [count(vscode.DiagnosticSeverity.Error), count(vscode.DiagnosticSeverity.Warning), count(vscode.DiagnosticSeverity.Information) + count(vscode.DiagnosticSeverity.Hint)],
  );
});

test('Export SARIF Report writes faasguard.sarif, the same as the CLI', async () => {
  const target = await vscode.commands.executeCommand('faasguard.exportSarif');
  assert.equal(target.fsPath, path.join(root(), 'faasguard.sarif'));
  const written = fs.readFileSync(target.fsPath, 'utf8');
  const cli = path.join(vscode.extensions.getExtension(EXT_ID).extensionPath, 'dist', 'cli.js');
  const fromCli = execFileSync(process.execPath, [cli, 'scan', root(), '--format', 'sarif', '--fail-on', 'none'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, // in desktop VS Code, execPath is Electron
  });
  assert.equal(written, fromCli);
  assert.equal(JSON.parse(written).version, '2.1.0');
});

test('Show Rule Documentation opens the README as a rendered markdown preview', async () => {
  await vscode.commands.executeCommand('faasguard.showRuleDocumentation', 'require-function-tracing');
  await waitFor(
    () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
    'a markdown preview tab',
  );
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('an invalid .faasguard.yml gets a diagnostic in that file', async () => {
  const config = uriOf('.faasguard.yml');
  fs.writeFileSync(config.fsPath, 'rules:\n  require-function-tracing: loud\n');
  await open('.faasguard.yml');
  const d = await waitFor(() => faasguard(config).find((x) => codeOf(x) === 'project-config-error'), 'the config diagnostic');
  assert.equal(d.message, 'The level of require-function-tracing must be off, info, warning or error.');
  assert.equal(d.range.start.line, 1);
});

module.exports = { tests };
