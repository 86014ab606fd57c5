// The main thread's side of the analysis worker. It starts the worker (lazily: a disabled server
// never starts one), replays the state a fresh worker needs (folders, settings, open buffers, skipped
// files), sends edited buffers just before the next request, and keeps the worker honest: a worker
// that crashes, or that works on one file for longer than the per-file budget, is stopped and
// restarted with one logged error; the file it was on is skipped (one `file-skipped` diagnostic)
// until it changes, and the requests in flight are sent again. After three failures in a row the
// analysis pauses until the next edit or settings change, so a bad input cannot loop the worker.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, Op, ToWorker, EditorSettings, RuleInfo, WorkerStats } from './worker-protocol.js';
import type { ScanSummary } from './protocol.js';
import { isUnder } from './paths.js';

export const DEFAULT_FILE_BUDGET_MS = 10_000;
/** Building a folder's model reads every config at once: it gets this many files' budgets. */
const MODEL_BUDGETS = 6;
const MAX_FAILURES = 3;
/** A grant hover is not sent to a worker that has been on one file (or one model) this long. */
const BUSY_MS = 300;

interface Pending {
  op: Op;
  resolve(v: unknown): void;
  reject(e: Error): void;
  /** Results as JSON text (FileResult[]). */
  onFiles?(json: string): void;
  onProgress?(done: number, total: number): void;
  token?: CancelToken;
}

interface CancelToken {
  onCancellationRequested(cb: () => void): unknown;
}

export interface AnalysisClientOptions {
  log(message: string): void;
  error(message: string): void;
  /** The open buffers, for a fresh worker. */
  openBuffers(): { file: string; text: string; version: number }[];
  budgetMs?: number;
  /** The worker's script; by default analysis-worker.js beside this module (dist/ or out/). */
  script?: string;
  /** A folder's model is being built (`done` false), then built or given up (a worker that died). */
  indexing?(root: string, done: boolean): void;
}

export class AnalysisClient {
  private worker?: Worker;
  private ready = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Edited buffers not sent yet (the latest text wins). */
  private readonly unsent = new Map<string, { text: string; version: number }>();
  private readonly roots = new Set<string>();
  private settings: EditorSettings = { rules: {}, exclude: [] };
  private readonly skipped = new Map<string, string>();
  private current: string | undefined;
  private inModel = false;
  /** When the worker started on what it is doing now. */
  private since = 0;
  private lastBeat = 0;
  private watchdog?: NodeJS.Timeout;
  private failures = 0;
  private paused = false;
  private readonly budget: number;
  restarts = 0;
  /** The folders whose model the worker is building now. */
  private readonly indexing = new Set<string>();
  /** The rules' hover texts, from the worker (the main thread does not load the engine). */
  readonly rules = new Map<string, RuleInfo>();

  constructor(private readonly opts: AnalysisClientOptions) {
    const env = Number(process.env.FAASGUARD_FILE_BUDGET_MS);
    this.budget = opts.budgetMs ?? (env > 0 ? env : DEFAULT_FILE_BUDGET_MS);
  }

  get started(): boolean {
    return !!this.worker;
  }

  // ---- state (kept here, and replayed to a new worker) ----

  setRoots(add: string[], remove: string[]): void {
    for (const r of remove) this.roots.delete(r);
    for (const r of add) this.roots.add(r);
    for (const f of [...this.skipped.keys()]) if (remove.some((r) => isUnder(r, f))) this.skipped.delete(f);
    this.send({ kind: 'roots', add, remove });
  }

  setSettings(s: EditorSettings): void {
    this.settings = s;
    this.resume();
    this.send({ kind: 'settings', settings: s });
  }

  /** An edited buffer (sent with the next request). An edit gives a skipped file another chance. */
  setText(file: string, text: string, version: number): void {
    if (this.skipped.delete(file)) this.send({ kind: 'unskip', file });
    this.resume();
    if (this.worker) this.unsent.set(file, { text, version });
  }

