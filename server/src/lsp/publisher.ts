// Publication of diagnostics: the dirty set, the debounce, one analysis in flight at a time, stale
// results dropped (a document edited since gets its own, newer ones), and the diagnostics the client
// has, by file (only files that have some: a file without diagnostics leaves no state here).
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { AnalysisClient } from './analysis-client.js';
import { uriOf } from './convert.js';
import type { FileResult } from './worker-protocol.js';
import { isUnder } from './paths.js';

/**
 * How long the server waits after an edit before analysing: long enough to take a burst of
 * keystrokes as one edit, short enough not to be what the user waits for. The analysis runs in the
 * worker, one at a time, and a newer edit supersedes the one in flight (its stale results are
 * dropped), so a short wait costs no responsiveness, only the analysis of a version typed past.
 */
export const DEBOUNCE_MS = 50;

type QueueItem = readonly FileResult[] | string | (() => void | Promise<unknown>);

export class Publisher {
  /** The diagnostics the client has, for each file that has any. */
  readonly published = new Map<string, Diagnostic[]>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private enabled = true;
  /** Nothing is analysed before the client's settings are known (they may say `enable: false`). */
  private configured = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analysis: AnalysisClient,
    private readonly openFiles: () => string[],
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** `faasguard.enable`: off clears every diagnostic and stops analysing; on re-checks the open files. */
  setEnabled(on: boolean): void {
    const first = !this.configured;
    this.configured = true;
    if (on === this.enabled) {
      if (first && on && this.dirty.size) this.schedule(undefined, 0);
      return;
    }
    this.enabled = on;
    if (on) return this.schedule(undefined, 0);
    this.cancelTimer();
    this.dirty.clear();
    for (const file of [...this.published.keys()]) this.send({ file, diagnostics: [] });
    this.analysis.reset();
  }

  /** Marks a file changed and (re)starts the debounce. */
  schedule(file: string | undefined, delay = DEBOUNCE_MS): void {
    if (!this.enabled) return;
    if (file) this.dirty.add(file);
    if (!this.configured) return;
    this.cancelTimer();
    this.timer = setTimeout(() => this.validate(), delay);
  }

  /** Folders removed from the workspace: their files' diagnostics go, unless the file is open. */
  dropUnder(roots: readonly string[]): void {
    for (const file of [...this.published.keys()]) {
      if (!roots.some((r) => isUnder(r, file))) continue;
      if (this.documents.get(uriOf(file))) this.dirty.add(file);
      else this.send({ file, diagnostics: [] });
    }
  }

  /** Re-analyses the changed files, the open documents and every file that has diagnostics. */
  private validate(): void {
    this.timer = undefined;
    if (!this.enabled) return;
    // One analysis at a time: what changes meanwhile waits for the next one, which the one in
    // flight makes way for (its edited files are done first; the rest is re-checked next time).
    if (this.running) {
      if (this.dirty.size) this.analysis.supersede();
      return;
    }
    const changed = [...this.dirty];
    this.dirty.clear();
    const targets = [...new Set([...changed, ...this.published.keys(), ...this.openFiles()])];
    if (targets.length === 0) return;
    this.running = this.analysis
      .analyze(targets, changed, (files) => this.publish(files))
      .then(() => this.drained())
      .catch((e: Error) => {
        for (const f of changed) this.dirty.add(f);
        this.connection.console.error(`[faasguard] analysis failed: ${e.message}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.dirty.size && !this.timer) this.schedule(undefined, 0);
      });
  }

  /**
   * Results from the worker (an analysis or a scan). They are queued and sent in slices of about
   * 20 ms: the worker's messages arrive together, and sending them all at once would hold the
   * message loop (a hover) for the whole batch.
   */
  publish(results: readonly FileResult[] | string): void {
    this.enqueue(results);
  }

  /**
   * Runs `fn` once the results received so far have been sent; the results received later are sent
   * after it (and after the promise it returns, if any).
   */
  after(fn: () => void | Promise<unknown>): void {
    this.enqueue(fn);
  }

  private enqueue(item: QueueItem): void {
    this.queue.push(item);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drain());
    }
  }

  /** Resolves when every queued result has been sent. */
  drained(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((r) => this.onDrained.push(r));
  }

  /** Chunks of results, as the worker's JSON text until parsed; and what runs after them. */
  private readonly queue: QueueItem[] = [];
  private draining = false;
  private onDrained: (() => void)[] = [];

  private drain(): void {
    const start = Date.now();
    while (this.queue.length && Date.now() - start < 20) {
      const head = this.queue[0];
      if (typeof head === 'function') {
        this.queue.shift();
        // What comes after it waits for it (a progress end that needs its token first).
        const wait = head();
        if (wait) return void wait.catch(() => undefined).then(() => setImmediate(() => this.drain()));
        continue;
      }
      const next: readonly FileResult[] = typeof head === 'string' ? (JSON.parse(head) as FileResult[]) : head;
      let n = 0;
      while (n < next.length && Date.now() - start < 20) this.publishOne(next[n++]);
      if (n === next.length) this.queue.shift();
      else this.queue[0] = next.slice(n);
    }
    if (this.queue.length) return void setImmediate(() => this.drain());
    this.draining = false;
    for (const r of this.onDrained.splice(0)) r();
    if (this.dirty.size && !this.running && !this.timer) this.schedule(undefined);
  }

  private publishOne(r: FileResult): void {
    if (!this.enabled) return;
    const doc = this.documents.get(uriOf(r.file));
    // Computed for another version of the buffer (or for the disk while a buffer is open, or the
    // reverse): the analysis of the current version is on its way.
    if ((doc?.version ?? undefined) !== r.version) {
      this.dirty.add(r.file);
      return;
    }
    this.send(r);
  }

  private send(r: { file: string; version?: number; diagnostics: Diagnostic[] }): void {
    if (r.diagnostics.length) this.published.set(r.file, r.diagnostics);
    else this.published.delete(r.file);
    void this.connection.sendDiagnostics({ uri: uriOf(r.file), version: r.version, diagnostics: r.diagnostics });
  }

  /** Waits for the analysis in flight, if any. */
  async idle(): Promise<void> {
    await this.running;
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancelTimer();
  }
}
