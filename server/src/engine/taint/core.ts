// The language-neutral part of the taint interpreter: which reads of the event are sources, how
// abstract values flow through property reads, helper summaries (computed once per function and
// instantiated at each call), sink checks, the handler's responses, and the flows that come out.
// A language adds a walker: a subclass that evaluates its own syntax (statements, expressions,
// calls, guards, modules) and implements the few hooks below. Syntax nodes stay opaque here.
import type { CodeFile } from '../code/types.js';
import type { TriggerKind } from '../model/types.js';
import type { Fix, Span } from '../types.js';
import type { CalleeInfo } from './callee.js';
import { MAX_INLINE_DEPTH, MAX_INLINE_PER_FUNCTION, MAX_INLINE_RUNS, MAX_NODES, SummaryStack } from './budgets.js';
import { matchSource, renderPath, type ActiveSource } from './sources.js';
import { awsIssued } from './aws-fields.js';
import { checkResponses } from './responses.js';
import type { FlowStep, Language, SinkFamily, SinkSpec, TaintFlow } from './types.js';
import { CLEAN, dataOnly, depsFor, join, NONE, taintFor, type AV, type Dep, type FnValue, type Syntax, type Taint } from './values.js';
import { Recorder, type CarryHost, type TaintCarry } from './carry.js';
import { ModuleState } from './module-state.js';
import type { Summary } from './budgets.js';
import type { TextShift } from '../shift.js';

export interface SinkHit {
  spec: SinkSpec;
  file: string;
  /** The call (or the response) the sink is. */
  call: Syntax;
  /** The node that carries the data (an argument, a property's value). */
  arg: Syntax;
  value: AV;
  taint?: Taint;
  deps?: Dep[];
  /** The package the called function came from, and its path (for fixes that depend on the client). */
  calleeModule?: string;
  calleePath?: string[];
}

export { MAX_DEPTH, MAX_NODES } from './budgets.js';

/** A returned response (or one passed to the Lambda callback), checked once the handler has run. */
export interface Response {
  value: AV;
  node: Syntax;
  file: string;
}

export abstract class TaintCore extends SummaryStack implements CarryHost {
  abstract readonly language: Language;
  sources: ActiveSource[] = [];
  readonly flows: SinkHit[] = [];
  private readonly flowKeys = new Map<Syntax, Set<SinkFamily>>();
  /** Per call, the sinks with request properties (host, path) a flow already reached. */
  private readonly callFlowKeys = new Map<Syntax, Set<string>>();
  /** Evaluated local modules, by absolute path. */
  readonly moduleExports = new Map<string, AV>();
  /** The file whose code is being interpreted (helpers may live in other files). */
  file: CodeFile;
  private inlineDepth = 0;
  /** Functions being run in place, to stop recursion. */
  private readonly inlining = new Set<Syntax>();
  /** The module state this analysis writes, when it records summaries for the next version. */
  moduleState?: ModuleState;
  readonly loadModule: (file: string) => CodeFile | undefined;
  /** The stack of return-value accumulators for the functions being run. */
  readonly returns: { value: AV | undefined }[] = [];
  /** What the handler being run returned (its responses). */
  readonly responses: Response[] = [];
  /** When set, every path of the event the code reads (for inferring the trigger). */
  reads?: Map<string, string[]>;
  /** The triggers of the handler being run, once known: whether its responses go back to a caller. */
  triggerKinds?: readonly TriggerKind[];

  constructor(
    readonly entry: CodeFile,
    load: (file: string) => CodeFile | undefined,
  ) {
    super();
    this.file = entry;
    this.loadModule = (f) => {
      const code = load(f);
      this.recorder?.loaded(f, code);
      return code;
    };
  }

  // ---- what a walker provides ----

