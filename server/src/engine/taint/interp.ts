// The taint interpreter for JS/TS: walks a function body in order, computing abstract values for
// expressions and variables. Branches are analysed from the same state and joined; loops run twice;
// guards that return or throw narrow what follows. Top-level helper functions (in this file or an
// imported local module) are summarised once, per parameter; nested closures are analysed in place
// with the actual arguments.
import ts from 'typescript';
import { tsx } from './syntax.js';
import type { CodeFile } from '../code/types.js';
import type { Span } from '../types.js';
import { Frame, Journal } from './env.js';
import { activeSources, matchSource, renderPath, type ActiveSource } from './sources.js';
import { CLEAN, dataOnly, join, NONE, type AV, type Dep, type FnValue, type Taint } from './values.js';
import type { FlowStep, SinkSpec } from './types.js';
import { evalModuleRequire } from './modules.js';
import { writesThis } from './this-usage.js';
import { runBlock } from './statements.js';
import { bindPattern, evalExpr } from './expressions.js';

export interface SinkHit {
  spec: SinkSpec;
  file: string;
  call: ts.CallExpression | ts.NewExpression | ts.Node;
  /** The node that carries the data (an argument, a property's value). */
  arg: ts.Node;
  value: AV;
  taint?: Taint;
  deps?: Dep[];
  /** The package the called function came from, and its path (for fixes that depend on the client). */
  calleeModule?: string;
  calleePath?: string[];
}

export interface Summary {
  ret: AV;
  hits: SinkHit[];
}

interface Collector {
  hits: SinkHit[];
}

// Budgets that keep one file's analysis within the editor's latency budget, whatever the code. A
// realistic 5,000-line handler evaluates about 30,000 nodes and runs a few hundred closures.
const MAX_INLINE_DEPTH = 6;
const MAX_INLINE_RUNS = 2_000;
/** Runs of one closure: a helper called from a loop in a scanner need not be followed every time. */
const MAX_INLINE_PER_FUNCTION = 64;
export const MAX_NODES = 300_000;
/** Nesting of expressions evaluated at once (each level uses a few stack frames). */
export const MAX_DEPTH = 1_500;

export const GLOBALS = new Set([
  'eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate', 'fetch', 'RegExp', 'JSON', 'Buffer', 'process',
  'Number', 'parseInt', 'parseFloat', 'Boolean', 'String', 'Math', 'BigInt', 'isNaN', 'isFinite', 'Object', 'Array',
  'Promise', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'escape', 'unescape', 'atob', 'btoa',
  'URL', 'URLSearchParams', 'structuredClone', 'console', 'Date', 'Symbol', 'Error', 'TextDecoder', 'TextEncoder',
  'require', 'module', 'exports', 'globalThis', 'global', 'Reflect', 'Map', 'Set', 'WeakMap',
]);

export class Interp {
  readonly journal = new Journal();
  sources: ActiveSource[];
  readonly flows: SinkHit[] = [];
  readonly summaries = new Map<ts.Node, Summary | 'pending'>();
  readonly moduleExports = new Map<string, AV>();
  private collectors: Collector[] = [];
  /** The file whose code is being interpreted (helpers may live in other files). */
  file: CodeFile;
  private inlineDepth = 0;
  private inlineRuns = 0;
  nodes = 0;
  /** Current expression nesting, bounded by MAX_DEPTH. */
  depth = 0;
  /** The stack of return-value accumulators for the functions being run. */
  readonly returns: { value: AV | undefined }[] = [];
  /** The lambda callback parameter of the handler being run (`callback(null, response)`). */
  callbackName?: string;
  readonly responses: { value: AV; node: ts.Node; file: string }[] = [];

  constructor(
    readonly entry: CodeFile,
    triggers: readonly import('../model/types.js').TriggerKind[],
    readonly loadModule: (file: string) => CodeFile | undefined,
  ) {
    this.file = entry;
    this.sources = activeSources(triggers);
  }

  span(node: ts.Node): Span {
    return spanOf(node);
  }

  step(node: ts.Node, message: string): FlowStep {
    return { span: this.span(node), message };
  }

  // ---- hits ----

  report(hit: SinkHit): void {
    if (hit.taint) {
      if (!this.flows.some((f) => f.arg === hit.arg && f.spec.family === hit.spec.family)) this.flows.push(hit);
    }
    if (hit.deps?.length) this.collectors[this.collectors.length - 1]?.hits.push({ ...hit, taint: undefined });
  }