  close(file: string): void {
    this.unsent.delete(file);
    this.send({ kind: 'close', file });
  }

  /** A file changed on disk: a skipped file gets another chance. */
  changedOnDisk(file: string): void {
    if (this.skipped.delete(file)) this.send({ kind: 'unskip', file });
    this.resume();
  }

  rediscover(): void {
    this.send({ kind: 'rediscover' });
  }

  /** Forget what was sent (the main thread cleared every diagnostic). */
  reset(): void {
    this.send({ kind: 'reset' });
  }

  // ---- requests ----

  analyze(files: string[], force: string[], onFiles: (json: string) => void): Promise<void> {
    return this.request({ op: 'analyze', files, force }, { onFiles }) as Promise<void>;
  }

  /** A newer analysis is coming: the ones in flight can stop re-checking the files nobody edited. */
  supersede(): void {
    for (const [id, p] of this.pending) if (p.op.op === 'analyze') this.send({ kind: 'cancel', id });
  }

  async hover(file: string, position: { line: number; character: number }, timeoutMs = 1_000): Promise<string | null> {
    // A hover that waits for a long analysis is no use: none when the worker has been on one thing
    // for a while already, and none after a second.
    if (this.paused || (this.pending.size && this.since && Date.now() - this.since > BUSY_MS)) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)));
    try {
      return (await Promise.race([this.request({ op: 'hover', file, position }), late])) as string | null;
    } finally {
      clearTimeout(timer);
    }
  }

  scan(onFiles: (json: string) => void, onProgress: (done: number, total: number) => void, token: CancelToken): Promise<ScanSummary> {
    return this.request({ op: 'scan' }, { onFiles, onProgress, token }) as Promise<ScanSummary>;
  }

  sarif(): Promise<{ root: string; sarif: object } | null> {
    return this.request({ op: 'sarif' }) as Promise<{ root: string; sarif: object } | null>;
  }

  stats(): Promise<WorkerStats | null> {
    if (!this.worker) return Promise.resolve(null);
    return this.request({ op: 'stats' }) as Promise<WorkerStats>;
  }

  private request(op: Op, hooks: Pick<Pending, 'onFiles' | 'onProgress' | 'token'> = {}): Promise<unknown> {
    if (this.paused) return Promise.reject(new Error('analysis is paused after repeated failures of the worker'));
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.lastBeat = Date.now();
      this.pending.set(id, { op, resolve, reject, ...hooks });
      this.flush();
      this.worker!.postMessage({ kind: 'request', id, ...op } satisfies ToWorker);
      hooks.token?.onCancellationRequested(() => {
        if (this.pending.has(id)) this.send({ kind: 'cancel', id });
      });
      this.arm();
    });
  }

  private flush(): void {
    for (const [file, t] of this.unsent) this.worker!.postMessage({ kind: 'text', file, text: t.text, version: t.version } satisfies ToWorker);
    this.unsent.clear();
  }

  private send(m: ToWorker): void {
    if (this.worker) this.worker.postMessage(m);
  }

  // ---- the worker's life ----

  /** Starts the worker when there is none. */
  start(): void {
    if (this.worker || this.paused) return;
    const script = this.opts.script ?? path.join(__dirname, 'analysis-worker.js');
    // A memory limit of its own: an input that exhausts memory stops the worker, not the server.
    const w = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 1536 } });
    this.worker = w;
    this.ready = false;
    this.current = undefined;
    this.since = 0;
    this.unsent.clear();
    w.on('message', (m: FromWorker) => this.onMessage(w, m));
    w.on('error', (e) => this.failed(w, `crashed${this.current ? ` on ${this.current}` : ''}: ${e.message}`));
    w.on('exit', (code) => this.failed(w, `exited with code ${code}${this.current ? ` on ${this.current}` : ''}`));
    w.postMessage({ kind: 'roots', add: [...this.roots], remove: [] } satisfies ToWorker);
    w.postMessage({ kind: 'settings', settings: this.settings } satisfies ToWorker);
    if (this.skipped.size) w.postMessage({ kind: 'skip', files: [...this.skipped].map(([file, reason]) => ({ file, reason })) } satisfies ToWorker);
    for (const b of this.opts.openBuffers()) w.postMessage({ kind: 'text', ...b } satisfies ToWorker);
  }

  private onMessage(w: Worker, m: FromWorker): void {
    if (w !== this.worker) return;
    this.lastBeat = Date.now();
    switch (m.kind) {
      case 'ready':
        this.ready = true;
        for (const r of m.rules) this.rules.set(r.id, r);
        return;
      case 'working':
        this.current = m.file;
        this.inModel = !!m.model;
        this.since = Date.now();
        return;
      case 'indexing':
        if (m.done) this.indexing.delete(m.root);
        else this.indexing.add(m.root);
        this.opts.indexing?.(m.root, m.done);
        return;
      case 'log':
        if (m.level === 'error') this.opts.error(m.message);
        else this.opts.log(m.message);
        return;
      case 'files':
        this.pending.get(m.id)?.onFiles?.(m.json);
        return;
      case 'progress':
        this.pending.get(m.id)?.onProgress?.(m.done, m.total);
        return;
      case 'reply': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.failures = 0;
        this.current = undefined;
        this.inModel = false;
        this.since = 0;
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result);
      }
    }
  }

  private arm(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => this.check(), Math.max(50, Math.min(500, this.budget / 4)));
    this.watchdog.unref();
  }

  private check(): void {
    if (this.pending.size === 0 || !this.worker) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
      return;
    }
    // Loading the bundle and the grammars is not a file's time.
    if (!this.ready) this.lastBeat = Date.now();
    const quiet = Date.now() - this.lastBeat;
    const budget = this.inModel ? this.budget * MODEL_BUDGETS : this.budget;
    if (quiet > budget) {
      const file = this.current;
      const seconds = (budget / 1000).toFixed(budget % 1000 ? 1 : 0);
      if (file) this.skipped.set(file, `FaaSGuard stopped analysing this file after ${seconds} s (its time budget): it is skipped until it changes.`);
      this.failed(this.worker, `spent over ${seconds} s${file ? ` on ${file}` : ''}; stopped`);
    }
  }

  /** The worker died or was stopped: one logged error, then a new worker for the requests in flight. */
  private failed(w: Worker, why: string): void {
    if (w !== this.worker) return;
    this.worker = undefined;
    this.ready = false;
    void w.terminate();
    const crashedOn = this.current;
    this.current = undefined;
    this.inModel = false;
    for (const root of this.indexing) this.opts.indexing?.(root, true);
    this.indexing.clear();
    if (crashedOn && !this.skipped.has(crashedOn)) this.skipped.set(crashedOn, 'The FaaSGuard analysis stopped on this file (the worker crashed): it is skipped until it changes.');
    this.failures++;
    this.restarts++;
    const retry = [...this.pending.values()];
    this.pending.clear();
    if (this.failures >= MAX_FAILURES) {
      this.paused = true;
      this.opts.error(`the analysis worker ${why}; ${MAX_FAILURES} failures in a row: analysis pauses until the next edit or settings change`);
      for (const p of retry) p.reject(new Error(`analysis paused: the worker ${why}`));
      return;
    }
    this.opts.error(`the analysis worker ${why}; restarted`);
    // The requests in flight go to the new worker (a hover is not worth it).
    for (const p of retry) {
      if (p.op.op === 'hover') p.resolve(null);
      else this.request(p.op, { onFiles: p.onFiles, onProgress: p.onProgress, token: p.token }).then(p.resolve, p.reject);
    }
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.failures = 0;
  }

  async dispose(): Promise<void> {
    clearInterval(this.watchdog);
    const w = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('the server is shutting down'));
    this.pending.clear();
    if (w) await w.terminate();
  }
}
