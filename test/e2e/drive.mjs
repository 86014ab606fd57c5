// The end-to-end test: the packaged FaaSGuard extension in the real VS Code workbench (code-server),
// driven like a user would in headless Chromium. Started by run-e2e.sh, which installs the .vsix and
// starts code-server; the workspace is a copy of examples/vulnerable-app (plus clean generated
// handlers, see workspace.mjs). Each check is a step; after a failed step the rest are skipped.
//
// Env: CS_URL (code-server), WS (workspace on disk), RUN_DIR (profile + extensions), SHOTS
// (screenshots), E2E_TOOLS (folder with playwright-core), CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { CHROMIUM_ARGS, Workbench, log, oneLine, poll, waitForFile } from './vscode-ui.mjs';

const require = createRequire(path.join(process.env.E2E_TOOLS ?? '.', 'package.json'));
const { chromium } = require('playwright-core');

const { CS_URL, WS, RUN_DIR } = process.env;
const SHOTS = process.env.SHOTS ?? 'shots';
if (!CS_URL || !WS || !RUN_DIR) throw new Error('CS_URL, WS and RUN_DIR are required (run through run-e2e.sh)');
fs.mkdirSync(SHOTS, { recursive: true });
const EXT = fs.readdirSync(path.join(RUN_DIR, 'ext')).find((d) => d.startsWith('faasguard.faasguard-'));
const CLI = path.join(RUN_DIR, 'ext', EXT ?? 'missing', 'dist', 'cli.js'); // the CLI shipped in the .vsix
const THUMB = path.join(WS, 'src', 'thumbnail.js');
const EXPORT_PY = path.join(WS, 'invoices', 'export.py');
const SHELL_PY_LINE = 'subprocess.run(f"zip /tmp/{customer}.zip'; // invoices/export.py: the request body reaches a shell
const STATEMENTS = path.join(WS, 'iam', 'statements.yml');
const EXEC_LINE = 'exec(`convert /tmp/${key}'; // src/thumbnail.js: the S3 key reaches a shell
const ACTION_LINE = "Action: 's3:*'"; // iam/statements.yml: a wildcard action

