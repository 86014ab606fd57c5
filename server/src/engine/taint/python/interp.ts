// The Python walker of the taint interpreter: the hub that the node-kind modules (expressions,
// statements, calls, guards, modules) receive and reach each other through. Python scoping is by
// function (blocks do not scope); `global` names write to the module. Methods get `self` as their
// first parameter; keyword arguments are matched to parameters by name before a call, so that the
// core's summaries (one per function, instantiated per call) work on positions.
import type { CodeFile } from '../../code/types.js';
import { child, type PyNode } from '../../code/python-ast.js';
import { parameterNames } from '../../code/python-exports.js';
import type { Fix, Span } from '../../types.js';
import { TaintCore, type SinkHit } from '../core.js';
import { Frame } from '../env.js';
import { CLEAN, join, type AV, type FnValue, type LazyStep, type Syntax } from '../values.js';
import { fileOf, pyFn, setRootFile, spanOfPy } from './syntax.js';
import { evalExpr, lookup, setVar, bindTarget } from './expressions.js';
import type { PyExt } from './ext.js';
import { runBlock, runStatement } from './statements.js';
import { evalCall } from './calls.js';
import { callNarrowings, narrowings, type Narrowing } from './guards.js';
import { importModule } from './modules.js';
import { dataClassRead, dataClassIndex } from './views.js';
import { buildPyFixes } from './fixes.js';
import { propNodePy, writesSelf } from './shapes.js';

export class PyInterp extends TaintCore {
  readonly language = 'python' as const;
  private readonly moduleFrames = new Map<string, Frame>();
  /** Class values by their `class_definition` node: methods and class attributes. */
  readonly classes = new Map<PyNode, AV>();
  /** Names declared `global` in a function, by its node. */
  private readonly globalsOf = new Map<PyNode, Set<string>>();

  constructor(entry: CodeFile, loadModule: (file: string) => CodeFile | undefined) {
    super(entry, loadModule);
  }

  // ---- the node-kind modules, through the hub ----

  expr(e: PyNode, frame: Frame): AV {
    return evalExpr(this, e, frame);
  }
  block(block: PyNode | undefined, frame: Frame): boolean {
    return block ? runBlock(this, block.children, frame) : false;
  }
  stmts(statements: readonly PyNode[], frame: Frame): boolean {
    return runBlock(this, statements, frame);
  }
  stmt(st: PyNode, frame: Frame): boolean {
    return runStatement(this, st, frame);
  }
  call(call: PyNode, frame: Frame): AV {
    return evalCall(this, call, frame);
  }
  bind(target: PyNode, v: AV, frame: Frame, step?: LazyStep): void {
    bindTarget(this, target, v, frame, step);
  }
  lookup(name: string, frame: Frame): AV {
    return lookup(this, name, frame);
  }
  setVar(name: string, v: AV, frame: Frame): void {
    setVar(this, name, v, frame);
  }
  narrowings(cond: PyNode, polarity: boolean, frame: Frame): Narrowing[] {
    return narrowings(this, cond, polarity, frame);
  }
  callNarrowings(call: PyNode, frame: Frame): Narrowing[] {
    return callNarrowings(this, call, frame);
  }
  /** `import a.b` / `from a.b import c`, seen from the current file: a package, or a local module's exports. */
  importModule(dotted: string, level: number): AV {
    return importModule(this, dotted, level);
  }

