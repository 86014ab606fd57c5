// The language server over stdio, spoken to in JSON-RPC: diagnostics on open and on change, quick
// fixes that remove their diagnostic, hover, the workspace scan with progress and cancellation,
// robustness, and a clean exit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, type Diag } from './lsp-client.js';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'vulnerable-app');

interface TextEdit {
  range: Diag['range'];
  newText: string;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('language server over stdio', () => {
  let ws: string;
  let client: LspClient;

  before(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-lsp-'));
    fs.cpSync(EXAMPLE, ws, { recursive: true });
    client = new LspClient();
    const init = (await client.initialize(ws)) as { capabilities: { executeCommandProvider: { commands: string[] }; hoverProvider: boolean } };
    assert.deepEqual(init.capabilities.executeCommandProvider.commands.sort(), ['faasguard.exportSarif', 'faasguard.scanWorkspace']);
    assert.equal(init.capabilities.hoverProvider, true);
  });

  after(async () => {
    if (client.proc.exitCode === null) client.proc.kill();
  });

  async function open(rel: string, languageId: string) {
    const uri = 'file://' + path.join(ws, rel);
    const text = fs.readFileSync(path.join(ws, rel), 'utf8');
    const since = client.received.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const pub = await client.diagnostics(uri, since);
    return { uri, text, pub };
  }

  async function fixAndRepublish(uri: string, text: string, version: number, d: Diag, titlePrefix: string) {
    const actions = await client.request<{ title: string; edit: { changes: Record<string, TextEdit[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    const action = actions.find((a) => a.title.startsWith(titlePrefix));
    assert.ok(action, `a quick fix starting with "${titlePrefix}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    const newText = applyEdits(text, action.edit.changes[uri]);
    const since = client.received.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: newText }] });
    const pub = await client.diagnostics(uri, since, 'diagnostics after the fix');
    return { newText, pub };
  }

  it('publishes diagnostics with code, docs link and source when a config is opened, and a quick fix removes one', async () => {
    const { uri, text, pub } = await open('serverless.yml', 'yaml');
    const d = pub.diagnostics.find((x) => x.code === 'require-function-tracing');
    assert.ok(d, JSON.stringify(pub.diagnostics));
    assert.equal(d.source, 'faasguard');
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/rules\/require-function-tracing\/README\.md$/);
    assert.equal(d.severity, 3);
    assert.deepEqual(d.range.start, { line: 4, character: 0 });
    const { newText, pub: after } = await fixAndRepublish(uri, text, 2, d, 'Turn on X-Ray tracing');
    assert.match(newText, /\n  tracing:\n    lambda: true\n/);
    assert.ok(!after.diagnostics.some((x) => x.code === 'require-function-tracing'), JSON.stringify(after.diagnostics));
  });

  it('reports a taint flow in a handler with its steps, hovers it, and fixes it', async () => {
    const { uri, text, pub } = await open('src/thumbnail.js', 'javascript');
    const d = pub.diagnostics.find((x) => x.code === 'no-event-data-in-shell');
    assert.ok(d, JSON.stringify(pub.diagnostics));
    assert.equal(d.severity, 1);
    assert.equal(d.message, 'S3 object key (event.Records[].s3.object.key) reaches child_process.exec');
    assert.deepEqual(d.range.start, { line: 7, character: 11 });
    assert.ok(d.relatedInformation!.length >= 2);
    assert.match(d.relatedInformation![0].message, /^source: S3 object key/);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    assert.match(hover.contents.value, /no-event-data-in-shell/);
    assert.match(hover.contents.value, /Flow:\n1\. source: S3 object key/);
    assert.match(hover.contents.value, /\[Rule documentation\]\(file:\/\//);
    const { newText, pub: after } = await fixAndRepublish(uri, text, 2, d, 'Run without a shell');
    assert.match(newText, /execFile\('convert', \[`\/tmp\/\$\{key\}`, '-resize', '128x128', `\/tmp\/thumb-\$\{key\}`\], \(err, stdout\)/);
    assert.match(newText, /const \{ exec, execFile \} = require\('child_process'\);/);
    assert.ok(!after.diagnostics.some((x) => x.code === 'no-event-data-in-shell'), JSON.stringify(after.diagnostics));
  });

  it('reports a Python handler on open, re-checks it on every change, and fixes it', async () => {
    const { uri, text, pub } = await open('invoices/export.py', 'python');
    const codes = pub.diagnostics.map((x) => x.code).sort();
    assert.deepEqual(codes, ['no-event-data-in-shell', 'no-event-data-in-sql-query', 'no-swallowed-errors'], JSON.stringify(pub.diagnostics));
    const shell = pub.diagnostics.find((x) => x.code === 'no-event-data-in-shell')!;
    assert.equal(shell.message, 'HTTP API request body (event.body) reaches subprocess with shell=True');
    assert.deepEqual(shell.range.start, { line: 17, character: 23 });
    assert.match(shell.relatedInformation![0].message, /^source: HTTP API request body/);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: shell.range.start });
    assert.match(hover.contents.value, /Flow:\n1\. source: HTTP API request body/);

    // An incremental change: a half-typed line above the sinks. The rest of the file is still analysed.
    const at = { line: 11, character: 0 };
    let since = client.received.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: '    total = \n' }] });
    const broken = await client.diagnostics(uri, since, 'diagnostics after a half-typed line');
    assert.equal(broken.version, 2);
    assert.ok(broken.diagnostics.some((x) => x.code === 'no-event-data-in-shell'), JSON.stringify(broken.diagnostics));
    assert.ok(!broken.diagnostics.some((x) => x.code === 'parse-error'), JSON.stringify(broken.diagnostics));
    // Undo it, then apply the quick fix: the shell finding goes, the others stay.
    since = client.received.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: at, end: { line: 12, character: 0 } }, text: '' }] });
    const again = await client.diagnostics(uri, since, 'diagnostics after the undo');
    const d = again.diagnostics.find((x) => x.code === 'no-event-data-in-shell')!;
    assert.deepEqual(d.range, shell.range);
    const { newText, pub: after } = await fixAndRepublish(uri, text, 4, d, 'Run without a shell');
    assert.match(newText, /subprocess\.run\(\["zip", f"\/tmp\/\{customer\}\.zip", "\/tmp\/invoices\.csv"\], check=True\)/);
    assert.deepEqual(after.diagnostics.map((x) => x.code).sort(), ['no-event-data-in-sql-query', 'no-swallowed-errors']);
  });

  it('checks a Terraform file on open, and a quick fix written in HCL removes its diagnostic on change', async () => {
    const { uri, text, pub } = await open('terraform/main.tf', 'terraform');
    const d = pub.diagnostics.find((x) => x.code === 'no-public-function-url');
    assert.ok(d, JSON.stringify(pub.diagnostics));
    assert.equal(text.split('\n')[d.range.start.line].trim(), 'authorization_type = "NONE"');
    assert.ok(pub.diagnostics.some((x) => x.code === 'no-wildcard-iam-action'), JSON.stringify(pub.diagnostics));
    const { newText, pub: after } = await fixAndRepublish(uri, text, 2, d, 'Require IAM authentication');
    assert.match(newText, /authorization_type = "AWS_IAM"/);
    assert.ok(!after.diagnostics.some((x) => x.code === 'no-public-function-url'), JSON.stringify(after.diagnostics));
    assert.ok(after.diagnostics.some((x) => x.code === 'no-wildcard-iam-action'), 'the other findings are still there');
  });

  it('scans the workspace with progress, publishing diagnostics for files that are not open', async () => {
    const since = client.received.length;
    const summary = await client.request<{ cancelled: boolean; files: number; error: number; warning: number }>('workspace/executeCommand', { command: 'faasguard.scanWorkspace', arguments: [] });
    assert.equal(summary.cancelled, false);
    assert.ok(summary.files >= 8);
    const iam = await client.diagnostics('file://' + path.join(ws, 'iam/statements.yml'), since);
    assert.ok(iam.diagnostics.some((x) => x.code === 'no-wildcard-iam-action'));
    const sam = await client.diagnostics('file://' + path.join(ws, 'sam/template.yaml'), since);
    assert.ok(sam.diagnostics.length > 0);
    const progress = client.received.slice(since).filter((m) => m.method === '$/progress').map((m) => (m.params as { value: { kind: string } }).value.kind);
    assert.equal(progress[0], 'begin');
    assert.equal(progress[progress.length - 1], 'end');
    assert.ok(client.received.slice(since).some((m) => m.method === 'window/workDoneProgress/create'));
  });

  it('keeps serving after malformed YAML and binary junk', async () => {
    const uri = 'file://' + path.join(ws, 'broken/serverless.yml');
    const since = client.received.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'service: x\nprovider:\n  iam: [unclosed\n  name: aws\n' } });
    const pub = await client.diagnostics(uri, since);
    assert.deepEqual(pub.diagnostics.map((d) => d.code), ['parse-error']);
    const since2 = client.received.length;
    const junk = 'file://' + path.join(ws, 'junk/template.yaml');
    client.notify('textDocument/didOpen', { textDocument: { uri: junk, languageId: 'yaml', version: 1, text: 'AWS::\u0000\u0001\u0002\u0003' } });
    const pub2 = await client.diagnostics(junk, since2);
    assert.deepEqual(pub2.diagnostics.map((d) => d.code), ['file-skipped']);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });

  it('cancels a workspace scan', async () => {
    // Make the scan long enough to cancel: many handlers.
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(ws, `src/gen${i}.js`), `exports.handler = async (event) => { require('child_process').exec('ls ' + event.a${i}); };\n`.repeat(20));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file://' + path.join(ws, 'src/gen0.js'), type: 1 }] });
    const id = 9_999;
    const since = client.received.length;
    client.write({ jsonrpc: '2.0', id, method: 'workspace/executeCommand', params: { command: 'faasguard.scanWorkspace', arguments: [] } });
    await client.waitFor((m) => m.method === '$/progress', 'scan progress', since);
    client.notify('$/cancelRequest', { id });
    const reply = await client.waitFor((m) => m.id === id && !m.method, 'the scan reply', since);
    const cancelled = reply.error?.code === -32800 || (reply.result as { cancelled?: boolean } | undefined)?.cancelled === true;
    assert.ok(cancelled, JSON.stringify(reply));
  });

  it('shuts down and exits cleanly', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
