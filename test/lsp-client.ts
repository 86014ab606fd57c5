// A minimal LSP client over stdio for tests: starts the real server (`faasguard lsp --stdio`), frames
// JSON-RPC messages, answers the server's requests, and lets tests wait for a real notification.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

type Waiter = { match: (m: Message) => boolean; resolve: (m: Message) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class LspClient {
  readonly proc: ChildProcess;
  readonly received: Message[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private waiters: Waiter[] = [];
  /** Answers to server-to-client requests, by method. */
  readonly handlers = new Map<string, (params: unknown) => unknown>();
  stderr = '';

  /** `env` adds to the environment; `execArgv` are node's own flags (for example --expose-gc). */
  constructor(cli = path.join(__dirname, '..', '..', 'dist', 'cli.js'), opts: { env?: Record<string, string>; execArgv?: string[] } = {}) {
    this.proc = spawn(process.execPath, [...(opts.execArgv ?? []), cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    this.proc.stdout!.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.handlers.set('workspace/configuration', (p) => (p as { items: unknown[] }).items.map(() => ({})));
    this.handlers.set('window/workDoneProgress/create', () => null);
    this.handlers.set('client/registerCapability', () => null);
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const sep = this.buffer.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const header = this.buffer.subarray(0, sep).toString();
      const len = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < sep + 4 + len) return;
      const body = this.buffer.subarray(sep + 4, sep + 4 + len).toString('utf8');
      this.buffer = this.buffer.subarray(sep + 4 + len);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    this.received.push(m);
    if (m.method && m.id !== undefined) {
      const h = this.handlers.get(m.method);
      this.write({ jsonrpc: '2.0', id: m.id, result: h ? h(m.params) : null });
    } else if (m.id !== undefined && this.pending.has(Number(m.id))) {
      this.pending.get(Number(m.id))!(m);
      this.pending.delete(Number(m.id));
    }
    for (const w of [...this.waiters]) {
      if (w.match(m)) {
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(m);
      }
    }
  }

  write(m: Message): void {
    const body = Buffer.from(JSON.stringify(m), 'utf8');
    this.proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin!.write(body);
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as T)));
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first message (already received after `since`, or to come) that matches. */
  waitFor(match: (m: Message) => boolean, what: string, since = 0, timeoutMs = 20_000): Promise<Message> {
    const seen = this.received.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  /** The next publishDiagnostics for a URI after message index `since`. */
  diagnostics(uri: string, since: number, what = `diagnostics for ${uri}`, timeoutMs?: number) {
    return this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri, what, since, timeoutMs).then(
      (m) => m.params as { uri: string; version?: number; diagnostics: Diag[] },
    );
  }

  /** `workspaceFolders`: the client sends folder changes (workspace/didChangeWorkspaceFolders). */
  async initialize(root: string | string[], initializationOptions: unknown = {}, opts: { workspaceFolders?: boolean } = {}): Promise<unknown> {
    const roots = Array.isArray(root) ? root : [root];
    const rootUri = roots.length ? 'file://' + roots[0] : null;
    const r = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: roots.map((x) => ({ uri: 'file://' + x, name: path.basename(x) })),
      capabilities: { workspace: { configuration: true, ...(opts.workspaceFolders ? { workspaceFolders: true } : {}) }, window: { workDoneProgress: true } },
      initializationOptions,
    });
    this.notify('initialized', {});
    return r;
  }

  /** The server's memory and per-file state (faasguard/stats). */
  stats(): Promise<ServerStats> {
    return this.request<ServerStats>('faasguard/stats', null);
  }

  /** Error messages the server logged (window/logMessage of type Error). */
  errorsLogged(): string[] {
    return this.received.filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 1).map((m) => (m.params as { message: string }).message);
  }

  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }
}

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription?: { href: string };
  relatedInformation?: { location: { uri: string }; message: string }[];
  data?: unknown;
}

export interface ServerStats {
  rss: number;
  heapUsed: number;
  published: number;
  documents: number;
  workerStarted: boolean;
  restarts: number;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  worker: { heapUsed: number; overlays: number; sent: number; looseEngines: number; engines: number; analyses: number } | null;
}
