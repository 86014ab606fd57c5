// Helper summaries carried over from the analysis of a file's previous version. When a file is being
// edited, the parser hands the top-level statements an edit does not touch over to the new tree as
// the same objects (code/parse.ts, code/python-ast.ts). A helper's summary depends on the code of the
// functions it ran or applied, the files it loaded, and the module's values; if all of those are the
// same objects as when it was computed, the summary is the same, and is taken over (its spans moved
// through the edit) instead of computed again. So typing in one function re-walks that function and
// its callers, not the whole file.
//
// Taken over only when that is certain:
// - the module's top-level statements are the same objects, except function definitions of the same
//   name (the module's values are then the same), and what ran while the module loaded is unchanged;
// - the summary's functions (their top-level statements, in whatever file) and loaded files are
//   unchanged, and it ran in the same walker context;
// - it has no effect a later caller could see: no write to a module's scope or values, no function or
//   class value in what it returns, no recursion cut short, no budget reached inside it;
// - it read no module variable that the analysis wrote (a handler caching a client in a module
//   variable, a helper that keeps state): what it read then depended on when it was computed.
// A run that took summaries over and then met a budget, or wrote a module variable one of them read,
// is run again without them (analyze.ts), so that the findings are always those of a fresh analysis.
import type { CodeFile } from '../code/types.js';
import type { Span } from '../types.js';
import type { TextShift } from '../shift.js';
import type { SinkHit } from './core.js';
import type { Summary } from './budgets.js';
import type { FlowStep } from './types.js';
import type { AV, Dep, Syntax, Taint } from './values.js';

/** What the computation of one summary used and did. */
export interface SummaryRecord {
  node: Syntax;
  summary: Summary;
  /** The top-level statements of the functions it ran or applied (inclusive), each with its tree's root. */
  touched: Map<Syntax, Syntax>;
  /** Local files it loaded (inclusive), with the parsed version it got. */
  loads: Map<string, CodeFile | undefined>;
  /** Module variables it read (`file\0name`, inclusive), directly or inside their values. */
  reads: Set<string>;
  /** The hits with attacker data it reported, in order (inclusive of the summaries computed inside it). */
  flows: SinkHit[];
  /** The summaries computed inside it. */
  nested: SummaryRecord[];
  /** Budget it used (inclusive): expressions evaluated, closures run, and closure runs by function. */
  nodes: number;
  inlineRuns: number;
  inlineCounts?: Map<Syntax, number>;
  /** The walker's context it was computed in (the JS handler's callback name). */
  context: string;
  carriable: boolean;
}

/** What one analysis of a version leaves for the next version's. */
export interface TaintCarry {
  key: string;
  root: Syntax;
  text: string;
  statements: readonly Syntax[];
  /** The top-level statements of the functions that ran while the module loaded. */
  initTouched: Map<Syntax, Syntax>;
  records: Map<Syntax, SummaryRecord>;
}

/** What the recorder needs of the interpreter. */
export interface CarryHost {
  readonly nodes: number;
  readonly inlineRunCount: number;
  /** A node's top-level statement and the root of its tree. */
  statementOf(node: Syntax): [Syntax, Syntax] | undefined;
  /** The file a tree's root is of, and the root of a file's parsed version. */
  rootFile(root: Syntax): string;
  codeRoot(code: CodeFile): Syntax | undefined;
  context(): string;
  loadModule(file: string): CodeFile | undefined;
  /** Installs a summary taken over (not replacing one computed in this run). */
  install(node: Syntax, s: Summary): void;
  charge(nodes: number, inlineRuns: number, inlineCounts: Map<Syntax, number> | undefined): void;
  reportFlow(hit: SinkHit): void;
  /** Whether a value is one of a module's (its scope's values are the module's, and may change). */
  moduleOwned(v: object): boolean;
}

interface Open extends SummaryRecord {
  startNodes: number;
  startInline: number;
}

