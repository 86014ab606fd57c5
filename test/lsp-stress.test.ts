// Stress of the language server (bounded): 1,000 incremental edits at 5 ms intervals end with the
// diagnostics a fresh server computes for the final text; three rounds of opening and closing 300
// files leave the memory where the first round left it (no per-file state kept for closed files).
import { after, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, type Diag } from './lsp-client.js';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'vulnerable-app');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function copy(prefix: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(EXAMPLE, ws, { recursive: true });
  return ws;
}

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEAD = ['exports.handler = async (event) => {', "  const cp = require('child_process');"];
const TAIL = ['  return { statusCode: 200 };', '};', ''];
const sink = (k: number) => `  cp.exec('ls ' + event.body.k${k});`;

/** Diagnostics with the workspace folder and the editor version taken out, for comparison. */
function normalise(ds: Diag[], ws: string): unknown {
  return JSON.parse(JSON.stringify(ds).split(ws).join('<ws>'), (k, v) => (k === 'version' ? undefined : v));
}

describe('language server: stress', () => {
  const clients: LspClient[] = [];
  after(() => {
    for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
  });

  it('1,000 edits at 5 ms intervals end with the diagnostics of a fresh scan of the final text', async () => {
    const ws = copy('fg-lsp-stress-');
    const rel = 'src/stress.js';
    const uri = 'file://' + path.join(ws, rel);
    const body: string[] = [sink(0)];
    const lines = () => [...HEAD, ...body, ...TAIL];
    const client = new LspClient();
    clients.push(client);
    await client.initialize(ws);
    let version = 1;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version, text: lines().join('\n') } });
    const rnd = random(9);
    for (let i = 1; i <= 1000; i++) {
      const r = rnd();
      const at = Math.floor(rnd() * (body.length + 1));
      const line = HEAD.length + at;
      let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
      if ((r < 0.55 && body.length < 60) || body.length === 0) {
        const text = rnd() < 0.7 ? sink(i) : `  // note ${i}`;
        body.splice(at, 0, text);
        change = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: text + '\n' };
      } else if (r < 0.85 || at === body.length) {
        const k = Math.min(at, body.length - 1);
        body.splice(k, 1);
        change = { range: { start: { line: HEAD.length + k, character: 0 }, end: { line: HEAD.length + k + 1, character: 0 } }, text: '' };
      } else {
        // Typing inside a line: its key gets another digit.
        const old = body[at];
        const col = old.length - 2;
        body[at] = old.slice(0, col) + String(i % 10) + old.slice(col);
        change = { range: { start: { line, character: col }, end: { line, character: col } }, text: String(i % 10) };
      }
      client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
      await sleep(5);
    }
    const final = await client.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string; version?: number }).uri === uri && (m.params as { version?: number }).version === version,
      'the diagnostics of the last version',
    );
    const got = (final.params as { diagnostics: Diag[] }).diagnostics;
    // Exactly the sinks of the final text.
    const sinks = lines().flatMap((l, n) => (l.includes('cp.exec(') ? [n] : []));
    assert.ok(sinks.length > 0);
    assert.deepEqual(got.filter((d) => d.code === 'no-event-data-in-shell').map((d) => d.range.start.line), sinks);

    // A fresh server, on a copy with the final text on disk.
    const fresh = copy('fg-lsp-stress-fresh-');
    fs.writeFileSync(path.join(fresh, rel), lines().join('\n'));
    const other = new LspClient();
    clients.push(other);
    await other.initialize(fresh);
    const since = other.received.length;
    await other.request('workspace/executeCommand', { command: 'faasguard.scanWorkspace', arguments: [] });
    const scanned = await other.diagnostics('file://' + path.join(fresh, rel), since);
    assert.deepEqual(normalise(got, ws), normalise(scanned.diagnostics, fresh));
  });

  it('keeps its memory after 3 rounds of opening and closing 300 files within 10% of the first round', async (t: TestContext) => {
    const ws = copy('fg-lsp-rss-');
    fs.mkdirSync(path.join(ws, 'gen'));
    const files = Array.from({ length: 300 }, (_, i) => path.join(ws, 'gen', `h${i}.js`));
    files.forEach((f, i) => fs.writeFileSync(f, `${HEAD.join('\n')}\n${sink(i)}\n  // file ${i}: ${'x'.repeat(i * 7)}\n${TAIL.join('\n')}`));
    const client = new LspClient(undefined, { execArgv: ['--expose-gc'] });
    clients.push(client);
    await client.initialize(ws);
    const uris = files.map((f) => 'file://' + f);
    const allPublished = async (since: number, what: string) => {
      for (const u of uris) await client.diagnostics(u, since, `${what} ${u}`);
    };
    const rss = async () => {
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) samples.push((await client.stats()).rss);
      return samples.sort((a, b) => a - b)[1];
    };
    const rounds: number[] = [];
    for (let round = 0; round < 3; round++) {
      let since = client.received.length;
      uris.forEach((uri, i) => client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: fs.readFileSync(files[i], 'utf8') } }));
      await allPublished(since, 'opened');
      since = client.received.length;
      for (const uri of uris) client.notify('textDocument/didClose', { textDocument: { uri } });
      await allPublished(since, 'closed');
      const stats = await client.stats();
      assert.deepEqual([stats.documents, stats.worker!.overlays, stats.worker!.looseEngines], [0, 0, 0]);
      rounds.push(await rss());
    }
    t.diagnostic(`RSS after each round (MB): ${rounds.map((r) => (r / 1024 / 1024).toFixed(1)).join(', ')}`);
    assert.ok(rounds[2] <= rounds[0] * 1.1, `round 3 ${rounds[2]} vs round 1 ${rounds[0]}`);
  });
});
