// The JS/TS walker of the taint interpreter: the hub that the node-kind modules (expressions,
// statements, calls, guards, modules) receive and call each other through, so that none of them
// imports another at run time. It walks a function body in order, computing abstract values for
// expressions and variables. Branches are analysed from the same state and joined; loops run twice;
// guards that return or throw narrow what follows. Top-level helper functions (in this file or an
// imported local module) are summarised once; nested closures are analysed in place with the
// actual arguments (see TaintCore).
import type ts from 'typescript';
import { tsx } from './syntax.js';
import type { CodeFile } from '../../code/types.js';
import type { Fix, Span } from '../../types.js';
import { TaintCore, type SinkHit } from '../core.js';
import { Frame } from '../env.js';
import { CLEAN, dataOnly, join, type AV, type FnValue, type LazyStep, type Syntax } from '../values.js';
import { isCaught, stackTraceValue } from '../errors.js';
import { evalModuleRequire } from './modules.js';
import { writesThis } from './this-usage.js';
import { runBlock, runStatement } from './statements.js';
import { assign, bindPattern, evalExpr, lookup, setVar } from './expressions.js';
import { evalCall, evalNew } from './calls.js';
import { callNarrowings, caseNarrowings, narrowings, type Narrowing } from './guards.js';
import { propNode } from './sinks.js';
import { buildFixes } from './fixes.js';
import { GLOBALS, SK, fnNameOf, jsFn } from './syntax.js';

export class JsInterp extends TaintCore {
  readonly language = 'js' as const;
  /** The lambda callback parameter of the handler being run (`callback(null, response)`). */
  callbackName?: string;
  private readonly moduleFrames = new Map<string, Frame>();

  constructor(entry: CodeFile, loadModule: (file: string) => CodeFile | undefined) {
    super(entry, loadModule);
  }

  // ---- the node-kind modules, through the hub ----

  expr(e: ts.Expression, frame: Frame): AV {
    return evalExpr(this, e, frame);
  }
  block(statements: readonly ts.Statement[], frame: Frame): boolean {
    return runBlock(this, statements, frame);
  }
  stmt(st: ts.Statement, frame: Frame): boolean {
    return runStatement(this, st, frame);
  }
  call(call: ts.CallExpression, frame: Frame): AV {
    return evalCall(this, call, frame);
  }
  construct(e: ts.NewExpression, frame: Frame): AV {
    return evalNew(this, e, frame);
  }
  bind(name: ts.BindingName, v: AV, frame: Frame, declare: boolean, step?: LazyStep): void {
    bindPattern(this, name, v, frame, declare, step);
  }
  assign(target: ts.Node, v: AV, frame: Frame): void {
    assign(this, target, v, frame);
  }
  lookup(name: string, frame: Frame): AV {
    return lookup(this, name, frame);
  }
  setVar(name: string, v: AV, frame: Frame): void {
    setVar(this, name, v, frame);
  }
  narrowings(cond: ts.Expression, polarity: boolean, frame: Frame): Narrowing[] {
    return narrowings(this, cond, polarity, frame);
  }
  callNarrowings(call: ts.Expression, frame: Frame): Narrowing[] {
    return callNarrowings(this, call, frame);
  }
  caseNarrowings(subject: ts.Expression, label: ts.Expression, frame: Frame): Narrowing[] {
    return caseNarrowings(this, subject, label, frame);
  }
  /** The value of `require(spec)` / `import ... from spec`, seen from the current file. */
  requireModule(spec: string): AV {
    return evalModuleRequire(this, spec);
  }

  // ---- hooks of the core ----

  spanOf(node: Syntax): Span {
    const n = node as ts.Node;
    const sf = n.getSourceFile();
    return { file: sf.fileName, start: n.getStart(sf), end: n.getEnd() };
  }

  /** A caught error: its message and stack are details; its other properties (code, statusCode) are not. */
  protected override refineRead(v: AV, name: string, node?: Syntax): AV | undefined {
    if (!isCaught(v)) return undefined;
    if (name === 'stack') return stackTraceValue(node ? this.spanOf(node) : v.taints?.[0]?.source.span ?? { file: this.file.file, start: 0, end: 0 }, `${v.taints?.[0]?.source.path.replace(/\.message$/, '') ?? 'err'}.stack`);
    if (name === 'message' || name === 'toString') return dataOnly(v);
    return CLEAN;
  }

  protected override globalMember(global: string, name: string): AV {
    // globalThis.fetch is fetch.
    if (global === 'globalThis' || global === 'global') return GLOBALS.has(name) ? { global: name } : CLEAN;
    return { global: `${global}.${name}` };
  }

  protected paramShape(fn: FnValue): { count: number; rest: boolean } {
    const params = jsFn(fn).parameters;
    return { count: params.length, rest: params.length > 0 && !!params[params.length - 1].dotDotDotToken };
  }

  protected canSummarise(fn: FnValue): boolean {
    return fn.closure instanceof Frame && !fn.closure.parent && (!fn.self || !writesThis(jsFn(fn)));
  }

  fnName(fn: FnValue): string {
    return fnNameOf(jsFn(fn));
  }

  propNode(v: AV, key: string, caseInsensitive = false): Syntax | undefined {
    return propNode(v, key, caseInsensitive);
  }

  protected buildFixes(hit: SinkHit): Fix[] | undefined {
    return buildFixes(hit);
  }

  // ---- what summaries carried over depend on (carry.ts) ----

  statementOf(node: Syntax): [Syntax, Syntax] | undefined {
    let n = node as ts.Node;
    while (n.parent && n.parent.kind !== SK.SourceFile) n = n.parent;
    return n.parent ? [n, n.parent] : undefined;
  }

  rootFile(root: Syntax): string {
    return (root as ts.SourceFile).fileName;
  }

  codeRoot(code: CodeFile): Syntax | undefined {
    return code.sf;
  }

  /** A summary's calls of the callback are responses (calls.ts): it depends on the handler's callback name. */
  override context(): string {
    return this.callbackName ?? '';
  }

  /** A method or static member of a class value or instance (the class may be in another module). */
  protected memberOf(v: AV, name: string): AV {
    const cls = v.cls as ts.ClassLikeDeclaration | undefined;
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

  // ---- modules ----

  /** The top-level scope of the module a class or function was declared in. */
  moduleFrameFor(file: string): Frame {
    const code = file === this.file.file ? this.file : this.loadModule(file);
    return code ? this.moduleFrame(code) : new Frame(undefined, true);
  }

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
    this.moduleState?.loaded(f, code.file);
    return f;
  }

  // ---- functions ----

  runFunction(fn: FnValue, args: AV[]): AV {
    const node = jsFn(fn);
    const code = fn.file === this.file.file ? this.file : this.loadModule(fn.file) ?? this.file;
    const saved = this.file;
    this.file = code;
    const frame = new Frame(fn.closure as Frame, true);
    if (fn.self) frame.vars.set('this', fn.self);
    this.returns.push({ value: undefined });
    try {
      node.parameters.forEach((p, i) => {
        let v = p.dotDotDotToken ? { elem: join(undefined, args.slice(i).reduce<AV | undefined>((a, b) => join(a, b), undefined)) } : (args[i] ?? CLEAN);
        if (p.initializer && v === CLEAN) v = evalExpr(this, p.initializer, frame);
        bindPattern(this, p.name, v, frame, true);
      });
      const body = node.body;
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
