// Hover on a grant in the config, through the real language server: which code uses each action.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from './lsp-client.js';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'vulnerable-app');

/** Waits until every "FaaSGuard: indexing" work-done progress the server began has ended. */
async function indexed(client: LspClient): Promise<void> {
  const progress = (m: { method?: string; params?: unknown }) => (m.method === '$/progress' ? (m.params as { token: unknown; value: { kind: string; title?: string } }) : undefined);
  const open = () => {
    const begun = new Set<unknown>();
    for (const m of client.received) {
      const p = progress(m);
      if (p?.value.kind === 'begin' && /^FaaSGuard: indexing/.test(p.value.title ?? '')) begun.add(p.token);
      else if (p?.value.kind === 'end') begun.delete(p.token);
    }
    return begun.size;
  };
  if (open() > 0) await client.waitFor(() => open() === 0, 'the end of indexing', 0, 120_000);
}

describe('language server: hover on a grant', () => {
  let ws: string;
  let client: LspClient;

  before(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-lsp-grant-'));
    fs.cpSync(EXAMPLE, ws, { recursive: true });
    client = new LspClient();
    await client.initialize(ws);
  });

  after(async () => {
    if (client.proc.exitCode === null) client.proc.kill();
  });

  it('lists, for each action of a statement without a finding, the calls in the code that use it', async () => {
    const rel = 'iam/statements.yml';
    const uri = 'file://' + path.join(ws, rel);
    const text = fs.readFileSync(path.join(ws, rel), 'utf8');
    const since = client.received.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await client.diagnostics(uri, since);
    // The first findings come before the folder is indexed; the grant's users need the whole model,
    // which a hover waits for only briefly (a busy machine takes longer): hover once it is built.
    await indexed(client);
    const line = text.split('\n').findIndex((l) => l.includes('dynamodb:PutItem'));
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 12 } });
    assert.ok(hover, 'a hover on the action');
    assert.match(hover.contents.value, /what the code of thumbnail, createOrder, getReport and 1 more uses/);
    assert.match(hover.contents.value, /^- `dynamodb:PutItem`: `PutCommand` at lib\/orders-table\.ts:11$/m);
    // The other action of the statement, not under the cursor, is not listed.
    assert.doesNotMatch(hover.contents.value, /dynamodb:GetItem/);
  });
});