/** Moves spans through an edit, copying the values that hold them (the carry keeps its own). */
class Mover {
  private readonly memo = new Map<object, unknown>();
  /** A span met the edit: what holds it cannot be taken over. */
  touched = false;

  constructor(
    private readonly s: TextShift | undefined,
    private readonly reroot?: { from: Syntax; to: Syntax },
  ) {}

  span<T extends Span>(sp: T): T {
    const s = this.s;
    if (!s || sp.file !== s.file || sp.end <= s.start) return sp;
    if (sp.start < s.oldEnd) {
      this.touched = true;
      return sp;
    }
    const d = s.newEnd - s.oldEnd;
    return d === 0 ? sp : { ...sp, start: sp.start + d, end: sp.end + d };
  }

  private step(st: FlowStep): FlowStep {
    const span = this.span(st.span);
    return span === st.span ? st : { span, message: st.message };
  }

  private taint(t: Taint): Taint {
    let out = this.memo.get(t) as Taint | undefined;
    if (out) return out;
    out = { ...t, source: { ...t.source, span: this.span(t.source.span) }, steps: t.steps.map((x) => this.step(x)) };
    this.memo.set(t, out);
    return out;
  }

  private dep(d: Dep): Dep {
    let out = this.memo.get(d) as Dep | undefined;
    if (out) return out;
    out = { ...d, steps: d.steps.map((x) => this.step(x)) };
    this.memo.set(d, out);
    return out;
  }

  av(v: AV): AV {
    if (Object.isFrozen(v)) return v;
    let out = this.memo.get(v) as AV | undefined;
    if (out) return out;
    out = { ...v };
    this.memo.set(v, out);
    if (v.taints) out.taints = v.taints.map((t) => this.taint(t));
    if (v.deps) out.deps = v.deps.map((d) => this.dep(d));
    if (v.sym?.span) out.sym = { ...v.sym, span: this.span(v.sym.span) };
    if (v.props) out.props = new Map([...v.props].map(([k, p]) => [k, this.av(p)]));
    if (v.elem) out.elem = this.av(v.elem);
    return out;
  }

  hit(h: SinkHit): SinkHit {
    return { ...h, value: this.av(h.value), ...(h.taint ? { taint: this.taint(h.taint) } : {}), ...(h.deps ? { deps: h.deps.map((d) => this.dep(d)) } : {}) };
  }

  summary(s: Summary): Summary {
    return { ret: this.av(s.ret), hits: s.hits.map((h) => this.hit(h)) };
  }

  record(r: SummaryRecord): SummaryRecord {
    let touched = r.touched;
    const rr = this.reroot;
    if (rr && [...r.touched.values()].includes(rr.from)) touched = new Map([...r.touched].map(([st, root]) => [st, root === rr.from ? rr.to : root]));
    return { ...r, touched, summary: this.summary(r.summary), flows: r.flows.map((h) => this.hit(h)), nested: r.nested.filter((n) => n.carriable).map((n) => this.record(n)) };
  }
}

/** A value a later caller can use as it is: data, views and module origins, no function, class or module value. */
function plain(host: CarryHost, v: AV, seen: Set<AV>): boolean {
  if (Object.isFrozen(v) || seen.has(v)) return true;
  seen.add(v);
  if (v.fn || v.cls || v.resolver || v.ext || host.moduleOwned(v)) return false;
  for (const p of v.props?.values() ?? []) if (!plain(host, p, seen)) return false;
  return !v.elem || plain(host, v.elem, seen);
}

/** The summaries computed (or taken over) in one analysis, and the carry it was given. */
export class Recorder {
  readonly records = new Map<Syntax, SummaryRecord>();
  private readonly open: Open[] = [];
  /** Whether a tree's root is that of its file's version in this analysis. */
  private readonly current = new Map<Syntax, boolean>();
  /** Something happened that no later analysis may build on (a deferral, a budget): no carry is left. */
  disabled = false;
  /** Summaries taken over in this analysis. */
  taken = 0;
  private readonly takenRecords: SummaryRecord[] = [];
  private incoming?: { carry: TaintCarry; live: Set<Syntax>; shift: TextShift };
  private initTouched = new Map<Syntax, Syntax>();

