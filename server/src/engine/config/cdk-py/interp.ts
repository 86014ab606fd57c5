// A static reader of Python CDK apps (`"app": "python3 app.py"`) on the tree-sitter syntax tree.
// Nothing is executed: the entry file and the local modules it imports are *interpreted* over
// symbolic values, so that constructs (`_lambda.Function(self, "Fn", handler=..., code=...)`), the
// calls made on them (`fn.add_event_source(...)`, `rule.add_target(...)`), the objects built from
// CDK classes (`targets.LambdaFunction(fn)`), string constants and `os.path.join`, local classes
// (stacks, custom constructs: their `__init__` runs with the arguments given) and local functions
// and methods are followed. What does not resolve is unknown. This reader serves the wiring of
// functions (which code, which triggers); it does not read IAM or settings (see model/cdk-python.ts).
// The work is bounded: a step budget for the whole app, a call depth and an expression depth.
import * as path from 'node:path';
import type { PyModule, PyNode } from '../../code/python-ast.js';
import { child, childrenOf } from '../../code/python-ast.js';
import { dottedName, stringText } from '../../code/python-exports.js';

export interface PySource {
  file: string;
  text: string;
  py: PyModule;
}

export interface PyCdkHost {
  /** A parsed Python file of the workspace (undefined when missing or outside the root). */
  load(file: string): PySource | undefined;
}

/** A construct: a CDK class called with a scope and an id. */
export interface PyConstruct {
  /** `aws-lambda`, `aws-events-targets`, `aws-lambda-python` (`-alpha` dropped). */
  module: string;
  cls: string;
  id: string;
  idNode: PyNode;
  node: PyNode;
  src: PySource;
  kw: Map<string, PV>;
  calls: PyCall[];
}

export interface PyCall {
  method: string;
  args: PV[];
  kw: Map<string, PV>;
  node: PyNode;
  src: PySource;
}

/** An instance of a local class (a stack, a custom construct): its attributes. */
interface PInst {
  attrs: Map<string, PV>;
}

export type PV =
  | { k: 'lit'; v: string | number | boolean; node: PyNode; src: PySource }
  | { k: 'list'; items: PV[] }
  | { k: 'dict'; props: Map<string, PV> }
  | { k: 'module'; module: string }
  /** A name of a CDK module: `_lambda.Runtime.PYTHON_3_12` is module aws-lambda, path [Runtime, PYTHON_3_12]. */
  | { k: 'sym'; module: string; path: string[] }
  /** A CDK class or static method called without a scope: `targets.LambdaFunction(fn)`, `Code.from_asset("x")`. */
  | { k: 'obj'; module: string; path: string[]; args: PV[]; kw: Map<string, PV>; node: PyNode; src: PySource }
  | { k: 'construct'; c: PyConstruct }
  | { k: 'fn'; decl: PyNode; env: PEnv; src: PySource; self?: PInst }
  | { k: 'class'; decl: PyNode; env: PEnv; src: PySource }
  | { k: 'inst'; inst: PInst }
  | { k: 'unknown' };

