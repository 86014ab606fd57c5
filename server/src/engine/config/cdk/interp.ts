// A static reader of CDK apps (TypeScript and JavaScript) on the TypeScript compiler's syntax tree.
// Nothing is executed: the app's entry file and the local files it imports are *interpreted* over
// symbolic values, so that constructs (`new lambda.Function(this, 'Fn', {...})`), the calls made on
// them (`table.grantReadWriteData(fn)`, `fn.addEventSource(...)`), constants, constructor props
// passed from the app to a stack, and simple helper functions and methods are followed. What does
// not resolve is `unknown`. Every value keeps the node (and file) it was written at. The work is
// bounded: a step budget for the whole app, a call depth, an expression depth, a loop bound.
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { cdkModule, Env, force, namespaceModule, Return, UNKNOWN, type CdkHost, type Construct, type CV, type Instance, type Prop, type SourceRef } from './cv.js';
import { joinPath, joinPathText, pathCall } from './builtins.js';
import { CdkFiles } from './files.js';

export { cdkModule, Env };
export type { Call, CdkHost, Construct, CV, Instance, Prop, SourceRef } from './cv.js';

const MAX_STEPS = 200_000;
const MAX_CALL_DEPTH = 10;
const MAX_EXPR_DEPTH = 64;
const MAX_LOOP = 50;

export class CdkApp extends CdkFiles {
  readonly constructs: Construct[] = [];
  steps = 0;
  private callDepth = 0;
  private exprDepth = 0;

  constructor(host: CdkHost, root: string) {
    super(host, root);
  }

  get exhausted(): boolean {
    return this.steps > MAX_STEPS;
  }

  /** Runs the app's entry file. */
  run(entry: string): void {
    this.fileEnv(entry);
  }

  // ---- statements ----

  protected execAll(stmts: readonly ts.Statement[], env: Env, src: SourceRef, self: Instance | undefined): void {
    for (const s of stmts) {
      if (this.exhausted) return;
      this.exec(s, env, src, self);
    }
  }