  /** A node's span, in the file the node belongs to. */
  abstract spanOf(node: Syntax): Span;
  /** Whether calls of this function can use its summary (a top-level function, a method that leaves its object alone). */
  protected abstract canSummarise(fn: FnValue): boolean;
  /** The name steps show for a function (`passed to name()`). */
  abstract fnName(fn: FnValue): string;
  /** A method or static member of a class value or instance. */
  protected abstract memberOf(v: AV, name: string): AV;
  /** The node of property `key` in the object (dict) literal a value was built from. */
  abstract propNode(v: AV, key: string, caseInsensitive?: boolean): Syntax | undefined;
  /** The quick fixes for a finding at a sink. */
  protected abstract buildFixes(hit: SinkHit): Fix[] | undefined;
  /** A node's top-level statement, and the root of the tree it is in. */
  abstract statementOf(node: Syntax): [Syntax, Syntax] | undefined;
  /** The file of a tree's root; the root of a parsed file. */
  abstract rootFile(root: Syntax): string;
  abstract codeRoot(code: CodeFile): Syntax | undefined;
  /** The walker's state a summary may depend on, besides the code (see carry.ts). */
  context(): string {
    return '';
  }

  span(node: Syntax): Span {
    return this.spanOf(node);
  }

  step(node: Syntax, message: string): FlowStep {
    return { span: this.spanOf(node), message };
  }

  // ---- hits ----

  report(hit: SinkHit): void {
    if (hit.taint) {
      this.recorder?.flow(hit);
      this.reportFlow(hit);
    }
    if (hit.deps?.length) this.collectors[this.collectors.length - 1]?.hits.push({ ...hit, taint: undefined });
  }

  /** A hit with attacker data becomes a flow, unless one already reached its argument for its family. */
  reportFlow(hit: SinkHit): void {
    // One flow per argument and sink family, found in constant time (10,000 sinks in a file are 10,000 flows);
    // and one request is one sink: its host and its path reaching it are one finding (the first found).
    let families = this.flowKeys.get(hit.arg);
    if (!families) this.flowKeys.set(hit.arg, (families = new Set()));
    const callKey = hit.spec.props ? `${hit.spec.family}|${hit.spec.id}` : undefined;
    let perCall = callKey ? this.callFlowKeys.get(hit.call) : undefined;
    if (callKey && !perCall) this.callFlowKeys.set(hit.call, (perCall = new Set()));
    if (!families.has(hit.spec.family) && !(callKey && perCall!.has(callKey))) {
      families.add(hit.spec.family);
      if (callKey) perCall!.add(callKey);
      this.flows.push(hit);
    }
  }

  /** Reports `v` at a sink when it carries data the sink's family is not safe for. */
  checkValue(spec: SinkSpec, call: Syntax, node: Syntax, v: AV, info?: CalleeInfo): void {
    const m = this.materialize(v);
    const family: SinkFamily = spec.family;
    const taint = taintFor(m, family);
    const deps = depsFor(m, family);
    if (taint || deps.length) {
      this.report({ spec, file: this.spanOf(node).file, call, arg: node, value: v, taint, deps, calleeModule: info?.module, calleePath: info?.modulePath });
    }
  }

  /** Turns a view into the event or a parameter into the data it carries. */
  materialize(v: AV): AV {
    if (!v.sym) return v;
    const { root, path, span } = v.sym;
    const { sym: _sym, ...out } = v;
    if (root === 'event') {
      this.recorder?.effect();
      const s = matchSource(path, this.sources);
      if (s && !(v.sym.parsed !== undefined && awsIssued(s, path, v.sym.parsed))) {
        const srcSpan = span ?? { file: this.file.file, start: 0, end: 0 };
        const shown = v.sym.parsed !== undefined ? Math.min(v.sym.parsed, Math.max(s.path.length, 6)) : Math.max(s.path.length, 6);
        const p = renderPath('event', path.length >= s.path.length ? path.slice(0, shown) : path);
        // A view inside a source already carries its taint (see view()); do not count it twice.
        if (!v.taints?.some((t) => t.source.path === p)) {
          const taint: Taint = {
            source: { label: s.label, path: p, trigger: s.trigger, span: srcSpan, inferred: s.inferred, unambiguous: s.unambiguous },
            steps: [{ span: srcSpan, message: `source: ${s.label} (${p})` }],
            sanitized: NONE,
          };
          out.taints = [taint, ...(v.taints ?? [])];
        }
      }
    } else {
      out.deps = [{ param: root, path, steps: [], sanitized: NONE }, ...(v.deps ?? [])];
    }
    return out;
  }