/** The CLI on the same files: { summary: {total, error, warning, info, files, of}, findings }. */
function cliScan() {
  const r = spawnSync(process.execPath, [CLI, 'scan', WS, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const m = /(\d+) findings? \((\d+) error, (\d+) warning, (\d+) info\) in (\d+) of (\d+) files?/.exec(r.stderr);
  assert.ok(m, `CLI summary line in ${JSON.stringify(r.stderr)}`);
  const [total, error, warning, info, files, of] = m.slice(1).map(Number);
  return { summary: { total, error, warning, info, files, of }, findings: JSON.parse(r.stdout).filter((f) => !f.suppressed) };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
  env: { ...process.env, XDG_CONFIG_HOME: path.join(RUN_DIR, 'xdg-config'), XDG_CACHE_HOME: path.join(RUN_DIR, 'xdg-cache') }, // not ~/.config/chromium
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
page.setDefaultTimeout(30_000);
page.on('pageerror', (e) => log('page error:', e.message));
const wb = new Workbench(page);
const shot = async (name, clip) => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled', clip });
  log('screenshot', `${name}.png`);
};

const results = [];
async function step(name, fn) {
  if (results.some((r) => r.status === 'failed')) {
    results.push({ name, status: 'skipped' });
    return;
  }
  const start = Date.now();
  try {
    await fn();
    results.push({ name, status: 'passed' });
    console.log(`ok ${results.length} - ${name} (${((Date.now() - start) / 1000).toFixed(1)}s)`);
  } catch (e) {
    results.push({ name, status: 'failed' });
    console.log(`not ok ${results.length} - ${name}\n${String(e.stack ?? e).replace(/^/gm, '  # ')}`);
    await shot('99-failure').catch(() => {});
    log('notifications:', JSON.stringify(await wb.toastTexts().catch(() => [])));
    log('problem rows:', JSON.stringify(await wb.problemRows().catch((err) => [`(unreadable: ${err.message})`])));
    log('FaaSGuard output log (last 40 lines):\n' + serverLogText().split('\n').slice(-40).join('\n'));
  }
}

/** The FaaSGuard output channel's log files of this run (the language server's own log lines). */
function serverLogs() {
  const logsDir = path.join(RUN_DIR, 'ud', 'logs');
  if (!fs.existsSync(logsDir)) return [];
  return fs.readdirSync(logsDir, { recursive: true }).filter((f) => String(f).endsWith('FaaSGuard.log')).map((f) => path.join(logsDir, String(f)));
}
const serverLogText = () => serverLogs().map((f) => fs.readFileSync(f, 'utf8')).join('\n');

try {
  await step('the workbench opens the example workspace and the FaaSGuard status bar item appears', async () => {
    await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'serverless.yml' }).first().waitFor({ timeout: 90_000 });
    await wb.status.waitFor({ timeout: 90_000 }); // the extension activated (workspaceContains:serverless.yml)
    log('status bar:', await wb.statusLabel());
  });

  await step('opening a handler shows the squiggle, the Problems entry and the status bar count', async () => {
    await wb.openFile('src/thumbnail.js');
    await wb.waitForSquiggle(EXEC_LINE, 'error', 90_000); // extension activation + server start on a cold machine
    await poll(async () => /FaaSGuard: [1-9]\d* errors?/.test(await wb.statusLabel()), 'the status bar to count the error');
    const rows = await wb.problemRows();
    assert.ok(rows.some((r) => /in file thumbnail\.js of folder src/.test(r)), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.includes('S3 object key (event.Records[].s3.object.key) reaches child_process.exec') && r.includes('faasguard')), JSON.stringify(rows));
    // Before "Scan Workspace", files that were never opened have no entries.
    assert.deepEqual(rows.filter((r) => /in file template\.yaml of folder sam/.test(r)), []);
    log('status bar:', await wb.statusLabel(), '| problems:', rows.length, 'rows');
    await shot('01-squiggle-and-problems');
  });

  await step('hovering the squiggle shows the explanation, the flow steps and a docs link that opens rendered docs', async () => {
    const hover = await wb.hover(await wb.waitForSquiggle(EXEC_LINE, 'error'), 'FaaSGuard: no-event-data-in-shell');
    const text = oneLine(await hover.innerText());
    for (const part of ['(injection, error)', 'Data an attacker controls', 'Flow:', 'source: S3 object key', 'reaches child_process.exec', 'CWE-78', 'Rule documentation']) {
      assert.ok(text.includes(part), `hover has "${part}": ${text}`);
    }
    log('hover:', text.slice(0, 200), '...');
    await shot('02-hover');
    await hover.locator('a').filter({ hasText: 'Rule documentation' }).click();
    await page.locator('.tabs-container .tab.active').filter({ hasText: 'Preview README.md' }).waitFor();
    const doc = await wb.webviewText('Why it matters');
    assert.match(doc, /^no-event-data-in-shell$/m);
    await wb.closeWebview();
  });

  await step('Ctrl+. applies "Run without a shell": the call is rewritten, saved, and the diagnostic goes away', async () => {
    await wb.openFile('src/thumbnail.js');
    await wb.caretInto(await wb.waitForSquiggle(EXEC_LINE, 'error'));
    const row = await wb.openQuickFixMenu('Run without a shell');
    assert.ok(await page.locator('.action-widget .monaco-list-row.action').filter({ hasText: 'Ignore this no-event-data-in-shell finding' }).isVisible());
    log('quick fixes:', JSON.stringify((await page.locator('.action-widget .monaco-list-row.action').allInnerTexts()).map(oneLine)));
    await shot('03-quickfix-menu');
    await wb.pickAction(row);
    await wb.editor.locator('.view-lines').filter({ hasText: "execFile('convert'," }).waitFor();
    log('the fix is in the editor');
    await page.keyboard.press('Control+S');
    const text = await waitForFile(THUMB, (t) => t.includes('execFile('), 'the fix saved to disk');
    log('the fix is on disk');
    assert.match(text, /^const \{ exec, execFile \} = require\('child_process'\);$/m);
    assert.ok(text.includes("execFile('convert', [`/tmp/${key}`, '-resize', '128x128', `/tmp/thumb-${key}`], (err, stdout)"), text);
    await wb.waitForNoSquiggle("execFile('convert'", 'error');
    log('no squiggle on the fixed line');
    await poll(async () => !(await wb.problemRows()).some((r) => r.includes('reaches child_process.exec')), 'the finding to leave Problems');
    log('the finding left Problems');
    await shot('04-after-quickfix');
  });

  await step('a Python handler: its squiggle, then "Run without a shell" rewrites the call to an argument list', async () => {
    await wb.openFile('invoices/export.py');
    await wb.waitForSquiggle(SHELL_PY_LINE, 'error');
    // The Problems view follows the squiggle a moment later (it is updated apart from the editor):
    // it may still read "No problems" when the squiggle is drawn.
    let rows = [];
    await poll(async () => (rows = await wb.problemRows()).some((r) => r.includes('HTTP API request body (event.body) reaches subprocess with shell=True') && r.includes('faasguard')), 'the Python finding in Problems').catch(() => assert.fail(JSON.stringify(rows)));
    await shot('04b-python-squiggle');
    await wb.openFile('invoices/export.py');
    await wb.caretInto(await wb.waitForSquiggle(SHELL_PY_LINE, 'error'));
    await wb.pickAction(await wb.openQuickFixMenu('Run without a shell'));
    await wb.editor.locator('.view-lines').filter({ hasText: 'subprocess.run(["zip",' }).waitFor();
    await page.keyboard.press('Control+S');
    const text = await waitForFile(EXPORT_PY, (t) => t.includes('subprocess.run(["zip"'), 'the Python fix saved to disk');
    assert.ok(text.includes('subprocess.run(["zip", f"/tmp/{customer}.zip", "/tmp/invoices.csv"], check=True)'), text);
    assert.ok(!text.includes('shell=True'), text);
    await wb.waitForNoSquiggle('subprocess.run(["zip"', 'error');
    await poll(async () => !(await wb.problemRows()).some((r) => r.includes('reaches subprocess with shell=True')), 'the Python finding to leave Problems');
    // The other findings of the file stay.
    assert.ok((await wb.problemRows()).some((r) => r.includes('reaches a SQLite query')));
  });

  await step('"Ignore this finding..." inserts the comment with the reason selected; typing replaces it', async () => {
    await wb.openFile('iam/statements.yml');
    await wb.caretInto(await wb.waitForSquiggle(ACTION_LINE, 'warning'));
    await wb.pickAction(await wb.openQuickFixMenu('Ignore this no-wildcard-iam-action finding'));
    await wb.editor.locator('.view-lines').filter({ hasText: '# faasguard-ignore no-wildcard-iam-action: reason' }).waitFor();
    // The cursor is on the reason: the status bar shows a 6-character selection ("reason").
    const selection = page.locator('[id="status.editor.selection"]');
    await poll(async () => /\(6 selected\)/.test(await selection.innerText()), 'the placeholder reason to be selected');
    log('selection:', oneLine(await selection.innerText()));
    await page.keyboard.type('reviewed in SEC-142');
    await shot('05-ignore-with-reason');
    await page.keyboard.press('Control+S');
    const text = await waitForFile(STATEMENTS, (t) => t.includes('SEC-142'), 'the suppression saved to disk');
    assert.match(text, /^ {4}# faasguard-ignore no-wildcard-iam-action: reviewed in SEC-142\n {4}Action: 's3:\*'$/m);
    // The suppressed finding leaves; another rule's finding on the same line (the grant no code uses)
    // stays, and so does its squiggle.
    await poll(async () => !(await wb.problemRows()).some((r) => r.includes('s3:* grants')), 'the suppressed finding to leave Problems');
    assert.ok((await wb.problemRows()).some((r) => r.includes('s3:* is granted but no code')), 'the other finding of the line is still listed');
  });

  await step('Scan Workspace shows a progress notification with a file count and a Cancel button that cancels', async () => {
    await wb.runCommand('FaaSGuard: Scan Workspace');
    const progress = wb.toast(/Analysing \d+\/\d+ files/);
    await progress.waitFor();
    const text = oneLine(await progress.innerText());
    log('progress:', text);
    assert.match(text, /FaaSGuard: scanning workspace/);
    await shot('06-scan-progress');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await wb.toast('FaaSGuard: scan cancelled.').waitFor();
    assert.ok(!(await wb.toastTexts()).some((t) => /findings? \(/.test(t)), 'no summary after a cancel');
    await wb.clearNotifications();
  });

  await step('Scan Workspace finishes with a summary; Problems lists findings of unopened files, as the CLI does', async () => {
    await wb.runCommand('FaaSGuard: Scan Workspace');
    const summary = wb.toast(/FaaSGuard: \d+ findings? \(/);
    await summary.waitFor({ timeout: 120_000 });
    const text = oneLine(await summary.innerText());
    log('summary:', text);
    const cli = cliScan();
    const s = cli.summary;
    assert.ok(text.includes(`FaaSGuard: ${s.total} finding${s.total === 1 ? '' : 's'} (${s.error} error, ${s.warning} warning, ${s.info} info) in ${s.files} of ${s.of} files.`), `${text} vs CLI ${JSON.stringify(s)}`);
    await summary.getByRole('button', { name: 'Open Problems' }).click();
    await wb.problemsPanel.waitFor({ state: 'visible' });
    // The scan has published every file; the Problems view may take a moment to show them all.
    let rows = [];
    await poll(async () => {
      rows = await wb.problemRows();
      return rows.filter((r) => /generated by faasguard$/.test(r)).length === s.total;
    }, `Problems to list the ${s.total} findings`, 60_000).catch(() => {});
    for (const file of new Set(cli.findings.map((f) => f.file))) {
      const base = path.posix.basename(file);
      const dir = path.posix.dirname(file);
      const re = new RegExp(`in file ${base.replace(/\./g, '\\.')}${dir === '.' ? '' : ` of folder ${dir}`}`);
      assert.ok(rows.some((r) => re.test(r)), `Problems has ${file}: ${JSON.stringify(rows.filter((r) => /problems? in file/.test(r)))}`);
    }
    assert.equal(rows.filter((r) => /generated by faasguard$/.test(r)).length, s.total, 'one Problems row for each finding');
    assert.ok(rows.some((r) => /in file template\.yaml of folder sam/.test(r)), 'the never-opened sam/template.yaml is listed');
    const label = await wb.statusLabel();
    assert.equal(label, `FaaSGuard: ${s.error} error${s.error === 1 ? '' : 's'}, ${s.warning} warning${s.warning === 1 ? '' : 's'}, ${s.info} info`);
    log('status bar:', label, '| problem rows:', rows.length);
    await shot('07-scan-summary-and-problems');
  });

  await step('clicking the status bar item opens the Problems view', async () => {
    await page.keyboard.press('Control+J'); // hide the panel
    await wb.problemsPanel.waitFor({ state: 'hidden' });
    const box = await page.locator('.part.statusbar').boundingBox();
    await shot('08-status-bar', { x: 0, y: box.y - 4, width: 700, height: box.height + 4 });
    await wb.status.click();
    await wb.problemsPanel.waitFor({ state: 'visible' });
  });

  await step('Export SARIF Report writes faasguard.sarif, byte for byte the CLI\'s SARIF, and says where', async () => {
    const target = path.join(WS, 'faasguard.sarif');
    await wb.runCommand('FaaSGuard: Export SARIF Report');
    const note = wb.toast('SARIF report');
    await note.waitFor();
    const text = oneLine(await note.innerText());
    log('export:', text);
    assert.ok(text.includes(`written to ${target}`), text);
    const written = await waitForFile(target, (t) => t.endsWith('}\n'), 'faasguard.sarif');
    const fromCli = execFileSync(process.execPath, [CLI, 'scan', WS, '--format', 'sarif', '--fail-on', 'none'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.equal(written, fromCli);
    const sarif = JSON.parse(written);
    assert.equal(sarif.version, '2.1.0');
    assert.ok(text.includes(`(${sarif.runs[0].results.length} result`), text);
    await shot('09-sarif-exported');
    await wb.clearNotifications();
  });

  await step('Show Rule Documentation opens a rule\'s README as rendered markdown', async () => {
    await wb.openFile('src/thumbnail.js');
    await wb.goTo(1, 1); // on no finding, so the command asks which rule
    await wb.runCommand('FaaSGuard: Show Rule Documentation');
    await page.locator('.quick-input-widget .quick-input-box input[placeholder="FaaSGuard rule"]').waitFor();
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor(); // every rule, with its summary
    await shot('10-rule-documentation-pick');
    await wb.quickInput.fill('require-function-tracing');
    await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'require-function-tracing' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active').filter({ hasText: 'Preview README.md' }).waitFor();
    const doc = await wb.webviewText('Fixed example');
    assert.match(doc, /^require-function-tracing$/m); // the "# " title rendered as a heading, not shown as text
    assert.ok(!doc.includes('## Why it matters'));
    await shot('11-rule-documentation');
    await wb.closeWebview();
  });

  await step('an invalid .faasguard.yml gets a diagnostic in that file, which goes away once fixed', async () => {
    const config = path.join(WS, '.faasguard.yml');
    fs.writeFileSync(config, 'rules:\n  require-function-tracing: loud\n');
    await wb.openFromExplorer('.faasguard.yml');
    await wb.waitForSquiggle('loud', 'error');
    const rows = await wb.problemRows();
    assert.ok(rows.some((r) => r.includes('The level of require-function-tracing must be off, info, warning or error.')), JSON.stringify(rows));
    await shot('12-invalid-config');
    // Reading the Problems view can leave another file active (focusing its list may preview a row):
    // bring the config back, and type only once its editor is the active one.
    await wb.openFromExplorer('.faasguard.yml');
    await wb.editor.locator('.view-lines').filter({ hasText: 'loud' }).waitFor();
    await wb.editor.locator('.view-lines').click();
    await page.locator('.tabs-container .tab.active').filter({ hasText: '.faasguard.yml' }).waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('rules:\n  require-function-tracing: "off"\n');
    await page.keyboard.press('Control+S');
    await waitForFile(config, (t) => t.includes('"off"'), 'the fixed config on disk');
    await wb.waitForNoSquiggle('require-function-tracing', 'error');
  });

  await step('the language server logged no errors', async () => {
    assert.ok(serverLogs().length > 0, 'the FaaSGuard output log exists');
    const text = serverLogText();
    assert.ok(!/\[error\]|failed:/.test(text), text.split('\n').filter((l) => /\[error\]|failed:/.test(l)).join('\n'));
  });
} finally {
  await browser.close();
}

const count = (s) => results.filter((r) => r.status === s).length;
const [passed, failed, skipped] = [count('passed'), count('failed'), count('skipped')];
for (const r of results.filter((x) => x.status === 'skipped')) console.log(`skipped - ${r.name}`);
fs.writeFileSync(path.join(RUN_DIR, 'result.txt'), `${passed} ${failed} ${skipped}\n`);
console.log(`drive: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed ? 1 : 0;