  /** Names a function declares `global` (its assignments go to the module). */
  globalNames(fn: PyNode): Set<string> {
    let g = this.globalsOf.get(fn);
    if (g) return g;
    g = new Set();
    const body = child(fn, 'body');
    const stack = body ? [...body.children] : [];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'global_statement') for (const c of n.children) if (c.type === 'identifier') g.add(c.text);
      if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
      for (const c of n.children) stack.push(c);
    }
    this.globalsOf.set(fn, g);
    return g;
  }

  // ---- hooks of the core ----

  spanOf(node: Syntax): Span {
    return spanOfPy(node as PyNode);
  }

  protected override refineRead(v: AV, name: string, node?: Syntax): AV | undefined {
    return dataClassRead(this, v, name, node as PyNode | undefined);
  }

  protected override refineIndex(v: AV, node?: Syntax): AV | undefined {
    return dataClassIndex(this, v, node as PyNode | undefined);
  }

  protected paramShape(fn: FnValue): { count: number; rest: boolean } {
    const params = parameterNames(pyFn(fn));
    // `self` is bound from the function value, not passed.
    return { count: Math.max(0, params.length - (fn.self ? 1 : 0)), rest: false };
  }

  protected canSummarise(fn: FnValue): boolean {
    const node = pyFn(fn);
    if (node.type === 'lambda') return false;
    const topLevel = fn.closure instanceof Frame && !fn.closure.parent;
    return topLevel && (!fn.self || !writesSelf(node));
  }

  // ---- what summaries carried over depend on (carry.ts) ----

  statementOf(node: Syntax): [Syntax, Syntax] | undefined {
    let n = node as PyNode;
    while (n.parent && n.parent.type !== 'module') n = n.parent;
    return n.parent ? [n, n.parent] : undefined;
  }

  rootFile(root: Syntax): string {
    return fileOf(root as PyNode);
  }

  codeRoot(code: CodeFile): Syntax | undefined {
    return code.py?.root;
  }

  fnName(fn: FnValue): string {
    const node = pyFn(fn);
    return child(node, 'name')?.text ?? 'lambda';
  }

  propNode(v: AV, key: string, caseInsensitive = false): Syntax | undefined {
    return propNodePy(v, key, caseInsensitive);
  }

  protected buildFixes(hit: SinkHit): Fix[] | undefined {
    return buildPyFixes(hit, (n) => this.textOf(n));
  }

  /** The source text of a node, from the file it is in. */
  textOf(n: PyNode): string {
    const file = fileOf(n);
    const code = file === this.file.file ? this.file : this.loadModule(file);
    return code ? code.text.slice(n.start, n.end) : '';
  }

  /** A method or attribute of a class value or instance, through its bases. */
  protected memberOf(v: AV, name: string): AV {
    const cls = v.cls as PyNode | undefined;
    if (!cls) return CLEAN;
    let current: PyNode | undefined = cls;
    for (let depth = 0; current && depth < 6; depth++) {
      const clsValue = this.classes.get(current);
      const m = clsValue?.props?.get(name);
      if (m) {
        // A function read from an instance is a method: it gets the instance as `self`.
        if (m.fn && v !== clsValue && !(m.ext as PyExt | undefined)?.staticMethod) return { ...m, fn: { ...m.fn, self: (m.ext as PyExt | undefined)?.classMethod ? clsValue : v } };
        return m;
      }
      current = (clsValue?.ext as PyExt | undefined)?.bases?.find((b) => this.classes.has(b));
    }
    return CLEAN;
  }

  // ---- modules ----

  moduleFrame(code: CodeFile): Frame {
    let f = this.moduleFrames.get(code.file);
    if (f) return f;
    f = new Frame(undefined, true);
    this.moduleFrames.set(code.file, f);
    const py = code.py;
    if (!py) return f;
    setRootFile(py.root, code.file);
    const saved = this.file;
    this.file = code;
    try {
      runBlock(this, py.root.children, f);
    } finally {
      this.file = saved;
    }
    this.moduleState?.loaded(f, code.file);
    return f;
  }

  // ---- functions ----

  /**
   * Lines actual arguments up with the parameters of a function: positions first, then keywords
   * by name, `*args` and `**kwargs` collecting the rest. The result has one value per parameter
   * (after `self`).
   */
  alignArgs(fn: FnValue, positional: AV[], keywords: Map<string, AV>, extra?: AV): AV[] {
    let params = parameterNames(pyFn(fn));
    if (fn.self) params = params.slice(1);
    const out: AV[] = params.map(() => CLEAN);
    let pos = 0;
    let restIndex = -1;
    let kwIndex = -1;
    params.forEach((p, i) => {
      if (p.kind === 'args') restIndex = i;
      else if (p.kind === 'kwargs') kwIndex = i;
      else if (restIndex < 0 && pos < positional.length) out[i] = positional[pos++];
      else if (keywords.has(p.name)) out[i] = keywords.get(p.name)!;
    });
    if (restIndex >= 0) out[restIndex] = { elem: positional.slice(pos).reduce<AV>((a, b) => join(a, b), CLEAN), props: new Map() };
    if (kwIndex >= 0) {
      const props = new Map<string, AV>();
      for (const [k, v] of keywords) if (!params.some((p) => p.name === k && p.kind === 'plain')) props.set(k, v);
      out[kwIndex] = extra ? { ...extra, props } : { props };
    }
    return out;
  }

  runFunction(fn: FnValue, args: AV[]): AV {
    const node = pyFn(fn);
    const code = fn.file === this.file.file ? this.file : this.loadModule(fn.file) ?? this.file;
    const saved = this.file;
    this.file = code;
    const frame = new Frame(fn.closure as Frame, true);
    this.returns.push({ value: undefined });
    try {
      let params = parameterNames(node);
      if (fn.self && params.length > 0) {
        frame.vars.set(params[0].name, fn.self);
        params = params.slice(1);
      }
      params.forEach((p, i) => {
        let v = args[i] ?? CLEAN;
        if (p.default && v === CLEAN) v = this.expr(p.default, frame);
        frame.vars.set(p.name, v);
      });
      const body = child(node, 'body');
      // A syntax error inside the function: tree-sitter keeps what it read of the body in ERROR nodes.
      for (const c of node.children) if (c.type === 'ERROR') runStatement(this, c, frame);
      if (!body) return this.returns[this.returns.length - 1].value ?? CLEAN;
      if (node.type === 'lambda') this.returns[this.returns.length - 1].value = this.expr(body, frame);
      else runBlock(this, body.children, frame);
      return this.returns[this.returns.length - 1].value ?? CLEAN;
    } finally {
      this.returns.pop();
      this.file = saved;
    }
  }
}