  // ---- property access ----

  /** A member of a global (`JSON.parse`, `os.environ`); languages refine it. */
  protected globalMember(global: string, name: string): AV {
    return { global: `${global}.${name}` };
  }

  /** A walker's own reading of `v.name` (a data class property...); undefined: the common rules apply. */
  protected refineRead(_v: AV, _name: string, _node?: Syntax): AV | undefined {
    return undefined;
  }

  /** A walker's own reading of an element of `v`; undefined: the common rules apply. */
  protected refineIndex(_v: AV, _node?: Syntax): AV | undefined {
    return undefined;
  }

  readProp(v: AV, name: string, node?: Syntax): AV {
    this.moduleState?.readInside(v);
    const known = v.props?.get(name);
    if (known) return known;
    const refined = v.ext ? this.refineRead(v, name, node) : undefined;
    if (refined) return refined;
    // A length is a number: it carries no payload, whatever it is the length of.
    if (name === 'length' && (v.sym || v.taints || v.deps)) return CLEAN;
    // `this` in a method's summary: a view that still knows its class's methods.
    if (v.cls && v.sym) {
      const m = this.memberOf(v, name);
      if (m !== CLEAN) return m;
    }
    if (v.sym) return this.view(v.sym.root, [...v.sym.path, name], node ? this.spanOf(node) : v.sym.span, v.sym.parsed);
    if (v.module) return { module: v.module, modulePath: [...(v.modulePath ?? []), name] };
    if (v.global) return this.globalMember(v.global, name);
    if (v.cls || v.fn) return this.memberOf(v, name);
    if (v.taints?.length || v.deps?.length) return dataOnly(v);
    if (/^\d+$/.test(name) && v.elem) return v.elem;
    return CLEAN;
  }

  readIndex(v: AV, node?: Syntax): AV {
    this.moduleState?.readInside(v);
    if (v.elem) return v.elem;
    const refined = v.ext ? this.refineIndex(v, node) : undefined;
    if (refined) return refined;
    if (v.sym) return this.view(v.sym.root, [...v.sym.path, '*'], node ? this.spanOf(node) : v.sym.span, v.sym.parsed);
    if (v.props && v.props.size > 0) {
      let out: AV | undefined;
      for (const p of v.props.values()) out = join(out, p);
      return out ?? CLEAN;
    }
    return dataOnly(v);
  }

  /**
   * A view into the event or a parameter; a read that lands inside a source becomes its data. In a
   * message a service relayed (an SQS or SNS body, an EventBridge detail) parsed as JSON, the fields
   * of the AWS event inside it are AWS's (a nested custom resource's ResponseURL, an S3 event's bucket).
   */
  view(root: 'event' | number, path: string[], span: Span | undefined, parsed?: number): AV {
    const v: AV = { sym: parsed === undefined ? { root, path, span } : { root, path, span, parsed } };
    if (root !== 'event') return v;
    // The event read inside a helper (through a module's value): the summary depends on the handler's sources.
    this.recorder?.effect();
    if (this.reads && this.reads.size < 500 && parsed === undefined) this.reads.set(path.join('\u0000'), path);
    const s = matchSource(path, this.sources);
    if (s && parsed !== undefined && awsIssued(s, path, parsed)) return v;
    // Inside a source the value is data, and stays a view so that deeper reads name their path
    // (event.queryStringParameters.customer).
    return s && path.length >= s.path.length ? { ...this.materialize(v), sym: v.sym } : v;
  }

