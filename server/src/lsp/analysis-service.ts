// What the analysis worker does with each message: the engines, the open buffers, findings turned
// into LSP diagnostics (with de-duplication: a file whose findings did not change is not sent again),
// the workspace scan in steps that yield, grant hovers and the SARIF export. No worker_threads
// here: the worker entry (analysis-worker.ts) only moves messages, so this can run in-process too.
import type { Diagnostic } from 'vscode-languageserver/node';
import { allRules } from '../../../rules/index.js';
import type { Engine } from '../engine/engine.js';
import { hashText } from '../engine/host.js';
import { ENGINE_CODES, type Finding } from '../engine/types.js';
import { LineIndex } from '../engine/util/lines.js';
import { fileRole } from '../engine/workspace.js';
import { RangeMaker, toDiagnostic } from './convert.js';
import { exportSarif } from './sarif-export.js';
import type { FileResult, FromWorker, Op, ToWorker, WorkerStats } from './worker-protocol.js';
import type { ScanSummary } from './protocol.js';
import { Workspaces } from './workspaces.js';
import { isUnder } from './paths.js';
import { injectedDelay, injectedFault } from './fault.js';

const CHUNK = 25;

/** A file's result on its way to the main thread, with its diagnostics already serialised (`json`). */
type Outgoing = FileResult & { json?: string };

/** The JSON text of a FileResult, reusing the diagnostics' text when it was made already. */
function resultJson(r: Outgoing): string {
  const head = r.version === undefined ? `{"file":${JSON.stringify(r.file)}` : `{"file":${JSON.stringify(r.file)},"version":${r.version}`;
  return `${head},"diagnostics":${r.json ?? JSON.stringify(r.diagnostics)}}`;
}

/** Each engine.analyze call checks the model's inputs again (tens of ms on a large folder). */
const REST_SLICE = 200;
const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));
/** How often, at most, a model phase that keeps reading files tells the watchdog it is alive. */
const BEAT_MS = 200;

export class AnalysisService {
  private readonly ws = new Workspaces(allRules);
  /** Editor versions of the open buffers. */
  private readonly versions = new Map<string, number>();
  /** What was last sent for each file that has diagnostics. */
  private readonly sent = new Map<string, { findings: Finding[]; hash?: string; json?: string }>();
  private readonly cancelled = new Set<number>();
  private analyses = 0;
  /** In a model phase: every file read is progress (a 10,000-file model takes a minute under load). */
  private modelPhase = false;
  private lastBeat = 0;

  constructor(private readonly post: (m: FromWorker) => void) {
    this.ws.skip.onRead = (file) => {
      if (this.modelPhase && Date.now() - this.lastBeat >= BEAT_MS) {
        this.lastBeat = Date.now();
        this.post({ kind: 'beat' });
      }
      injectedDelay(file);
    };
  }

  /** Builds a model (discovery, every config): the watchdog hears from it as long as it reads files. */
  private inModelPhase<T>(fn: () => T): T {
    this.modelPhase = true;
    this.lastBeat = Date.now();
    try {
      return fn();
    } finally {
      this.modelPhase = false;
    }
  }

  async handle(m: ToWorker): Promise<void> {
    switch (m.kind) {
      case 'roots':
        this.ws.removeRoots(m.remove);
        for (const f of [...this.sent.keys()]) if (m.remove.some((r) => isUnder(r, f))) this.sent.delete(f);
        this.ws.addRoots(m.add);
        return;
      case 'settings':
        this.ws.setSettings({ rules: m.settings.rules, exclude: m.settings.exclude });
        return;
      case 'text':
        this.ws.overlay.set(m.file, m.text, m.version);
        this.versions.set(m.file, m.version);
        return;
      case 'close':
        this.ws.overlay.delete(m.file);
        this.versions.delete(m.file);
        this.ws.dropLoose(m.file);
        return;
      case 'rediscover':
        this.ws.rediscover();
        return;
      case 'skip':
        for (const s of m.files) this.ws.skip.skipped.set(s.file, s.reason);
        return;
      case 'unskip':
        this.ws.skip.skipped.delete(m.file);
        return;
      case 'reset':
        this.sent.clear();
        return;
      case 'cancel':
        this.cancelled.add(m.id);
        return;
      case 'request':
        try {
          const result = await this.run(m.id, m);
          this.post({ kind: 'reply', id: m.id, result });
        } catch (e) {
          this.post({ kind: 'log', level: 'error', message: `${m.op} failed: ${(e as Error).stack ?? e}` });
          this.post({ kind: 'reply', id: m.id, error: (e as Error).message });
        } finally {
          this.cancelled.delete(m.id);
        }
    }
  }

