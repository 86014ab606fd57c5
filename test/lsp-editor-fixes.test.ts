// The language server as the VS Code client uses it: the "Ignore this finding" action's command
// selects the placeholder reason in the text AFTER the edit (the e2e test types over it), and a scan
// started with a client-created work-done token reports its file count on that token.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, type Diag } from './lsp-client.js';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'vulnerable-app');
type Range = Diag['range'];

function offsetAt(text: string, p: Range['start']): number {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

describe('language server: editor-side details of fixes and scans', () => {
  let ws: string;
  let client: LspClient;

  before(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-lsp-editor-'));
    fs.cpSync(EXAMPLE, ws, { recursive: true });
    client = new LspClient();
    await client.initialize(ws, { clientManagesCommands: true });
  });

  after(() => {
    if (client.proc.exitCode === null) client.proc.kill();
  });

  for (const [rel, languageId, rule] of [
    ['iam/statements.yml', 'yaml', 'no-wildcard-iam-action'],
    ['src/thumbnail.js', 'javascript', 'no-event-data-in-shell'],
  ] as const) {
    it(`"Ignore this finding" in ${rel} selects the reason in the edited text`, async () => {
      const uri = 'file://' + path.join(ws, rel);
      const text = fs.readFileSync(path.join(ws, rel), 'utf8');
      const since = client.received.length;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      const d = (await client.diagnostics(uri, since)).diagnostics.find((x) => x.code === rule);
      assert.ok(d, `a ${rule} diagnostic`);
      type Action = { title: string; edit: { changes: Record<string, { range: Range; newText: string }[]> }; command?: { command: string; arguments: [string, Range] } };
      const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const ignore = actions.find((a) => a.title.startsWith(`Ignore this ${rule} finding`));
      assert.ok(ignore?.command, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(ignore.command.command, 'faasguard.selectRange');
      let edited = text;
      for (const e of [...ignore.edit.changes[uri]].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start))) {
        edited = edited.slice(0, offsetAt(text, e.range.start)) + e.newText + edited.slice(offsetAt(text, e.range.end));
      }
      const [selUri, sel] = ignore.command.arguments;
      assert.equal(selUri, uri);
      assert.equal(edited.slice(offsetAt(edited, sel.start), offsetAt(edited, sel.end)), 'reason');
      assert.match(edited.split('\n')[sel.start.line], new RegExp(`^\\s*(#|//) faasguard-ignore ${rule}: reason$`));
    });
  }

  it('reports scan progress with a file count on the work-done token the client created', async () => {
    const since = client.received.length;
    const summary = await client.request<{ files: number }>('workspace/executeCommand', { command: 'faasguard.scanWorkspace', arguments: [], workDoneToken: 'client-token' });
    const progress = client.received.slice(since).filter((m) => m.method === '$/progress').map((m) => m.params as { token: string; value: { kind: string; message?: string } });
    assert.ok(progress.length >= 2, JSON.stringify(progress));
    assert.ok(progress.every((p) => p.token === 'client-token'), JSON.stringify(progress.map((p) => p.token)));
    assert.equal(progress[0].value.kind, 'begin');
    assert.equal(progress[progress.length - 1].value.kind, 'end');
    assert.ok(progress.some((p) => new RegExp(`\\d+/${summary.files} files`).test(p.value.message ?? '')), JSON.stringify(progress));
    assert.ok(!client.received.slice(since).some((m) => m.method === 'window/workDoneProgress/create'), 'no second, server-created progress');
  });
});