  // ---- functions ----

  /**
   * Calls a function value. Functions that can be summarised use their summary (computed once);
   * closures and constructors run in place, once per call, except when they are already running
   * (recursion), within the inlining budgets.
   */
  callFunction(fn: FnValue, args: AV[], callNode: Syntax): AV {
    if (this.canSummarise(fn)) return this.applySummary(fn, args, callNode);
    const runs = this.inlineCounts.get(fn.node) ?? 0;
    if (this.inlineDepth >= MAX_INLINE_DEPTH || this.inlineRuns >= MAX_INLINE_RUNS || this.inlining.has(fn.node) || runs >= MAX_INLINE_PER_FUNCTION) {
      // What a summary being computed gets here depends on where it was asked from.
      this.recorder?.effect();
      return CLEAN;
    }
    this.inlineCounts.set(fn.node, runs + 1);
    this.inlineRuns++;
    this.recorder?.touch(fn.node);
    this.recorder?.inlineRun(fn.node);
    this.inlineDepth++;
    this.inlining.add(fn.node);
    try {
      return this.runFunction(fn, args);
    } finally {
      this.inlineDepth--;
      this.inlining.delete(fn.node);
    }
  }

  private applySummary(fn: FnValue, actual: AV[], callNode: Syntax): AV {
    const s = this.summaryOf(fn);
    const { count: n, rest } = this.paramShape(fn);
    const args = actual.slice(0, n);
    // `...rest` / `*args`: the summary saw one parameter; every remaining argument flows into it.
    if (n > 0 && rest) args[n - 1] = actual.slice(n - 1).reduce<AV>((a, b) => join(a, b), CLEAN);
    while (args.length < n) args.push(CLEAN);
    if (fn.self) args.push(fn.self);
    const name = this.fnName(fn);
    let memo: FlowStep | undefined;
    const callStep = () => (memo ??= this.step(callNode, `passed to ${name}()`));
    for (const hit of s.hits) {
      for (const d of hit.deps ?? []) {
        const actualDep = this.instantiateDep(d, args, callStep);
        const m = this.materialize(actualDep);
        const taint = taintFor(m, hit.spec.family);
        const deps = m.deps?.filter((x) => !x.sanitized.has(hit.spec.family));
        if (taint || deps?.length) this.report({ ...hit, taint, deps });
      }
    }
    return this.instantiate(s.ret, args, callStep, 0);
  }

  /** The caller's data for a summary dependency: the argument, read along the dependency's path. */
  private instantiateDep(d: Dep, args: AV[], callStep: () => FlowStep): AV {
    let v = args[d.param] ?? CLEAN;
    for (const p of d.path) v = p === '*' ? this.readIndex(v) : this.readProp(v, p);
    v = this.materialize(v);
    const extra = d.sanitized;
    const withSteps = <T extends { steps: FlowStep[]; sanitized: ReadonlySet<string> }>(x: T): T => ({
      ...x,
      steps: [...x.steps, callStep(), ...d.steps].slice(0, 24),
      sanitized: new Set([...x.sanitized, ...extra]) as T['sanitized'],
    });
    return { taints: v.taints?.map(withSteps), deps: v.deps?.map(withSteps) };
  }

  /** A summary's return value, with parameter references replaced by the caller's arguments. */
  instantiate(v: AV, args: AV[], callStep: () => FlowStep, depth: number): AV {
    if (depth > 4 || v === CLEAN) return v;
    let { deps: _deps, sym: _sym, ...out }: AV = v;
    if (v.sym && typeof v.sym.root === 'number') {
      let base = args[v.sym.root] ?? CLEAN;
      for (const p of v.sym.path) base = p === '*' ? this.readIndex(base) : this.readProp(base, p);
      out = join(out, base);
    }
    for (const d of v.deps ?? []) out = join(out, this.instantiateDep(d, args, callStep));
    if (v.props) out.props = new Map([...v.props].map(([k, p]) => [k, this.instantiate(p, args, callStep, depth + 1)]));
    if (v.elem) out.elem = this.instantiate(v.elem, args, callStep, depth + 1);
    return out;
  }