  private run(id: number, op: Op): unknown {
    switch (op.op) {
      case 'analyze':
        return this.analyze(id, op.files, op.force);
      case 'hover':
        return this.hover(op.file, op.position);
      case 'scan':
        return this.scan(id);
      case 'sarif':
        return exportSarif(this.ws.all[0], this.ws.host, (file) => this.post({ kind: 'working', file }));
      case 'stats':
        return this.stats();
    }
  }

  /**
   * Re-analyses `files`; sends the diagnostics that changed, and those of `force` in any case. The
   * edited files come first; the re-check of the others yields, and stops when the request is
   * superseded (cancelled: a newer edit's analysis re-checks them).
   */
  private async analyze(id: number, files: readonly string[], force: readonly string[]): Promise<null> {
    this.analyses++;
    const forced = new Set(force);
    const byEngine = new Map<Engine, string[]>();
    const out: Outgoing[] = [];
    for (const f of files) {
      const e = this.ws.engineFor(f, this.versions.has(f));
      if (!e) {
        // Neither in a folder nor open (a removed folder, a closed loose file): nothing to report.
        const r = this.convert(f, [], forced.has(f));
        if (r) out.push(r);
        continue;
      }
      (byEngine.get(e) ?? byEngine.set(e, []).get(e)!).push(f);
    }
    for (const [engine, list] of byEngine) {
      const edited = list.filter((x) => forced.has(x));
      const blame = edited.find((f) => fileRole(f) !== 'js' && fileRole(f) !== 'python');
      // Before the folder is indexed: first findings from the configs near the edited files only,
      // sent at once; the complete ones follow when the folder's model is built.
      if (!engine.modelReady && edited.length) {
        for (const f of edited) {
          this.post({ kind: 'working', file: f });
          injectedFault(() => this.ws.host.readFile(f));
        }
        this.post({ kind: 'working', model: true, file: blame });
        this.collect(engine.analyzeNear(edited), forced, out);
        this.send(id, out.splice(0));
      }
      this.post({ kind: 'working', model: true, file: blame });
      const indexing = !engine.modelReady;
      if (indexing) this.post({ kind: 'indexing', root: engine.root, done: false });
      try {
        this.inModelPhase(() => {
          this.ws.indexed(engine);
          for (const f of list) engine.addFile(f); // open files that discovery does not list (new, unsaved)
          engine.model();
        });
      } finally {
        if (indexing) this.post({ kind: 'indexing', root: engine.root, done: true });
      }
      // The edited files one at a time, so that the watchdog knows which file a hang is in.
      for (const f of edited) {
        this.post({ kind: 'working', file: f });
        injectedFault(() => this.ws.host.readFile(f));
        this.collect(engine.analyze([f]), forced, out);
      }
      // The edited files' diagnostics go first, before the other files are re-checked.
      this.send(id, out.splice(0));
      // The others (cached, mostly) in slices, each a heartbeat for the watchdog.
      const rest = list.filter((x) => !forced.has(x));
      let last = Date.now();
      for (let i = 0; i < rest.length; i += REST_SLICE) {
        if (Date.now() - last > 15) {
          this.send(id, out.splice(0));
          await yieldToEventLoop();
          last = Date.now();
          if (this.cancelled.has(id)) return null;
        }
        this.post({ kind: 'working' });
        this.collect(engine.analyze(rest.slice(i, i + REST_SLICE)), forced, out);
      }
    }
    this.send(id, out);
    return null;
  }

  private send(id: number, results: Outgoing[]): void {
    for (let i = 0; i < results.length; i += CHUNK) this.post({ kind: 'files', id, json: `[${results.slice(i, i + CHUNK).map(resultJson).join(',')}]` });
  }

  private collect(results: Map<string, Finding[]>, forced: ReadonlySet<string>, out: Outgoing[]): void {
    for (const [file, findings] of results) {
      const r = this.convert(file, findings, forced.has(file));
      if (r) out.push(r);
    }
  }