  private exec(s: ts.Statement, env: Env, src: SourceRef, self: Instance | undefined): void {
    this.steps++;
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) this.bind(d.name, d.initializer ? this.ev(d.initializer, env, src, self) : UNKNOWN, env);
    } else if (ts.isExpressionStatement(s)) this.ev(s.expression, env, src, self);
    else if (ts.isIfStatement(s)) {
      const c = this.ev(s.expression, env, src, self);
      if (c.k === 'lit') {
        const branch = c.v ? s.thenStatement : s.elseStatement;
        if (branch) this.exec(branch, new Env(env), src, self);
      } else {
        this.exec(s.thenStatement, new Env(env), src, self);
        if (s.elseStatement) this.exec(s.elseStatement, new Env(env), src, self);
      }
    } else if (ts.isBlock(s)) {
      const inner = new Env(env);
      this.hoist(s.statements, inner, src);
      this.execAll(s.statements, inner, src, self);
    } else if (ts.isReturnStatement(s)) throw new Return(s.expression ? this.ev(s.expression, env, src, self) : UNKNOWN);
    else if (ts.isForOfStatement(s)) {
      const over = this.ev(s.expression, env, src, self);
      const items = over.k === 'arr' ? over.items.slice(0, MAX_LOOP) : [UNKNOWN];
      for (const it of items) {
        const inner = new Env(env);
        const d = s.initializer;
        if (ts.isVariableDeclarationList(d) && d.declarations[0]) this.bind(d.declarations[0].name, it, inner);
        this.exec(s.statement, inner, src, self);
      }
    } else if (ts.isForStatement(s) || ts.isForInStatement(s) || ts.isWhileStatement(s) || ts.isDoStatement(s)) {
      // One pass over the body, with what the loop binds unknown ("one or more").
      const inner = new Env(env);
      if ((ts.isForStatement(s) || ts.isForInStatement(s)) && s.initializer && ts.isVariableDeclarationList(s.initializer)) {
        for (const d of s.initializer.declarations) this.bind(d.name, UNKNOWN, inner);
      }
      this.exec(s.statement, inner, src, self);
    } else if (ts.isTryStatement(s)) {
      this.exec(s.tryBlock, env, src, self);
      if (s.finallyBlock) this.exec(s.finallyBlock, env, src, self);
    } else if (ts.isSwitchStatement(s)) {
      for (const c of s.caseBlock.clauses) this.execAll(c.statements, new Env(env), src, self);
    } else if (ts.isExportAssignment(s)) this.ev(s.expression, env, src, self);
  }

  private bind(name: ts.BindingName, value: CV, env: Env): void {
    if (ts.isIdentifier(name)) {
      env.vars.set(name.text, value);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
        const v = key && value.k === 'obj' ? value.props.get(key)?.value : undefined;
        this.bind(el.name, v ?? UNKNOWN, env);
      }
      return;
    }
    for (const el of name.elements) if (!ts.isOmittedExpression(el)) this.bind(el.name, UNKNOWN, env);
  }

  // ---- expressions ----

  ev(e: ts.Expression, env: Env, src: SourceRef, self: Instance | undefined): CV {
    if (this.exprDepth >= MAX_EXPR_DEPTH || this.exhausted) return UNKNOWN;
    this.exprDepth++;
    this.steps++;
    try {
      return this.evInner(e, env, src, self);
    } finally {
      this.exprDepth--;
    }
  }

  private evInner(e: ts.Expression, env: Env, src: SourceRef, self: Instance | undefined): CV {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { k: 'lit', v: e.text, node: e, src };
    if (ts.isNumericLiteral(e)) return { k: 'lit', v: Number(e.text), node: e, src };
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return { k: 'lit', v: e.kind === ts.SyntaxKind.TrueKeyword, node: e, src };
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) return this.ev(e.expression, env, src, self);
    if (e.kind === ts.SyntaxKind.ThisKeyword) return self ? { k: 'inst', inst: self } : UNKNOWN;
    if (ts.isIdentifier(e)) return force(env.get(e.text)) ?? UNKNOWN;
    if (ts.isTemplateExpression(e)) {
      let text = e.head.text;
      for (const span of e.templateSpans) {
        const v = this.ev(span.expression, env, src, self);
        if (v.k !== 'lit') return UNKNOWN;
        text += String(v.v) + span.literal.text;
      }
      return { k: 'lit', v: text, node: e, src };
    }
    if (ts.isObjectLiteralExpression(e)) {
      const props = new Map<string, Prop>();
      for (const p of e.properties) {
        if (ts.isSpreadAssignment(p)) {
          const v = this.ev(p.expression, env, src, self);
          if (v.k === 'obj') for (const [k, x] of v.props) props.set(k, x);
          continue;
        }
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined;
        if (key === undefined) continue;
        if (ts.isPropertyAssignment(p)) props.set(key, { key: p.name, value: this.ev(p.initializer, env, src, self), src, expr: p.initializer });
        else if (ts.isShorthandPropertyAssignment(p)) props.set(key, { key: p.name, value: force(env.get(key)) ?? UNKNOWN, src, expr: p.name });
        else if (ts.isMethodDeclaration(p)) props.set(key, { key: p.name, value: { k: 'fn', decl: p, env, src, self }, src, expr: p });
      }
      return { k: 'obj', props, node: e, src };
    }
    if (ts.isArrayLiteralExpression(e)) {
      const items: CV[] = [];
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) {
          const v = this.ev(el.expression, env, src, self);
          if (v.k === 'arr') items.push(...v.items);
          else items.push(UNKNOWN);
        } else items.push(this.ev(el, env, src, self));
      }
      return { k: 'arr', items, node: e, src };
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { k: 'fn', decl: e, env, src, self };
    if (ts.isClassExpression(e)) return { k: 'class', decl: e, env, src };
    // ESM: `fileURLToPath(import.meta.url)` is this file (`const __dirname = dirname(fileURLToPath(import.meta.url))`).
    if (ts.isPropertyAccessExpression(e) && ts.isMetaProperty(e.expression) && e.expression.keywordToken === ts.SyntaxKind.ImportKeyword && e.name.text === 'url') {
      return { k: 'lit', v: pathToFileURL(src.file).href, node: e, src };
    }
    if (ts.isPropertyAccessExpression(e)) return this.member(this.ev(e.expression, env, src, self), e.name.text, e, src);
    if (ts.isElementAccessExpression(e)) {
      const key = this.ev(e.argumentExpression, env, src, self);
      const obj = this.ev(e.expression, env, src, self);
      if (key.k === 'lit' && obj.k === 'arr' && typeof key.v === 'number') return obj.items[key.v] ?? UNKNOWN;
      return key.k === 'lit' ? this.member(obj, String(key.v), e, src) : UNKNOWN;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken) {
        const v = this.ev(e.right, env, src, self);
        // `this.fn = new ...`: a field of the instance.
        if (ts.isPropertyAccessExpression(e.left) && e.left.expression.kind === ts.SyntaxKind.ThisKeyword && self) self.fields.set(e.left.name.text, v);
        else if (ts.isIdentifier(e.left)) {
          for (let x: Env | undefined = env; x; x = x.parent) if (x.vars.has(e.left.text)) { x.vars.set(e.left.text, v); break; }
        }
        return v;
      }
      const l = this.ev(e.left, env, src, self);
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return l.k !== 'unknown' ? l : this.ev(e.right, env, src, self);
      const r = this.ev(e.right, env, src, self);
      if (op === ts.SyntaxKind.PlusToken && l.k === 'lit' && r.k === 'lit') return { k: 'lit', v: typeof l.v === 'number' && typeof r.v === 'number' ? l.v + r.v : String(l.v) + String(r.v), node: e, src };
      return UNKNOWN;
    }
    if (ts.isConditionalExpression(e)) {
      const c = this.ev(e.condition, env, src, self);
      if (c.k === 'lit') return this.ev(c.v ? e.whenTrue : e.whenFalse, env, src, self);
      return UNKNOWN;
    }
    if (ts.isCallExpression(e)) return this.call(e, env, src, self);
    if (ts.isNewExpression(e)) return this.newExpr(e, env, src, self);
    if (ts.isAwaitExpression(e)) return this.ev(e.expression, env, src, self);
    return UNKNOWN;
  }

  private member(obj: CV, name: string, node: ts.Node, src: SourceRef): CV {
    switch (obj.k) {
      case 'obj':
        return obj.props.get(name)?.value ?? UNKNOWN;
      case 'module': {
        if (obj.module === 'core' && namespaceModule(name)) return { k: 'module', module: namespaceModule(name)! };
        return { k: 'cdk', module: obj.module, path: [name], node, src };
      }
      case 'cdk':
        return { k: 'cdk', module: obj.module, path: [...obj.path, name], node, src };
      case 'construct':
        if (name === 'root' && /RestApi$/.test(obj.c.cls)) return { k: 'apires', c: obj.c, path: '/' };
        return { k: 'attr', c: obj.c, name, node, src };
      case 'inst': {
        const f = obj.inst.fields.get(name);
        if (f) return f;
        const m = obj.inst.decl.members.find((x) => (ts.isMethodDeclaration(x) || ts.isGetAccessorDeclaration(x)) && x.name && ts.isIdentifier(x.name) && x.name.text === name) as ts.MethodDeclaration | undefined;
        if (m?.body) {
          const cls = this.classEnv(obj.inst.decl, obj.inst.src);
          if (ts.isGetAccessorDeclaration(m)) return this.invoke({ k: 'fn', decl: m, env: cls, src: obj.inst.src, self: obj.inst }, [], node as ts.Expression);
          return { k: 'fn', decl: m, env: cls, src: obj.inst.src, self: obj.inst };
        }
        // `this.node.id`, `this.region`, ... : nothing we know.
        return UNKNOWN;
      }
      case 'lit':
        if (name === 'length' && typeof obj.v === 'string') return { k: 'lit', v: obj.v.length, node, src };
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private classEnv(decl: ts.ClassLikeDeclaration, src: SourceRef): Env {
    return this.classEnvs.get(decl) ?? this.fileEnv(src.file);
  }
  private readonly classEnvs = new Map<ts.ClassLikeDeclaration, Env>();

  private args(list: ts.NodeArray<ts.Expression> | undefined, env: Env, src: SourceRef, self: Instance | undefined): CV[] {
    return (list ?? []).map((a) => (ts.isSpreadElement(a) ? UNKNOWN : this.ev(a, env, src, self)));
  }

  private call(e: ts.CallExpression, env: Env, src: SourceRef, self: Instance | undefined): CV {
    const args = this.args(e.arguments, env, src, self);
    if (ts.isIdentifier(e.expression) && e.expression.text === 'require' && args[0]?.k === 'lit') {
      const t = this.importValue(String(args[0].v), src);
      return t.module ? { k: 'module', module: t.module } : this.namespaceOf(t.file);
    }
    if (e.expression.kind === ts.SyntaxKind.SuperKeyword) return UNKNOWN;
    if (ts.isPropertyAccessExpression(e.expression)) {
      const target = this.ev(e.expression.expression, env, src, self);
      const method = e.expression.name.text;
      if (target.k === 'construct') return this.constructCall(target.c, method, args, e, src);
      // `fn.role?.addManagedPolicy(...)`: a call on the function's role, recorded on the function.
      if (target.k === 'attr' && target.name === 'role') return this.constructCall(target.c, `role.${method}`, args, e, src);
      if (target.k === 'apires') return this.apiResourceCall(target, method, args, e, src);
      if (target.k === 'module' && (target.module === 'path' || target.module === 'url')) return pathCall(method, args, e, src);
      if (target.k === 'arr' && (method === 'forEach' || method === 'map')) {
        const fn = args[0];
        const out = target.items.slice(0, MAX_LOOP).map((it, i) => (fn?.k === 'fn' ? this.invoke(fn, [it, { k: 'lit', v: i, node: e, src }], e) : UNKNOWN));
        return method === 'map' ? { k: 'arr', items: out, node: e, src } : UNKNOWN;
      }
      if (target.k === 'cdk' || target.k === 'module') {
        const module = target.module;
        const p = target.k === 'cdk' ? [...target.path, method] : [method];
        return { k: 'call', module, path: p, args, node: e, src };
      }
    }
    const callee = force(this.ev(e.expression, env, src, self)) ?? UNKNOWN;
    if (callee.k === 'fn') return this.invoke(callee, args, e);
    // Named imports: `import { join } from 'node:path'`, `import { fileURLToPath } from 'node:url'`.
    if (callee.k === 'cdk' && callee.path.length === 1 && (callee.module === 'path' || callee.module === 'url')) return pathCall(callee.path[0], args, e, src);
    return UNKNOWN;
  }

  invoke(fn: Extract<CV, { k: 'fn' }>, args: CV[], at: ts.Node): CV {
    if (this.callDepth >= MAX_CALL_DEPTH || !fn.decl.body) return UNKNOWN;
    void at;
    this.callDepth++;
    const env = new Env(fn.env);
    fn.decl.parameters.forEach((p, i) => {
      let v = args[i] ?? UNKNOWN;
      if (v.k === 'unknown' && p.initializer) v = this.ev(p.initializer, env, fn.src, fn.self);
      this.bind(p.name, v, env);
    });
    try {
      if (ts.isBlock(fn.decl.body)) {
        this.hoist(fn.decl.body.statements, env, fn.src);
        this.execAll(fn.decl.body.statements, env, fn.src, fn.self);
        return UNKNOWN;
      }
      return this.ev(fn.decl.body, env, fn.src, fn.self);
    } catch (r) {
      if (r instanceof Return) return r.value;
      throw r;
    } finally {
      this.callDepth--;
    }
  }

  private newExpr(e: ts.NewExpression, env: Env, src: SourceRef, self: Instance | undefined): CV {
    const callee = this.ev(e.expression, env, src, self);
    const args = this.args(e.arguments, env, src, self);
    if (callee.k === 'class') return this.instantiate(callee, args, e, src);
    // `new Set(list)` keeps the list's items (a stack that de-duplicates its tables before wiring them).
    if (ts.isIdentifier(e.expression) && e.expression.text === 'Set' && callee.k === 'unknown' && args[0]?.k === 'arr') return args[0];
    if (callee.k !== 'cdk') return UNKNOWN;
    const cls = callee.path[callee.path.length - 1];
    const scope = args[0];
    const id = args[1];
    const scopePath = scope?.k === 'inst' ? scope.inst.path : scope?.k === 'construct' ? scope.c.path : undefined;
    // A construct: `new X(scope, 'Id', props?)` (an id that is a string, or reads like one); anything else is a plain value.
    const idArg = e.arguments?.[1];
    const idLike = !!id && !!idArg && (id.k === 'lit' ? typeof id.v === 'string' : id.k === 'unknown' && (ts.isIdentifier(idArg) || ts.isTemplateExpression(idArg) || ts.isPropertyAccessExpression(idArg) || ts.isBinaryExpression(idArg) || ts.isCallExpression(idArg)));
    if (scopePath && idLike && e.arguments) {
      const name = id.k === 'lit' ? String(id.v) : e.arguments[1].getText(src.sf);
      const c: Construct = {
        module: callee.module, cls, path: [...scopePath, name], idNode: e.arguments[1], node: e, src, props: args[2], args, calls: [],
        scope: scope?.k === 'inst' ? scope.inst : undefined,
      };
      this.constructs.push(c);
      return { k: 'construct', c };
    }
    if (cls === 'App' || cls === 'Stage') {
      // The app: the root of every construct path.
      const c: Construct = { module: callee.module, cls, path: [], node: e, src, args, calls: [] };
      return { k: 'construct', c };
    }
    return { k: 'new', module: callee.module, cls, args, node: e, src };
  }

  /** A class of the app: its fields and constructor run with `this` a new instance at scope/id. */
  private instantiate(cls: Extract<CV, { k: 'class' }>, args: CV[], at: ts.NewExpression, src: SourceRef): CV {
    const scope = args[0];
    const id = args[1];
    const scopePath = scope?.k === 'inst' ? scope.inst.path : scope?.k === 'construct' ? scope.c.path : [];
    const name = id?.k === 'lit' ? String(id.v) : at.arguments?.[1] ? at.arguments[1].getText(src.sf) : cls.decl.name?.text ?? 'Construct';
    const inst: Instance = { decl: cls.decl, fields: new Map(), path: [...scopePath, name], src: cls.src };
    if (this.callDepth >= MAX_CALL_DEPTH) return { k: 'inst', inst };
    const classEnv = new Env(cls.env);
    this.classEnvs.set(cls.decl, classEnv);
    this.callDepth++;
    try {
      for (const m of cls.decl.members) {
        if (ts.isPropertyDeclaration(m) && m.initializer && ts.isIdentifier(m.name)) inst.fields.set(m.name.text, this.ev(m.initializer, classEnv, cls.src, inst));
      }
      const ctor = cls.decl.members.find(ts.isConstructorDeclaration);
      if (ctor?.body) {
        const env = new Env(classEnv);
        ctor.parameters.forEach((p, i) => {
          let v = args[i] ?? UNKNOWN;
          if (v.k === 'unknown' && p.initializer) v = this.ev(p.initializer, env, cls.src, inst);
          this.bind(p.name, v, env);
          // `constructor(private readonly props: P)`: a field too.
          if (ts.isIdentifier(p.name) && p.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.ReadonlyKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) inst.fields.set(p.name.text, v);
        });
        this.hoist(ctor.body.statements, env, cls.src);
        try {
          this.execAll(ctor.body.statements, env, cls.src, inst);
        } catch (r) {
          if (!(r instanceof Return)) throw r;
        }
      }
    } finally {
      this.callDepth--;
    }
    return { k: 'inst', inst };
  }

  private constructCall(c: Construct, method: string, args: CV[], e: ts.CallExpression, src: SourceRef): CV {
    c.calls.push({ method, args, node: e, src });
    if (method === 'addFunctionUrl') {
      const url: Construct = { module: 'aws-lambda', cls: 'FunctionUrl', path: [...c.path, 'FunctionUrl'], node: e, src, props: args[0], args, calls: [], scope: c.scope, parent: c };
      this.constructs.push(url);
      return { k: 'construct', c: url };
    }
    if (method === 'addResource' || method === 'resourceForPath') return { k: 'apires', c, path: joinPath('/', args[0]) };
    if (method === 'addLambdaDataSource' || method === 'addRoutes' || method === 'addMethod') return UNKNOWN;
    return UNKNOWN;
  }

  private apiResourceCall(r: Extract<CV, { k: 'apires' }>, method: string, args: CV[], e: ts.CallExpression, src: SourceRef): CV {
    if (method === 'addResource' || method === 'resourceForPath') return { k: 'apires', c: r.c, path: joinPath(r.path, args[0]) };
    if (method === 'addProxy') {
      r.c.calls.push({ method: 'addMethod', args: [{ k: 'lit', v: 'ANY', node: e, src }, args[0]?.k === 'obj' ? (args[0].props.get('defaultIntegration')?.value ?? UNKNOWN) : UNKNOWN], node: e, src, apiPath: joinPathText(r.path, '{proxy+}') });
      return { k: 'apires', c: r.c, path: joinPathText(r.path, '{proxy+}') };
    }
    if (method === 'addMethod') r.c.calls.push({ method: 'addMethod', args, node: e, src, apiPath: r.path });
    return UNKNOWN;
  }
}