  // ---- responses ----

  /** Data a value holds anywhere: its own taints, its view into the event, its properties and elements. */
  deepData(v: AV, depth = 0): AV {
    let out = dataOnly(this.materialize(v));
    if (depth > 3) return out;
    for (const p of v.props?.values() ?? []) out = join(out, this.deepData(p, depth + 1));
    if (v.elem) out = join(out, this.deepData(v.elem, depth + 1));
    return out;
  }

  /**
   * Returned responses: a text/html body built from data, a Location header built from data, and
   * (for a caller-facing trigger) details of a caught error in the body, or in the whole value where
   * the whole value is what the caller gets (HTTP API, function URL, AppSync).
   */
  checkResponses(): void {
    // What the response check reads is not what the handler reads: it does not count for inference.
    const reads = this.reads;
    this.reads = undefined;
    try {
      checkResponses(this);
    } finally {
      this.reads = reads;
    }
  }

  // ---- summaries carried over from the previous version (carry.ts) ----

  /** Records this analysis's summaries for the next version, and offers it the previous version's. */
  startCarry(key: string, root: Syntax, carry: TaintCarry | undefined, statements: readonly Syntax[], sameSlot: (a: Syntax, b: Syntax) => boolean, shift: () => TextShift): void {
    this.recorder = new Recorder(this, key, root);
    this.recorder.offer(carry, statements, sameSlot, shift);
    this.moduleState = new ModuleState(this.journal, this.recorder);
  }

  moduleOwned(v: object): boolean {
    return this.moduleState?.owns(v) ?? false;
  }

  install(node: Syntax, s: Summary): void {
    if (!this.summaries.has(node)) this.summaries.set(node, s);
  }

  charge(nodes: number, inlineRuns: number, inlineCounts: Map<Syntax, number> | undefined): void {
    this.nodes += nodes;
    this.inlineRuns += inlineRuns;
    for (const [n, k] of inlineCounts ?? []) this.inlineCounts.set(n, (this.inlineCounts.get(n) ?? 0) + k);
  }

  /**
   * The end of the analysis: what it leaves for the next version (nothing when a budget stopped part
   * of it), and whether it must be run again without what it took over (it took summaries over, then
   * met a budget or wrote a module variable one of them had read).
   */
  finishCarry(text: string, statements: readonly Syntax[]): { carry?: TaintCarry; rerun: boolean } {
    const r = this.recorder;
    if (!r) return { rerun: false };
    const limited = !!this.stoppedEarly || r.disabled || this.nodes >= MAX_NODES / 2 || this.inlineRuns >= MAX_INLINE_RUNS / 2;
    const writes = this.moduleState?.writes ?? new Set<string>();
    if (limited || r.readsWritten(writes)) return { rerun: r.usedCarry };
    return { carry: r.carryOut(text, statements, writes), rerun: false };
  }

  // ---- results ----

  /** The sink hits as flows, with their steps and fixes. */
  toFlows(): TaintFlow[] {
    return this.flows.map((hit) => {
      const taint = hit.taint!;
      const span = this.spanOf(hit.arg);
      const steps = [...taint.steps];
      const last = steps[steps.length - 1];
      if (!last || last.span.start !== span.start || last.span.file !== span.file) steps.push({ span, message: `reaches ${hit.spec.label}` });
      return { sink: hit.spec, span, callSpan: this.spanOf(hit.call), source: taint.source, steps, fixes: this.fixesFor(hit) };
    });
  }

  private fixesFor(hit: SinkHit): Fix[] | undefined {
    try {
      return this.buildFixes(hit);
    } catch {
      return undefined; // a fix is a convenience: never let it break the finding
    }
  }
}
