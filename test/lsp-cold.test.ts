// Cold start through the real server over stdio: a file opened before its large workspace is indexed
// gets its first diagnostics from the configs in its folder and its parents while the workspace is
// still being indexed (the server's "indexing" work-done progress has not ended), and the complete
// ones after. A handler whose config sits in a sibling folder has no finding until the full model
// names it: no wrong finding first.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, type Message } from './lsp-client.js';

const SAM = (fn: string, codeUri: string, handler: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ${fn}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ${codeUri}
      Handler: ${handler}
      Runtime: nodejs20.x
      Tracing: Active
      Events:
        Api:
          Type: HttpApi
          Properties:
            Path: /run
            Method: post
`;

const HANDLER = `const { exec } = require('child_process');

exports.handler = async (event) => {
  console.log(event);
  exec('ls ' + JSON.parse(event.body).dir);
  return { statusCode: 200 };
};
`;

// Not a handler by its shape (named \`process\`, one parameter): only the config in ../infra says so.
const WORKER = `const { exec } = require('child_process');

exports.process = async (input) => {
  const cmd = JSON.parse(input.body).cmd;
  exec(cmd);
  return { statusCode: 200 };
};
`;

/** A workspace of many small services (indexing reads them all), plus the two under test. */
function workspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-lsp-cold-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  };
  for (let i = 0; i < 400; i++) {
    write(`services/s${i}/template.yaml`, SAM(`Fn${i}`, 'src/', 'index.handler'));
    write(`services/s${i}/src/index.js`, `exports.handler = async (event) => ({ statusCode: 200, body: String(event.rawPath) });\n`);
  }
  write('app/template.yaml', SAM('Api', 'src/', 'handler.handler'));
  write('app/src/handler.js', HANDLER);
  write('svc/infra/template.yaml', SAM('Worker', '../code/', 'worker.process'));
  write('svc/code/worker.js', WORKER);
  return ws;
}

interface Publish {
  uri: string;
  diagnostics: { code: string; range: { start: { line: number } } }[];
}

/** Opens `file`, and waits until the indexing progress ended and the file was published after it. */
async function openCold(client: LspClient, file: string): Promise<{ before: Publish[]; afterEnd: Publish[]; began: boolean }> {
  const uri = 'file://' + file;
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: fs.readFileSync(file, 'utf8') } });
  const tokens = new Set<unknown>();
  const isBegin = (m: Message) => {
    const p = m.params as { token: unknown; value: { kind: string; title?: string } };
    return m.method === '$/progress' && p.value.kind === 'begin' && /^FaaSGuard: indexing/.test(p.value.title ?? '');
  };
  const isEnd = (m: Message) => m.method === '$/progress' && tokens.has((m.params as { token: unknown }).token) && (m.params as { value: { kind: string } }).value.kind === 'end';
  await client.waitFor((m) => (isBegin(m) && tokens.add((m.params as { token: unknown }).token), tokens.size > 0 && isEnd(m)), 'the end of indexing', since, 120_000);
  const endAt = client.received.findIndex((m, i) => i >= since && isEnd(m));
  await client.diagnostics(uri, endAt, 'the diagnostics after indexing', 60_000);
  const publishes = (from: number, to: number) =>
    client.received.slice(from, to).filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Publish).uri === uri).map((m) => m.params as Publish);
  return { before: publishes(since, endAt), afterEnd: publishes(endAt, client.received.length), began: client.received.slice(since, endAt).some(isBegin) };
}

const lines = (p: Publish) => p.diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}`).sort();

describe('language server: cold start', () => {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  after(() => {
    for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('publishes an opened handler\'s findings from the config in its parent folder before the workspace is indexed, and the complete ones after', async () => {
    const ws = workspace();
    dirs.push(ws);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(ws);
    const { before, afterEnd, began } = await openCold(client, path.join(ws, 'app', 'src', 'handler.js'));
    assert.ok(began, 'the server said it is indexing');
    const expected = ['no-event-data-in-shell:5', 'no-sensitive-data-in-logs:4'];
    assert.equal(before.length, 1, 'one publish before the workspace is indexed');
    assert.deepEqual(lines(before[0]), expected);
    assert.equal(afterEnd.length, 1, 'one publish after it');
    assert.deepEqual(lines(afterEnd[0]), expected);
    assert.deepEqual(client.errorsLogged(), []);
    assert.equal(await client.shutdown(), 0);
  });

  it('publishes nothing first for a handler whose config is in a sibling folder, and its finding once the workspace is indexed', async () => {
    const ws = workspace();
    dirs.push(ws);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(ws);
    const { before, afterEnd } = await openCold(client, path.join(ws, 'svc', 'code', 'worker.js'));
    assert.equal(before.length, 1, 'one publish before the workspace is indexed');
    assert.deepEqual(lines(before[0]), [], 'no wrong finding first');
    assert.equal(afterEnd.length, 1);
    assert.deepEqual(lines(afterEnd[0]), ['no-event-data-in-shell:5']);
    assert.deepEqual(client.errorsLogged(), []);
    assert.equal(await client.shutdown(), 0);
  });
});