  /** Turns a view into the event or a parameter into the data it carries. */
  materialize(v: AV): AV {
    if (!v.sym) return v;
    const { root, path, span } = v.sym;
    const { sym: _sym, ...out } = v;
    if (root === 'event') {
      const s = matchSource(path, this.sources);
      if (s) {
        const srcSpan = span ?? { file: this.file.file, start: 0, end: 0 };
        const p = renderPath('event', path.length >= s.path.length ? path.slice(0, Math.max(s.path.length, 6)) : path);
        // A view inside a source already carries its taint (see view()); do not count it twice.
        if (!v.taints?.some((t) => t.source.path === p)) {
          const taint: Taint = {
            source: { label: s.label, path: p, trigger: s.trigger, span: srcSpan },
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

  readProp(v: AV, name: string, node?: ts.Node): AV {
    const known = v.props?.get(name);
    if (known) return known;
    // A length is a number: it carries no payload, whatever it is the length of.
    if (name === 'length' && (v.sym || v.taints || v.deps)) return CLEAN;
    // `this` in a method's summary: a view that still knows its class's methods.
    if (v.cls && v.sym) {
      const m = this.memberOf(v, name);
      if (m !== CLEAN) return m;
    }
    if (v.sym) return this.view(v.sym.root, [...v.sym.path, name], node ? this.span(node) : v.sym.span);
    if (v.module) return { module: v.module, modulePath: [...(v.modulePath ?? []), name] };
    // globalThis.fetch is fetch.
    if (v.global) return v.global === 'globalThis' || v.global === 'global' ? (GLOBALS.has(name) ? { global: name } : CLEAN) : { global: `${v.global}.${name}` };
    if (v.cls || v.fn) return this.memberOf(v, name);
    if (v.taints?.length || v.deps?.length) {
      if (name === 'length') return CLEAN;
      return dataOnly(v);
    }
    if (/^\d+$/.test(name) && v.elem) return v.elem;
    return CLEAN;
  }

  readIndex(v: AV, node?: ts.Node): AV {
    if (v.elem) return v.elem;
    if (v.sym) return this.view(v.sym.root, [...v.sym.path, '*'], node ? this.span(node) : v.sym.span);
    if (v.props && v.props.size > 0) {
      let out: AV | undefined;
      for (const p of v.props.values()) out = join(out, p);
      return out ?? CLEAN;
    }
    return dataOnly(v);
  }

  /** A view into the event or a parameter; a read that lands inside a source becomes its data. */
  private view(root: 'event' | number, path: string[], span: Span | undefined): AV {
    const v: AV = { sym: { root, path, span } };
    if (root !== 'event') return v;
    const s = matchSource(path, this.sources);
    // Inside a source the value is data, and stays a view so that deeper reads name their path
    // (event.queryStringParameters.customer).
    return s && path.length >= s.path.length ? { ...this.materialize(v), sym: v.sym } : v;
  }

  /** A method or static member of a class value or instance (the class may be in another module). */
  private memberOf(v: AV, name: string): AV {
    const cls = v.cls;
    if (!cls) return CLEAN;
    for (const m of cls.members) {
      if (!m.name || !tsx.isIdentifier(m.name) || m.name.text !== name) continue;
      const file = cls.getSourceFile().fileName;
      if (tsx.isMethodDeclaration(m)) return { fn: { node: m, closure: v.fn?.closure ?? this.moduleFrameFor(file), file, self: v } };
      if (tsx.isPropertyDeclaration(m) && m.initializer && (tsx.isArrowFunction(m.initializer) || tsx.isFunctionExpression(m.initializer))) {
        return { fn: { node: m.initializer, closure: this.moduleFrameFor(file), file, self: v } };
      }
    }
    return CLEAN;
  }

  /** The top-level scope of the module a class or function was declared in. */
  moduleFrameFor(file: string): Frame {
    const code = file === this.file.file ? this.file : this.loadModule(file);
    return code ? this.moduleFrame(code) : new Frame(undefined, true);
  }

  // ---- modules ----

  private readonly moduleFrames = new Map<string, Frame>();

  moduleFrame(code: CodeFile): Frame {
    let f = this.moduleFrames.get(code.file);
    if (f) return f;
    f = new Frame(undefined, true);
    this.moduleFrames.set(code.file, f);
    const saved = this.file;
    this.file = code;
    try {
      if (code.sf) runBlock(this, code.sf.statements, f);
    } finally {
      this.file = saved;
    }
    return f;
  }

  /** The value of `require(spec)` / `import ... from spec`, seen from the current file. */
  requireModule(spec: string): AV {
    return evalModuleRequire(this, spec);
  }

  // ---- functions ----

  /**
   * Calls a function value. Functions declared at the top of a module, and methods that do not
   * change `this`, use their summary (computed once); closures and constructors run in place, once
   * per call, except when they are already running (recursion).
   */
  callFunction(fn: FnValue, args: AV[], callNode: ts.Node): AV {
    const isTopLevel = fn.closure instanceof Frame && !fn.closure.parent && (!fn.self || !writesThis(fn.node));
    if (isTopLevel) return this.applySummary(fn, args, callNode);
    if (this.inlineDepth >= MAX_INLINE_DEPTH || this.inlineRuns >= MAX_INLINE_RUNS || this.inlining.has(fn.node)) return CLEAN;
    const runs = this.inlineCounts.get(fn.node) ?? 0;
    if (runs >= MAX_INLINE_PER_FUNCTION) return CLEAN;
    this.inlineCounts.set(fn.node, runs + 1);
    this.inlineRuns++;
    this.inlineDepth++;
    this.inlining.add(fn.node);
    try {
      return this.runFunction(fn, args);
    } finally {
      this.inlineDepth--;
      this.inlining.delete(fn.node);
    }
  }

  /** Functions being run in place, to stop recursion. */
  private readonly inlining = new Set<ts.Node>();
  private readonly inlineCounts = new Map<ts.Node, number>();

  summaryOf(fn: FnValue): Summary {
    const cached = this.summaries.get(fn.node);
    if (cached === 'pending') return { ret: CLEAN, hits: [] };
    if (cached) return cached;
    this.summaries.set(fn.node, 'pending');
    const collector: Collector = { hits: [] };
    this.collectors.push(collector);
    let ret: AV = CLEAN;
    try {
      const params = fn.node.parameters.map((_, i): AV => ({ sym: { root: i, path: [] } }));
      // A method's `this` is one more parameter.
      const self: AV | undefined = fn.self ? { sym: { root: params.length, path: [] }, cls: fn.self.cls } : undefined;
      ret = this.runFunction(self ? { ...fn, self } : fn, params);
    } finally {
      this.collectors.pop();
    }
    const s: Summary = { ret, hits: collector.hits };
    this.summaries.set(fn.node, s);
    return s;
  }

  private applySummary(fn: FnValue, actual: AV[], callNode: ts.Node): AV {
    const s = this.summaryOf(fn);
    const params = fn.node.parameters;
    const n = params.length;
    const args = actual.slice(0, n);
    // `...rest`: the summary saw one parameter; every remaining argument flows into it.
    if (n > 0 && params[n - 1].dotDotDotToken) args[n - 1] = actual.slice(n - 1).reduce<AV>((a, b) => join(a, b), CLEAN);
    while (args.length < n) args.push(CLEAN);
    if (fn.self) args.push(fn.self);
    const name = fnName(fn.node);
    let memo: FlowStep | undefined;
    const callStep = () => (memo ??= this.step(callNode, `passed to ${name}()`));
    for (const hit of s.hits) {
      for (const d of hit.deps ?? []) {
        const actual = this.instantiateDep(d, args, callStep);
        const m = this.materialize(actual);
        const taint = m.taints?.find((t) => !t.sanitized.has(hit.spec.family));
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

  /** Runs a function body with the given arguments; returns the joined return value. */
  runFunction(fn: FnValue, args: AV[]): AV {
    const code = fn.file === this.file.file ? this.file : this.loadModule(fn.file) ?? this.file;
    const saved = this.file;
    this.file = code;
    const frame = new Frame(fn.closure as Frame, true);
    if (fn.self) frame.vars.set('this', fn.self);
    this.returns.push({ value: undefined });
    try {
      fn.node.parameters.forEach((p, i) => {
        let v = p.dotDotDotToken ? { elem: join(undefined, args.slice(i).reduce<AV | undefined>((a, b) => join(a, b), undefined)) } : (args[i] ?? CLEAN);
        if (p.initializer && v === CLEAN) v = evalExpr(this, p.initializer, frame);
        bindPattern(this, p.name, v, frame, true);
      });
      const body = fn.node.body;
      if (!body) return CLEAN;
      if (tsx.isBlock(body)) runBlock(this, body.statements, frame);
      else this.returns[this.returns.length - 1].value = evalExpr(this, body, frame);
      return this.returns[this.returns.length - 1].value ?? CLEAN;
    } finally {
      this.returns.pop();
      this.file = saved;
    }
  }

}

/** A node's span, in the file the node belongs to (helpers may be in another module). */
export function spanOf(node: ts.Node): Span {
  const sf = node.getSourceFile();
  return { file: sf.fileName, start: node.getStart(sf), end: node.getEnd() };
}

export function propName(n: ts.PropertyName): string | undefined {
  if (tsx.isIdentifier(n) || tsx.isStringLiteral(n) || tsx.isNumericLiteral(n) || tsx.isPrivateIdentifier(n)) return n.text;
  if (tsx.isComputedPropertyName(n) && tsx.isStringLiteral(n.expression)) return n.expression.text;
  return undefined;
}

export function fnName(n: ts.Node): string {
  const named = n as { name?: ts.Node };
  if (named.name && tsx.isIdentifier(named.name)) return named.name.text;
  if (n.parent && tsx.isVariableDeclaration(n.parent) && tsx.isIdentifier(n.parent.name)) return n.parent.name.text;
  if (n.parent && tsx.isPropertyAssignment(n.parent)) return propName(n.parent.name) ?? 'function';
  return 'function';
}