  /** The diagnostics to send for a file, or undefined when the client already has them. */
  private convert(file: string, findings: Finding[], force: boolean): Outgoing | undefined {
    const skipped = this.ws.skip.skipped.get(file);
    if (skipped) findings = [{ ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'info', span: { file, start: 0, end: 0 }, message: skipped }];
    const last = this.sent.get(file);
    if (!force && last && last.findings === findings) return undefined;
    const version = this.versions.get(file);
    const ranges = new RangeMaker((f) => this.ws.host.readFile(f));
    const diagnostics: Diagnostic[] = findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, ranges, version));
    // Serialised once: to compare with what was sent, and as the text for the main thread. An open
    // file (edited at every keystroke) keeps that text to compare with, not a hash of it (no hashing
    // of a large file's diagnostics per keystroke); the others keep a hash.
    const json = JSON.stringify(diagnostics);
    if (!force && last && (last.json !== undefined ? last.json === json : last.hash === hashText(json))) {
      last.findings = findings;
      return undefined;
    }
    if (!force && !last && diagnostics.length === 0) return undefined;
    if (diagnostics.length) this.sent.set(file, version !== undefined ? { findings, json } : { findings, hash: hashText(json) });
    else this.sent.delete(file);
    return { file, version, diagnostics, json };
  }

  private hover(file: string, position: { line: number; character: number }): string | null {
    const text = this.ws.host.readFile(file);
    const e = this.ws.engineFor(file, this.versions.has(file));
    if (text === undefined || !e) return null;
    // The hover may build the model (the first request after a change): the model's budget, and
    // the blame on the hovered config, as for an edited one.
    const role = fileRole(file);
    this.post({ kind: 'working', model: true, file: role === 'data' || role === 'terraform' ? file : undefined });
    return this.inModelPhase(() => this.ws.indexed(e).hoverAt(file, new LineIndex(text).offsetAt(position))) ?? null;
  }

  /** Every file of every folder, yielding every ~15 ms (progress, cancellation, other messages). */
  private async scan(id: number): Promise<ScanSummary> {
    const summary: ScanSummary = { cancelled: false, files: 0, filesWithFindings: 0, error: 0, warning: 0, info: 0 };
    const all = new Map<string, Finding[]>();
    for (const engine of this.ws.all) {
      // The first step discovers the files and builds the model.
      this.post({ kind: 'working', model: true });
      const steps = engine.scanSteps();
      let last = 0; // the first step reports at once (with the file count), however fast the rest goes
      for (let first = true; ; first = false) {
        const r = first ? this.inModelPhase(() => steps.next()) : steps.next();
        if (r.done) {
          summary.files += r.value.fileCount;
          for (const [f, findings] of r.value.results) all.set(f, findings);
          break;
        }
        this.post({ kind: 'working', file: r.value.file });
        if (r.value.file) injectedFault(() => this.ws.host.readFile(r.value.file!));
        if (Date.now() - last > 15) {
          await yieldToEventLoop();
          last = Date.now();
          if (this.cancelled.has(id)) return { ...summary, cancelled: true };
          this.post({ kind: 'progress', id, done: r.value.done, total: r.value.total });
        }
      }
    }
    // A file the watchdog stopped keeps its one diagnostic.
    for (const file of this.ws.skip.skipped.keys()) if (!all.has(file) && this.ws.all.some((e) => e.isInRoot(file))) all.set(file, []);
    // Every file is sent (the scan's answer), and the files that no longer have findings are cleared.
    const out: Outgoing[] = [];
    for (const file of [...this.sent.keys()]) if (!all.has(file)) out.push({ file, version: this.versions.get(file), diagnostics: [] }), this.sent.delete(file);
    for (const [file, findings] of all) {
      // Held until the end of the scan: the diagnostics only (their text would double what is held).
      const r = this.convert(file, findings, true)!;
      delete r.json;
      out.push(r);
      const live = findings.filter((f) => !f.suppressed);
      if (live.length) summary.filesWithFindings++;
      for (const f of live) summary[f.severity]++;
    }
    for (let i = 0; i < out.length; i += CHUNK) {
      this.send(id, out.slice(i, i + CHUNK));
      await yieldToEventLoop();
    }
    return summary;
  }

  private stats(): WorkerStats {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    return {
      heapUsed: process.memoryUsage().heapUsed,
      overlays: this.versions.size,
      sent: this.sent.size,
      looseEngines: this.ws.looseCount,
      engines: this.ws.all.length,
      analyses: this.analyses,
    };
  }
}
