// The language server's per-file state: a file opened outside every workspace folder is analysed
// alone (its folder is not walked, its neighbours not read), a folder removed from the workspace
// drops its engine and its diagnostics, and closed or deleted files leave no state behind.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from './lsp-client.js';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'vulnerable-app');
const SHELL = "exports.handler = async (event) => {\n  require('child_process').exec('ls ' + event.body);\n};\n";

function copy(prefix: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(EXAMPLE, ws, { recursive: true });
  return ws;
}

const uriOf = (file: string) => 'file://' + file;
const publishesFor = (client: LspClient, uri: string, since = 0) =>
  client.received.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);

describe('language server: per-file state', () => {
  const clients: LspClient[] = [];
  after(() => {
    for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
  });

  it('analyses a file outside every folder alone: no walk of its folder, no project config or config next to it', async () => {
    const ws = copy('fg-lsp-state-');
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-lsp-loose-'));
    const handler = path.join(loose, 'handler.js');
    fs.writeFileSync(handler, SHELL);
    // Next to it: a project config that would turn the rule off, and a config with findings of its own.
    fs.writeFileSync(path.join(loose, '.faasguard.yml'), 'rules:\n  no-event-data-in-shell: off\n');
    fs.writeFileSync(
      path.join(loose, 'serverless.yml'),
      'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "*"\n          Resource: "*"\nfunctions:\n  f:\n    handler: handler.handler\n',
    );
    const client = new LspClient();
    clients.push(client);
    await client.initialize(ws);
    const since = client.received.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(handler), languageId: 'javascript', version: 1, text: SHELL } });
    const pub = await client.diagnostics(uriOf(handler), since);
    assert.deepEqual(pub.diagnostics.map((d) => [d.code, d.range.start.line]), [['no-event-data-in-shell', 1]]);
    let stats = await client.stats();
    assert.equal(stats.worker!.looseEngines, 1);
    assert.equal(stats.worker!.engines, 1, 'no engine for the loose file\'s folder');
    assert.deepEqual(publishesFor(client, uriOf(path.join(loose, 'serverless.yml'))), []);
    assert.deepEqual(publishesFor(client, uriOf(path.join(loose, '.faasguard.yml'))), []);

    // Closed: its diagnostics are cleared, and nothing of it stays in the server.
    // (The complete findings of the open, after its first ones, may still be on their way: the
    // close must end with the file's diagnostics cleared, and nothing after that.)
    const since2 = client.received.length;
    client.notify('textDocument/didClose', { textDocument: { uri: uriOf(handler) } });
    const isEmpty = (m: { method?: string; params?: unknown }) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uriOf(handler) && (m.params as { diagnostics: unknown[] }).diagnostics.length === 0;
    await client.waitFor(isEmpty, 'the cleared diagnostics', since2);
    stats = await client.stats();
    const last = publishesFor(client, uriOf(handler), since2).at(-1)!;
    assert.ok(isEmpty(last), 'the last publish for the closed file is empty');
    assert.deepEqual([stats.worker!.looseEngines, stats.worker!.overlays, stats.documents], [0, 0, 0]);
    assert.equal(stats.published, stats.worker!.sent);
  });

  it('drops the engine and the diagnostics of a folder removed from the workspace', async () => {
    const a = copy('fg-lsp-folder-a-');
    const b = copy('fg-lsp-folder-b-');
    const client = new LspClient();
    clients.push(client);
    await client.initialize([a, b], {}, { workspaceFolders: true });
    await client.request('workspace/executeCommand', { command: 'faasguard.scanWorkspace', arguments: [] });
    const before = await client.stats();
    assert.equal(before.worker!.engines, 2);
    const bIam = uriOf(path.join(b, 'iam/statements.yml'));
    assert.ok(publishesFor(client, bIam).at(-1), 'the scan published the second folder');
    const since = client.received.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(b), name: 'b' }] } });
    assert.deepEqual((await client.diagnostics(bIam, since)).diagnostics, []);
    const stats = await client.stats();
    assert.equal(stats.worker!.engines, 1);
    assert.equal(stats.published, before.published / 2, 'only the first folder\'s files keep diagnostics');
    assert.equal(stats.worker!.sent, stats.published);
  });

  it('leaves no state for closed files and for files deleted from disk', async () => {
    const ws = copy('fg-lsp-closed-');
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(ws, `src/clean${i}.js`), `exports.handler = async () => ({ statusCode: 200, body: '${i}' });\n`);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(ws);
    await client.request('workspace/executeCommand', { command: 'faasguard.scanWorkspace', arguments: [] });
    const scanned = await client.stats();
    for (let i = 0; i < 20; i++) {
      const uri = uriOf(path.join(ws, `src/clean${i}.js`));
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: fs.readFileSync(path.join(ws, `src/clean${i}.js`), 'utf8') } });
    }
    assert.equal((await client.stats()).worker!.overlays, 20);
    for (let i = 0; i < 20; i++) client.notify('textDocument/didClose', { textDocument: { uri: uriOf(path.join(ws, `src/clean${i}.js`)) } });
    let stats = await client.stats();
    assert.deepEqual([stats.documents, stats.worker!.overlays, stats.published], [0, 0, scanned.published]);

    // Deleted from disk: its diagnostics go, and so does its record.
    const reports = path.join(ws, 'src/reports.js');
    assert.ok(publishesFor(client, uriOf(reports)).at(-1), 'reports.js had findings');
    fs.rmSync(reports);
    const since = client.received.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(reports), type: 3 }] });
    assert.deepEqual((await client.diagnostics(uriOf(reports), since)).diagnostics, []);
    stats = await client.stats();
    assert.equal(stats.published, scanned.published - 1);
    assert.equal(stats.worker!.sent, stats.published);
  });
});