  constructor(
    private readonly host: CarryHost,
    readonly key: string,
    readonly root: Syntax,
  ) {}

  /**
   * Offers the previous version's carry: it applies when the module's statements are the same objects
   * except function definitions of the same name (`sameSlot`).
   */
  offer(carry: TaintCarry | undefined, statements: readonly Syntax[], sameSlot: (a: Syntax, b: Syntax) => boolean, shift: () => TextShift): void {
    if (!carry || carry.key !== this.key || carry.statements.length !== statements.length) return;
    for (let i = 0; i < statements.length; i++) if (statements[i] !== carry.statements[i] && !sameSlot(carry.statements[i], statements[i])) return;
    this.incoming = { carry, live: new Set(statements), shift: shift() };
    carryStats.offered++;
  }

  /** The module is being loaded: what its top-level code runs is recorded. */
  beginInit(): void {
    this.open.push(this.newOpen(this.root, ''));
  }

  /** The module has loaded: the carry applies only if what ran then is unchanged. */
  endInit(): void {
    const init = this.open.pop();
    if (!init) return;
    this.initTouched = init.touched;
    const inc = this.incoming;
    if (inc && ![...inc.carry.initTouched].every(([st, root]) => this.live(st, root))) this.incoming = undefined;
    if (!init.carriable) this.disabled = true;
  }

  private newOpen(node: Syntax, context: string): Open {
    return { node, summary: { ret: {}, hits: [] }, touched: new Map(), loads: new Map(), reads: new Set(), flows: [], nested: [], nodes: 0, inlineRuns: 0, context, carriable: true, startNodes: this.host.nodes, startInline: this.host.inlineRunCount };
  }

  /** Whether a statement recorded by an earlier analysis is one of this analysis's trees. */
  private live(st: Syntax, root: Syntax): boolean {
    const inc = this.incoming;
    if (inc && root === inc.carry.root) return inc.live.has(st);
    if (root === this.root) return true;
    let cur = this.current.get(root);
    if (cur === undefined) {
      // Another file: its functions ran, so it is loaded in this analysis too (at the module's load, or in the summary's loads).
      const code = this.host.loadModule(this.host.rootFile(root));
      this.current.set(root, (cur = code !== undefined && this.host.codeRoot(code) === root));
    }
    return cur;
  }

  touch(node: Syntax): void {
    const top = this.open[this.open.length - 1];
    const at = top && this.host.statementOf(node);
    if (at) top.touched.set(at[0], at[1]);
  }

  /** A summary computed or taken over in this analysis was applied inside the one being computed. */
  applied(node: Syntax): void {
    const top = this.open[this.open.length - 1];
    const r = top && this.records.get(node);
    if (r) merge(top, r);
  }

  /** Something the open computations did that a later caller could see, or that depended on the caller. */
  effect(): void {
    for (const o of this.open) o.carriable = false;
  }

  /** A module variable was read (its key). */
  read(key: string): void {
    this.open[this.open.length - 1]?.reads.add(key);
  }

  flow(hit: SinkHit): void {
    for (const o of this.open) o.flows.push(hit);
  }

  loaded(file: string, code: CodeFile | undefined): void {
    const top = this.open[this.open.length - 1];
    if (top && !top.loads.has(file)) top.loads.set(file, code);
  }

  inlineRun(node: Syntax): void {
    for (const o of this.open) (o.inlineCounts ??= new Map()).set(node, (o.inlineCounts.get(node) ?? 0) + 1);
  }

  begin(node: Syntax): void {
    this.open.push(this.newOpen(node, this.host.context()));
    this.touch(node);
  }

