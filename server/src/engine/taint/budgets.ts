// The interpreter's budgets, and the stack of helper summaries being computed. Budgets keep one
// file's analysis within the editor's latency budget whatever the code; a budget that drops work
// sets `stoppedEarly`, and the file gets one note that says so (runner.ts). Helper chains deeper than
// MAX_SUMMARY_DEPTH are summarised callees-first instead of by recursion that would overflow.
import { Journal } from './env.js';
import { isStackOverflow } from '../guard.js';
import type { SinkHit } from './core.js';
import { CLEAN, type AV, type FnValue, type Syntax } from './values.js';
import type { Recorder } from './carry.js';

export interface Summary {
  ret: AV;
  hits: SinkHit[];
}

export interface Collector {
  hits: SinkHit[];
}

// Budgets that keep one file's analysis within the editor's latency budget, whatever the code. A
// realistic 5,000-line handler evaluates about 30,000 nodes and runs a few hundred closures.
export const MAX_INLINE_DEPTH = 6;
export const MAX_INLINE_RUNS = 2_000;
/** Runs of one closure: a helper called from a loop in a scanner need not be followed every time. */
export const MAX_INLINE_PER_FUNCTION = 64;
export const MAX_NODES = 300_000;
/** Nesting of expressions evaluated at once (each level uses a few stack frames). */
export const MAX_DEPTH = 1_500;
/**
 * Helper summaries computed inside one another at once. A deeper chain (`h0` calls `h1` ... calls
 * `h1000`) is not followed by recursion, which would overflow the stack: the summary at this depth is
 * deferred, the computation unwinds, and the deferred callee is summarised first (callees-first),
 * then the callers again, now with the callee's summary cached.
 */
const MAX_SUMMARY_DEPTH = 40;
/** Deferred summaries per file (each one re-runs at most MAX_SUMMARY_DEPTH callers). */
const MAX_DEFERRED = 2_000;

/** Unwinds a summary computation that went MAX_SUMMARY_DEPTH deep, to summarise `fn` first. */
class Deferred {
  constructor(readonly fn: FnValue) {}
}

export abstract class SummaryStack {
  readonly journal = new Journal();
  readonly summaries = new Map<Syntax, Summary | 'pending'>();
  protected collectors: Collector[] = [];
  private nodeCount = 0;
  private exprDepth = 0;
  private summaryDepth = 0;
  private deferrals = 0;
  /** Closures run in place, in all and by function (MAX_INLINE_RUNS, MAX_INLINE_PER_FUNCTION). */
  protected inlineRuns = 0;
  protected readonly inlineCounts = new Map<Syntax, number>();
  /** Records what each summary used, when the file is being edited (carry.ts). */
  recorder?: Recorder;
  /** Set when a budget stopped part of the analysis: why (one note for the file says so). */
  stoppedEarly?: string;

  /** Nodes evaluated, bounded by MAX_NODES: past it the walkers evaluate nothing more. */
  get nodes(): number {
    return this.nodeCount;
  }
  set nodes(n: number) {
    this.nodeCount = n;
    if (n > MAX_NODES) this.stoppedEarly ??= `the data-flow analysis evaluated its budget of ${MAX_NODES.toLocaleString('en-US')} expressions`;
  }

  /** Current expression nesting, bounded by MAX_DEPTH: a deeper expression is not evaluated. */
  get depth(): number {
    return this.exprDepth;
  }
  set depth(d: number) {
    this.exprDepth = d;
    if (d > MAX_DEPTH) this.stoppedEarly ??= `an expression is nested more than ${MAX_DEPTH.toLocaleString('en-US')} levels deep`;
  }

  /**
   * Runs one handler. A stack overflow inside it (an expression or statement nested deeper than the
   * walkers can follow, before MAX_DEPTH) stops that run only: the flows reported so far are kept,
   * the branches it was in are closed, and the file gets one note.
   */
  guarded(run: () => void): void {
    const mark = this.journal.mark();
    try {
      run();
    } catch (e) {
      if (!isStackOverflow(e)) throw e;
      this.journal.unwindTo(mark);
      this.stoppedEarly ??= 'the code is nested too deeply for the data-flow analysis to follow';
    }
  }

  /** Runs a function body with the given arguments; returns the joined return value. */
  abstract runFunction(fn: FnValue, args: AV[]): AV;
  /** How many parameters a function declares, and whether the last one collects the rest. */
  protected abstract paramShape(fn: FnValue): { count: number; rest: boolean };

  get inlineRunCount(): number {
    return this.inlineRuns;
  }

  summaryOf(fn: FnValue): Summary {
    const cached = this.summaries.get(fn.node);
    if (cached === 'pending') {
      // Recursion: what the summaries being computed get here depends on which was asked first.
      this.recorder?.effect();
      return { ret: CLEAN, hits: [] };
    }
    if (cached) {
      this.recorder?.applied(fn.node);
      return cached;
    }
    const carried = this.recorder?.takeOver(fn.node);
    if (carried) return carried;
    if (this.summaryDepth >= MAX_SUMMARY_DEPTH) throw new Deferred(fn);
    return this.summaryDepth === 0 ? this.calleesFirst(fn) : this.computeSummary(fn);
  }

  /**
   * Summarises `fn` from the top of the summary stack. A chain deeper than MAX_SUMMARY_DEPTH defers
   * its deepest callee: that one is summarised first, from here, then the chain above it again.
   */
  private calleesFirst(fn: FnValue): Summary {
    const work: FnValue[] = [fn];
    for (;;) {
      const top = work[work.length - 1];
      const done = this.summaries.get(top.node);
      if (done && done !== 'pending') {
        work.pop();
        if (work.length === 0) return done;
        continue;
      }
      const mark = this.journal.mark();
      try {
        this.computeSummary(top);
      } catch (e) {
        if (!(e instanceof Deferred)) throw e;
        if (this.recorder) this.recorder.disabled = true;
        // The writes of the branches the unwound computation was in are undone.
        this.journal.unwindTo(mark);
        if (++this.deferrals > MAX_DEFERRED) {
          this.stoppedEarly ??= `helper functions call one another more than ${MAX_SUMMARY_DEPTH} deep, past the budget of ${MAX_DEFERRED.toLocaleString('en-US')} deferred summaries`;
          this.summaries.set(e.fn.node, { ret: CLEAN, hits: [] });
        } else work.push(e.fn);
      }
    }
  }

  private computeSummary(fn: FnValue): Summary {
    this.summaries.set(fn.node, 'pending');
    const collector: Collector = { hits: [] };
    this.collectors.push(collector);
    this.summaryDepth++;
    this.recorder?.begin(fn.node);
    let ret: AV = CLEAN;
    let finished = false;
    let s: Summary | undefined;
    try {
      const { count } = this.paramShape(fn);
      const params = Array.from({ length: count }, (_, i): AV => ({ sym: { root: i, path: [] } }));
      // A method's `this` (`self`) is one more parameter.
      const self: AV | undefined = fn.self ? { sym: { root: params.length, path: [] }, cls: fn.self.cls } : undefined;
      ret = this.runFunction(self ? { ...fn, self } : fn, params);
      finished = true;
      s = { ret, hits: collector.hits };
      this.summaries.set(fn.node, s);
    } finally {
      this.summaryDepth--;
      this.collectors.pop();
      if (!finished) this.summaries.delete(fn.node);
      this.recorder?.end(s);
    }
    return s!;
  }
}