class PEnv {
  readonly vars = new Map<string, PV>();
  constructor(readonly parent?: PEnv) {}
  get(name: string): PV | undefined {
    for (let e: PEnv | undefined = this; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

class Returned {
  constructor(readonly value: PV) {}
}

const UNKNOWN: PV = { k: 'unknown' };
const MAX_STEPS = 100_000;
const MAX_CALL_DEPTH = 8;
const MAX_EXPR_DEPTH = 48;

/** `aws_cdk.aws_lambda` -> aws-lambda; `aws_cdk.aws_lambda_python_alpha` -> aws-lambda-python; `aws_cdk` -> core. */
export function pyCdkModule(dotted: string): string | undefined {
  if (dotted === 'aws_cdk' || dotted === 'constructs' || dotted === 'aws_cdk.core') return 'core';
  const m = /^aws_cdk\.((?:aws_)?[a-z][a-z0-9_]*?)(?:_alpha)?$/.exec(dotted);
  return m ? m[1].replace(/_/g, '-') : undefined;
}

export class PyCdkApp {
  readonly constructs: PyConstruct[] = [];
  /** Every CDK object built without a scope (integrations, targets, event sources). */
  readonly objects: Extract<PV, { k: 'obj' }>[] = [];
  readonly files = new Set<string>();
  steps = 0;
  private readonly modules = new Map<string, PEnv>();
  private callDepth = 0;
  private exprDepth = 0;

  constructor(
    private readonly host: PyCdkHost,
    private readonly root: string,
    /** The app's folder: where `python3 app.py` runs, so where relative asset paths start. */
    readonly appDir: string,
  ) {}

  get exhausted(): boolean {
    return this.steps > MAX_STEPS;
  }

  run(entry: string): void {
    this.moduleEnv(entry);
  }

  // ---- modules ----

  private moduleEnv(file: string): PEnv {
    const cached = this.modules.get(file);
    if (cached) return cached;
    const env = new PEnv();
    this.modules.set(file, env);
    const src = this.host.load(file);
    if (!src) return env;
    this.files.add(file);
    env.vars.set('__file__', { k: 'lit', v: file, node: src.py.root, src });
    try {
      this.block(src.py.root.children, env, src, undefined);
    } catch (e) {
      if (!(e instanceof Returned)) throw e;
    }
    return env;
  }

  /** `pkg.mod` (absolute from the app's folder or the importing file's, or relative with dots) -> its file. */
  private resolveModule(from: string, dotted: string): string | undefined {
    const lead = /^\.*/.exec(dotted)![0].length;
    const parts = dotted.slice(lead).split('.').filter(Boolean);
    const bases = lead > 0 ? [path.resolve(path.dirname(from), ...Array(lead - 1).fill('..'))] : [this.appDir, path.dirname(from)];
    for (const base of bases) {
      const p = path.join(base, ...parts);
      const rel = path.relative(this.root, p);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      for (const c of [`${p}.py`, path.join(p, '__init__.py')]) if (this.host.load(c)) return c;
    }
    return undefined;
  }

  private importFrom(st: PyNode, env: PEnv, src: PySource): void {
    const modNode = child(st, 'module_name');
    const dotted = modNode ? textOf(modNode) : undefined;
    if (!dotted) return;
    const cdk = pyCdkModule(dotted);
    const file = cdk ? undefined : this.resolveModule(src.file, dotted);
    for (const n of childrenOf(st, 'name')) {
      const [name, alias] = n.type === 'aliased_import' ? [nameOf(child(n, 'name')), child(n, 'alias')?.text] : [nameOf(n), undefined];
      if (!name) continue;
      const bound = alias ?? name;
      if (cdk === 'core') env.vars.set(bound, pyCdkModule(`aws_cdk.${name}`) ? { k: 'module', module: pyCdkModule(`aws_cdk.${name}`)! } : { k: 'sym', module: 'core', path: [name] });
      else if (cdk) env.vars.set(bound, { k: 'sym', module: cdk, path: [name] });
      else if (file) env.vars.set(bound, this.moduleEnv(file).get(name) ?? this.submodule(file, name));
      else if (dotted === 'os' && name === 'path') env.vars.set(bound, { k: 'module', module: 'os.path' });
    }
  }

  /** `from pkg import mod`: a module of a package. */
  private submodule(pkgFile: string, name: string): PV {
    const file = path.basename(pkgFile) === '__init__.py' ? this.resolveModule(pkgFile, `.${name}`) : undefined;
    return file ? this.namespace(file) : UNKNOWN;
  }

  private namespace(file: string): PV {
    return { k: 'dict', props: this.moduleEnv(file).vars };
  }

  private importPlain(st: PyNode, env: PEnv, src: PySource): void {
    for (const n of childrenOf(st, 'name')) {
      const [dotted, alias] = n.type === 'aliased_import' ? [nameOf(child(n, 'name')), child(n, 'alias')?.text] : [nameOf(n), undefined];
      if (!dotted) continue;
      const cdk = pyCdkModule(dotted);
      const value: PV = cdk ? { k: 'module', module: cdk } : dotted === 'os' || dotted === 'os.path' ? { k: 'module', module: dotted } : this.fileModule(src.file, dotted);
      // `import aws_cdk.aws_lambda` binds `aws_cdk` (whose members are modules); an alias binds the module itself.
      if (alias) env.vars.set(alias, value);
      else env.vars.set(dotted.split('.')[0], cdk ? { k: 'module', module: 'core' } : dotted.startsWith('os') ? { k: 'module', module: 'os' } : value);
    }
  }

  private fileModule(from: string, dotted: string): PV {
    const file = this.resolveModule(from, dotted);
    return file ? this.namespace(file) : UNKNOWN;
  }

  // ---- statements ----

  private block(stmts: readonly PyNode[], env: PEnv, src: PySource, self: PInst | undefined): void {
    for (const st of stmts) {
      if (this.exhausted) return;
      this.stmt(st, env, src, self);
    }
  }

  private stmt(st: PyNode, env: PEnv, src: PySource, self: PInst | undefined): void {
    this.steps++;
    switch (st.type) {
      case 'import_from_statement':
        return this.importFrom(st, env, src);
      case 'import_statement':
        return this.importPlain(st, env, src);
      case 'function_definition':
        env.vars.set(child(st, 'name')?.text ?? '', { k: 'fn', decl: st, env, src, self });
        return;
      case 'class_definition':
        env.vars.set(child(st, 'name')?.text ?? '', { k: 'class', decl: st, env, src });
        return;
      case 'decorated_definition': {
        const def = child(st, 'definition');
        if (def) this.stmt(def, env, src, self);
        return;
      }
      case 'expression_statement':
        for (const e of st.children) {
          if (e.type === 'assignment') this.assign(e, env, src, self);
          else if (e.type === 'augmented_assignment') continue;
          else this.ev(e, env, src, self);
        }
        return;
      case 'return_statement': {
        const e = st.children[0];
        throw new Returned(e ? this.ev(e, env, src, self) : UNKNOWN);
      }
      case 'if_statement': case 'for_statement': case 'while_statement': case 'with_statement': case 'try_statement':
      case 'elif_clause': case 'else_clause': case 'except_clause': case 'finally_clause': case 'block': case 'with_clause':
        // Both branches, once: what an app creates under a condition it may create.
        for (const c of st.children) {
          if (c.type === 'block' || /_clause$/.test(c.type)) this.stmt(c, env, src, self);
          else if (c.type === 'expression_statement' || /_statement$|_definition$/.test(c.type)) this.stmt(c, env, src, self);
        }
        return;
      default:
        return;
    }
  }

  private assign(a: PyNode, env: PEnv, src: PySource, self: PInst | undefined): void {
    const right = child(a, 'right');
    const value = right ? (right.type === 'assignment' ? (this.assign(right, env, src, self), UNKNOWN) : this.ev(right, env, src, self)) : UNKNOWN;
    const left = child(a, 'left');
    if (!left) return;
    if (left.type === 'identifier') env.vars.set(left.text, value);
    else if (left.type === 'attribute' && child(left, 'object')?.type === 'identifier') {
      const obj = this.ev(child(left, 'object')!, env, src, self);
      const name = child(left, 'attribute')?.text;
      if (obj.k === 'inst' && name) obj.inst.attrs.set(name, value);
    }
  }

  // ---- expressions ----

  ev(e: PyNode, env: PEnv, src: PySource, self: PInst | undefined): PV {
    this.steps++;
    if (this.exhausted || this.exprDepth > MAX_EXPR_DEPTH) return UNKNOWN;
    this.exprDepth++;
    try {
      return this.evInner(e, env, src, self);
    } finally {
      this.exprDepth--;
    }
  }

  private evInner(e: PyNode, env: PEnv, src: PySource, self: PInst | undefined): PV {
    switch (e.type) {
      case 'string': {
        const t = stringText(e);
        return t === undefined ? UNKNOWN : { k: 'lit', v: t, node: e, src };
      }
      case 'concatenated_string': {
        let out = '';
        for (const p of e.children) {
          const t = stringText(p);
          if (t === undefined) return UNKNOWN;
          out += t;
        }
        return { k: 'lit', v: out, node: e, src };
      }
      case 'integer': case 'float':
        return { k: 'lit', v: Number(e.text), node: e, src };
      case 'true': case 'false':
        return { k: 'lit', v: e.type === 'true', node: e, src };
      case 'parenthesized_expression':
        return e.children[0] ? this.ev(e.children[0], env, src, self) : UNKNOWN;
      case 'identifier':
        return env.get(e.text) ?? UNKNOWN;
      case 'list': case 'tuple':
        return { k: 'list', items: e.children.map((c) => this.ev(c, env, src, self)) };
      case 'dictionary': {
        const props = new Map<string, PV>();
        for (const p of e.children) {
          const k = p.type === 'pair' ? child(p, 'key') : undefined;
          const key = k ? stringText(k) : undefined;
          if (key !== undefined) props.set(key, this.ev(child(p, 'value')!, env, src, self));
        }
        return { k: 'dict', props };
      }
      case 'binary_operator': {
        const l = this.ev(child(e, 'left')!, env, src, self);
        const r = this.ev(child(e, 'right')!, env, src, self);
        return l.k === 'lit' && r.k === 'lit' && typeof l.v === 'string' && typeof r.v === 'string' && e.ops?.includes('+') ? { k: 'lit', v: l.v + r.v, node: e, src } : UNKNOWN;
      }
      case 'attribute':
        return this.member(this.ev(child(e, 'object')!, env, src, self), child(e, 'attribute')?.text ?? '');
      case 'call':
        return this.call(e, env, src, self);
      default:
        return UNKNOWN;
    }
  }

  private member(v: PV, name: string): PV {
    switch (v.k) {
      case 'module':
        if (v.module === 'core') return pyCdkModule(`aws_cdk.${name}`) ? { k: 'module', module: pyCdkModule(`aws_cdk.${name}`)! } : { k: 'sym', module: 'core', path: [name] };
        if (v.module === 'os' && name === 'path') return { k: 'module', module: 'os.path' };
        return { k: 'sym', module: v.module, path: [name] };
      case 'sym':
        return { k: 'sym', module: v.module, path: [...v.path, name] };
      case 'inst':
        return v.inst.attrs.get(name) ?? UNKNOWN;
      case 'dict':
        return v.props.get(name) ?? UNKNOWN;
      // A construct's parts (`api.root`, `fn.role`, `fn.function_arn`) stand for the construct: calls
      // made on them are recorded on it, and a trigger that names them names it.
      case 'construct':
        return v;
      default:
        return UNKNOWN;
    }
  }

  private call(e: PyNode, env: PEnv, src: PySource, self: PInst | undefined): PV {
    const fnNode = child(e, 'function');
    const argList = child(e, 'arguments');
    if (!fnNode) return UNKNOWN;
    // `super().__init__(...)`: nothing to follow.
    if (fnNode.type === 'attribute' && child(fnNode, 'object')?.type === 'call') {
      const inner = child(child(fnNode, 'object')!, 'function');
      if (inner?.type === 'identifier' && inner.text === 'super') return UNKNOWN;
    }
    const args: PV[] = [];
    const kw = new Map<string, PV>();
    for (const a of argList?.children ?? []) {
      if (a.type === 'keyword_argument') {
        const name = child(a, 'name')?.text;
        const value = child(a, 'value');
        if (name && value) kw.set(name, this.ev(value, env, src, self));
      } else if (a.type === 'dictionary_splat') {
        // `**common_props`: a dict the app built, merged in.
        const d = a.children[0] ? this.ev(a.children[0], env, src, self) : UNKNOWN;
        if (d.k === 'dict') for (const [k, v] of d.props) if (!kw.has(k)) kw.set(k, v);
      } else if (a.type === 'list_splat') continue;
      else args.push(this.ev(a, env, src, self));
    }
    if (fnNode.type === 'identifier' && fnNode.text === 'dict' && !env.get('dict')) return { k: 'dict', props: kw };
    const callee = fnNode.type === 'attribute' ? this.ev(child(fnNode, 'object')!, env, src, self) : undefined;
    const method = fnNode.type === 'attribute' ? child(fnNode, 'attribute')?.text ?? '' : '';
    if (callee?.k === 'construct') {
      callee.c.calls.push({ method, args, kw, node: e, src });
      return callee;
    }
    const f = callee ? this.member(callee, method) : this.ev(fnNode, env, src, self);
    if (f.k === 'module' && f.module === 'os.path') return UNKNOWN;
    if (f.k === 'sym' && f.module === 'os.path') return this.osPath(f.path[0], args, e, src);
    if (f.k === 'sym') return this.cdkCall(f, args, kw, e, src);
    if (f.k === 'fn') return this.invoke(f, args, kw, f.self);
    if (f.k === 'class') return this.instantiate(f, args, kw);
    return UNKNOWN;
  }

  private osPath(fn: string, args: PV[], node: PyNode, src: PySource): PV {
    const strs = args.map((a) => (a.k === 'lit' && typeof a.v === 'string' ? a.v : undefined));
    if (strs.some((s) => s === undefined)) return UNKNOWN;
    const s = strs as string[];
    const v = fn === 'join' ? path.join(...s) : fn === 'dirname' ? path.dirname(s[0]) : fn === 'abspath' || fn === 'realpath' ? path.resolve(this.appDir, s[0]) : fn === 'basename' ? path.basename(s[0]) : undefined;
    return v === undefined ? UNKNOWN : { k: 'lit', v, node, src };
  }

  private cdkCall(f: Extract<PV, { k: 'sym' }>, args: PV[], kw: Map<string, PV>, node: PyNode, src: PySource): PV {
    // `Cls(self, "Id", ...)`, or with the scope and id by name (`scope=self, id="Id"`).
    const scope = args[0] ?? kw.get('scope');
    const id = args[1] ?? kw.get('id') ?? kw.get('construct_id');
    const scoped = scope && (scope.k === 'inst' || scope.k === 'construct' || (scope.k === 'obj' && /^(App|Stage)$/.test(scope.path.join('.'))));
    if (scoped && id?.k === 'lit' && typeof id.v === 'string' && f.path.length === 1) {
      const c: PyConstruct = { module: f.module, cls: f.path[0], id: id.v, idNode: id.node, node, src, kw, calls: [] };
      this.constructs.push(c);
      return { k: 'construct', c };
    }
    const obj: PV = { k: 'obj', module: f.module, path: f.path, args, kw, node, src };
    this.objects.push(obj);
    return obj;
  }

  private invoke(f: Extract<PV, { k: 'fn' }>, args: PV[], kw: Map<string, PV>, self: PInst | undefined): PV {
    if (this.callDepth >= MAX_CALL_DEPTH) return UNKNOWN;
    const env = new PEnv(f.env);
    const params = child(f.decl, 'parameters')?.children ?? [];
    let i = 0;
    for (const p of params) {
      const name = p.type === 'identifier' ? p.text : child(p, 'name')?.text ?? (p.children[0]?.type === 'identifier' ? p.children[0].text : undefined);
      if (!name || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') continue;
      if (self && i === 0 && f.self === self) {
        env.vars.set(name, { k: 'inst', inst: self });
        i++;
        continue;
      }
      const given = kw.get(name) ?? args[self ? i - 1 : i];
      const def = child(p, 'value');
      env.vars.set(name, given ?? (def ? this.ev(def, f.env, f.src, undefined) : UNKNOWN));
      i++;
    }
    const body = child(f.decl, 'body');
    this.callDepth++;
    try {
      this.block(body?.children ?? [], env, f.src, self);
    } catch (e) {
      if (e instanceof Returned) return e.value;
      throw e;
    } finally {
      this.callDepth--;
    }
    return UNKNOWN;
  }

  /** A local class: its methods bound to a new instance, its `__init__` run (a stack's body). */
  private instantiate(cls: Extract<PV, { k: 'class' }>, args: PV[], kw: Map<string, PV>): PV {
    const inst: PInst = { attrs: new Map() };
    const methods = new PEnv(cls.env);
    this.block(child(cls.decl, 'body')?.children ?? [], methods, cls.src, inst);
    for (const [name, v] of methods.vars) if (!inst.attrs.has(name)) inst.attrs.set(name, v.k === 'fn' ? { ...v, self: inst } : v);
    const init = inst.attrs.get('__init__');
    if (init?.k === 'fn') this.invoke(init, args, kw, inst);
    return { k: 'inst', inst };
  }
}

/** `a.b.c` of a `dotted_name` (or an identifier). */
function nameOf(n: PyNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  return n.type === 'dotted_name' ? n.children.map((c) => c.text).join('.') : dottedName(n);
}

function textOf(n: PyNode): string | undefined {
  // A relative module name is a `relative_import` (dots, then a dotted name).
  if (n.type === 'relative_import') {
    const dots = n.children.find((c) => c.type === 'import_prefix');
    const name = n.children.find((c) => c.type === 'dotted_name');
    const count = dots ? dots.end - dots.start : 0;
    return '.'.repeat(count) + (nameOf(name) ?? '');
  }
  return nameOf(n);
}