  /** The computation of the summary of `node` ended (`s` undefined: it was unwound). */
  end(s: Summary | undefined): void {
    const o = this.open.pop();
    if (!o || !s) return;
    const { startNodes, startInline, ...r } = o;
    r.nodes = this.host.nodes - startNodes;
    r.inlineRuns = this.host.inlineRunCount - startInline;
    r.carriable &&= plain(this.host, s.ret, new Set()) && s.hits.every((h) => plain(this.host, h.value, new Set()));
    // The summary as it is now: a caller may later change what it shares.
    if (r.carriable) r.summary = new Mover(undefined).summary(s);
    this.records.set(r.node, r);
    const parent = this.open[this.open.length - 1];
    if (parent) {
      parent.nested.push(r);
      merge(parent, r);
    }
  }

  /** The previous version's summary of `node`, moved through the edit, when it holds for this version. */
  takeOver(node: Syntax): Summary | undefined {
    const inc = this.incoming;
    const r = inc?.carry.records.get(node);
    if (!inc || !r || !r.carriable || r.context !== this.host.context()) return undefined;
    for (const [file, code] of r.loads) if (this.host.loadModule(file) !== code) return undefined;
    for (const [st, root] of r.touched) if (!this.live(st, root)) return undefined;
    const mover = new Mover(inc.shift, { from: inc.carry.root, to: this.root });
    const copy = mover.record(r);
    if (mover.touched) return undefined;
    this.install(copy);
    this.takenRecords.push(copy);
    this.host.charge(r.nodes, r.inlineRuns, r.inlineCounts);
    for (const h of copy.flows) this.host.reportFlow(h);
    this.taken++;
    carryStats.taken++;
    this.applied(node);
    return copy.summary;
  }

  private install(r: SummaryRecord): void {
    if (!r.carriable) return;
    this.host.install(r.node, r.summary);
    if (!this.records.has(r.node)) this.records.set(r.node, r);
    for (const n of r.nested) this.install(n);
  }

  /** Whether a carry was taken over from (a run that must then be repeated without it, if it met a limit). */
  get usedCarry(): boolean {
    return this.taken > 0;
  }

  /** Whether a summary taken over read module state this analysis wrote (it must then be run without them). */
  readsWritten(writes: ReadonlySet<string>): boolean {
    return writes.size > 0 && this.takenRecords.some((r) => [...r.reads].some((k) => writes.has(k)));
  }

  /**
   * What this analysis leaves for the next version's: a summary that read module state written in
   * this analysis (by a handler, a helper) depended on when it was computed, and is not left.
   */
  carryOut(text: string, statements: readonly Syntax[], writes: ReadonlySet<string>): TaintCarry | undefined {
    if (this.disabled) return undefined;
    if (writes.size > 0) for (const r of this.records.values()) if (r.carriable && [...r.reads].some((k) => writes.has(k))) r.carriable = false;
    return { key: this.key, root: this.root, text, statements, initTouched: this.initTouched, records: this.records };
  }
}

function merge(into: SummaryRecord, r: SummaryRecord): void {
  for (const [st, root] of r.touched) into.touched.set(st, root);
  for (const k of r.reads) into.reads.add(k);
  for (const [f, c] of r.loads) if (!into.loads.has(f)) into.loads.set(f, c);
}

/** Counts for tests and the benchmark: analyses that were offered a carry, summaries taken over, runs repeated. */
export const carryStats = { offered: 0, taken: 0, reruns: 0 };

/** An engine's carries of the files being edited, by file: a few, the most recently analysed. */
export class CarryStore {
  private readonly carries = new Map<string, TaintCarry>();

  constructor(private readonly max = 8) {}

  get(file: string): TaintCarry | undefined {
    return this.carries.get(file);
  }

  keep(file: string, carry: TaintCarry | undefined): void {
    this.carries.delete(file);
    if (!carry) return;
    this.carries.set(file, carry);
    if (this.carries.size > this.max) this.carries.delete(this.carries.keys().next().value!);
  }

  /** Files deleted or out of the workspace: their carries go. */
  forgetWhere(gone: (file: string) => boolean): void {
    for (const f of [...this.carries.keys()]) if (gone(f)) this.carries.delete(f);
  }
}
