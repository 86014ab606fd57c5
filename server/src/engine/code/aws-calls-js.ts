// The AWS API calls of a JS/TS module: SDK v3 commands (whoever sends them: `client.send`, a
// presigner, a helper), v3 aggregated clients, lib-dynamodb, lib-storage `Upload`, paginators and
// presigned posts; SDK v2 clients and the DocumentClient (with or without `.promise()`); and the
// Powertools utilities that call AWS. Values are followed by name through declarations, imports
// (local modules too) and `this.x` fields; nothing is executed. A call on a client that the
// analysis cannot name (a computed method, a command it cannot see) is reported as unresolved.
import ts from 'typescript';
import type { CodeFile } from './types.js';
import { allNodes, nodesOfKind } from './syntax-index.js';
import { moduleUnits, unitOf } from './js-units.js';
import { moduleExports } from './exports.js';
import type { AwsCall, ResourceRef, Seeds, Unresolved } from './aws-calls-types.js';
import { documentClientOperation, findOperation, operationActions } from '../iam/operations.js';
import { powertoolsCalls, POWERTOOLS_JS, type PowertoolsCall } from './aws-calls-powertools.js';
import { member, own, packageMember, toResource, WRAPPERS, type Thing } from './aws-calls-js-packages.js';
import { nameText, propValue, readRequest, requiredNames, unwrap, type RequestFacts } from './aws-calls-js-input.js';

export type { Thing } from './aws-calls-js-packages.js';

/** Methods of a client that are not API calls. */
const CLIENT_NON_CALLS = new Set(['destroy', 'config', 'middlewareStack', 'on', 'setupRequestListeners', 'constructor', 'createSet', 'makeUnauthenticatedRequest', 'then', 'catch', 'bind', 'toString']);

const MAX_DEPTH = 6;
/** Declarations of one name looked at: enough for real code, bounded for generated or hostile files. */
const MAX_DECLS = 20;
/** Functions that take a client and a command the analysis counts where it is built. */
const PRESIGNERS = /^(getSignedUrl|createPresignedPost|AWSXRay\.captureAWSv3Client|captureAWSv3Client|tracer\.captureAWSv3Client)$/;

export interface JsContext {
  /** The value a local module's export stands for (cross-module clients and constants); `all`: the module. */
  localValue(fromFile: string, spec: string, name: string | 'all', depth: number): Thing | undefined;
  /** An export of a local module (by its file). */
  exportOf(file: string, name: string, depth: number): Thing | undefined;
}

export class JsFile {
  readonly calls: { node: ts.Node; call: AwsCall }[] = [];
  readonly unresolved: { node: ts.Node; u: Unresolved }[] = [];
  /** Local imports: specifier, what is imported, and the unit that imports it. */
  readonly imports: { spec: string; seeds: Seeds; node: ts.Node; locals?: Map<string, string> }[] = [];
  private readonly decls = new Map<string, ts.Expression[]>();
  private readonly imported = new Map<string, Thing>();
  private readonly memo = new Map<string, Thing | null>();
  private readonly sf: ts.SourceFile;
  /** Commands sent by a client with credentials of its own: not calls of the function's role. */
  private readonly excluded = new Set<ts.Node>();

  constructor(private readonly code: CodeFile, private readonly ctx: JsContext, private readonly depth = 0) {
    this.sf = code.sf!;
    this.collectDeclarations();
    this.bindParameters();
  }

  private span(n: ts.Node) {
    return { file: this.code.file, start: n.getStart(this.sf), end: n.end };
  }

  // ---- names ----

  private addDecl(name: string, e: ts.Expression): void {
    (this.decls.get(name) ?? this.decls.set(name, []).get(name)!).push(e);
  }

  private collectDeclarations(): void {
    // One pass over the file's nodes, in document order (no per-kind lists to merge and sort).
    for (const n of allNodes(this.sf)) {
      const k = n.kind;
      if (k !== ts.SyntaxKind.ImportDeclaration && k !== ts.SyntaxKind.VariableDeclaration && k !== ts.SyntaxKind.BinaryExpression && k !== ts.SyntaxKind.PropertyDeclaration && k !== ts.SyntaxKind.ExportDeclaration) continue;
      if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.importClause && !n.importClause.isTypeOnly) {
        const spec = n.moduleSpecifier.text;
        const c = n.importClause;
        const local = spec.startsWith('.');
        const named: string[] = [];
        const locals = new Map<string, string>();
        if (!local && WRAPPERS.test(spec) && !own(POWERTOOLS_JS, spec)) this.wrapperUse(n, spec);
        if (c.name) {
          this.bindImport(c.name.text, spec, 'default');
          locals.set(c.name.text, 'default');
        }
        if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) this.bindImport(c.namedBindings.name.text, spec, '*');
        if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
          for (const el of c.namedBindings.elements) {
            if (el.isTypeOnly) continue;
            const from = (el.propertyName ?? el.name).text;
            named.push(from);
            locals.set(el.name.text, from);
            this.bindImport(el.name.text, spec, from);
          }
        }
        if (local) this.imports.push({ spec, node: n, seeds: c.namedBindings && ts.isNamespaceImport(c.namedBindings) ? 'all' : new Set([...named, ...(c.name ? ['default'] : [])]), locals });
      } else if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && !n.importClause && n.moduleSpecifier.text.startsWith('.')) {
        this.imports.push({ spec: n.moduleSpecifier.text, node: n, seeds: new Set() });
      } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text.startsWith('.')) {
        const clause = n.exportClause;
        const seeds: Seeds = clause && ts.isNamedExports(clause) ? new Set(clause.elements.map((e) => (e.propertyName ?? e.name).text)) : 'all';
        this.imports.push({ spec: n.moduleSpecifier.text, node: n, seeds });
      } else if (ts.isVariableDeclaration(n) && n.initializer) {
        if (ts.isIdentifier(n.name)) this.addDecl(n.name.text, n.initializer);
        else if (ts.isObjectBindingPattern(n.name)) {
          for (const el of n.name.elements) {
            const local = nameText(el.name);
            const prop = nameText(el.propertyName) ?? local;
            if (local && prop) this.addDecl(local, ts.factory.createPropertyAccessExpression(n.initializer, prop));
          }
        }
      } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const l = n.left;
        if (ts.isIdentifier(l)) this.addDecl(l.text, n.right);
        else if (ts.isPropertyAccessExpression(l) && l.expression.kind === ts.SyntaxKind.ThisKeyword) this.addDecl(`this.${l.name.text}`, n.right);
      } else if (ts.isPropertyDeclaration(n) && n.initializer) {
        const name = nameText(n.name);
        if (name) this.addDecl(`this.${name}`, n.initializer);
      }
    }
  }

  /** Functions of this file by name, with their parameter names, for binding arguments to parameters. */
  private readonly fns = new Map<string, string[]>();

  private bindParameters(): void {
    const params = (f: ts.SignatureDeclaration) => f.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    for (const n of [...nodesOfKind(this.sf, ts.SyntaxKind.FunctionDeclaration), ...nodesOfKind(this.sf, ts.SyntaxKind.VariableDeclaration)]) {
      if (ts.isFunctionDeclaration(n) && n.name) this.fns.set(n.name.text, params(n));
      else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
        const init = unwrap(n.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) this.fns.set(n.name.text, params(init));
      }
    }
    for (const c of nodesOfKind<ts.CallExpression>(this.sf, ts.SyntaxKind.CallExpression)) {
      const callee = unwrap(c.expression);
      const ps = ts.isIdentifier(callee) ? this.fns.get(callee.text) : undefined;
      if (!ps) continue;
      c.arguments.forEach((a, i) => ps[i] && !ts.isSpreadElement(a) && this.addDecl(ps[i], a));
    }
  }

  private bindImport(local: string, spec: string, name: string, node?: ts.Node): void {
    if (spec.startsWith('.')) this.imported.set(local, { k: 'local', spec, name: name === '*' ? 'all' : name });
    else {
      const t = packageMember(spec, name);
      if (t?.k === 'wrapper') this.wrapperUse(node, spec);
      else if (t) this.imported.set(local, t);
    }
  }

  private wrapperUse(node: ts.Node | undefined, pkg: string): void {
    if (node) this.unresolved.push({ node, u: { span: this.span(node), reason: `uses ${pkg}, which calls AWS in ways the analysis does not follow` } });
  }

  /** What an export of this module stands for. */
  exportValue(name: string): Thing | undefined {
    const node = moduleExports(this.sf).get(name);
    if (node && ts.isExpression(node)) return this.evalE(node);
    return this.valueOf(name);
  }

  /** What a top-level or local name stands for (the first declaration that says something). */
  valueOf(name: string, depth = 0): Thing | undefined {
    const imp = this.imported.get(name);
    if (imp) return imp.k === 'local' ? this.ctx.localValue(this.code.file, imp.spec, imp.name, this.depth + 1) : imp;
    if (this.memo.has(name)) return this.memo.get(name) ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    this.memo.set(name, null); // a cycle reads as unknown
    let out: Thing | undefined;
    for (const e of (this.decls.get(name) ?? []).slice(0, MAX_DECLS)) {
      out = this.evalE(e, depth + 1);
      if (out) break;
    }
    this.memo.set(name, out ?? null);
    return out;
  }

  /** What an expression stands for. */
  evalE(raw: ts.Expression, depth = 0): Thing | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrap(raw);
    if (ts.isIdentifier(e)) return this.valueOf(e.text, depth);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { k: 'literal', text: e.text };
    if (ts.isTemplateExpression(e) && e.head.text === '' && e.templateSpans.length === 1 && e.templateSpans[0].literal.text === '') return this.evalE(e.templateSpans[0].expression, depth + 1);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      return this.evalE(e.left, depth + 1) ?? this.evalE(e.right, depth + 1);
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const prop = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword && prop) return this.valueOf(`this.${prop}`, depth);
      if (ts.isIdentifier(e.expression) && e.expression.text === 'process' && prop === 'env') return { k: 'processEnv' };
      const base = this.evalE(e.expression, depth + 1);
      if (!base || prop === undefined) return undefined;
      if (base.k === 'localNs') return this.ctx.exportOf(base.file, prop, this.depth + 1);
      return member(base, prop);
    }
    if (ts.isNewExpression(e)) {
      const c = this.evalE(e.expression, depth + 1);
      if (!c) return undefined;
      // Credentials of its own (another account, keys from the environment): not the function's role.
      const opts = e.arguments?.[0] && ts.isObjectLiteralExpression(unwrap(e.arguments[0])) ? (unwrap(e.arguments[0]) as ts.ObjectLiteralExpression) : undefined;
      const ownCredentials = !!opts && (!!propValue(opts, 'credentials') || !!propValue(opts, 'accessKeyId'));
      if (c.k === 'v2class') return { k: 'client', flavour: 'v2', service: c.service, ownCredentials };
      if (c.k === 'v2docclass') return { k: 'client', flavour: 'v2doc', service: 'dynamodb', ownCredentials };
      if (c.k === 'class') return { k: 'client', flavour: c.flavour, service: c.service, ownCredentials };
      if (c.k === 'docFactory') return { k: 'client', flavour: c.flavour, service: 'dynamodb', ownCredentials };
      if (c.k === 'commandClass') return { k: 'command' };
      if (c.k === 'powertoolsClass') return { k: 'powertoolsObject', name: c.name, config: e.arguments?.[0] };
      return undefined;
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (ts.isIdentifier(callee) && callee.text === 'require' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
        const spec = e.arguments[0].text;
        if (spec.startsWith('.')) return this.ctx.localValue(this.code.file, spec, 'all', this.depth + 1);
        return packageMember(spec, '*') ?? { k: 'v3ns', pkg: spec };
      }
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'from') {
        const f = this.evalE(callee.expression, depth + 1);
        const base = e.arguments[0] ? this.evalE(e.arguments[0], depth + 1) : undefined;
        if (f?.k === 'docFactory') return { k: 'client', flavour: f.flavour, service: 'dynamodb', ownCredentials: base?.k === 'client' && base.ownCredentials };
      }
      const f = this.evalE(callee, depth + 1);
      if (f?.k === 'passthrough' && e.arguments[0]) return this.evalE(e.arguments[0], depth + 1);
      return undefined;
    }
    return undefined;
  }

  // ---- call sites ----

  /** Finds every call site; `included` keeps only those in reached units. */
  collect(): void {
    for (const n of allNodes(this.sf)) {
      if (n.kind === ts.SyntaxKind.NewExpression) this.onNew(n as ts.NewExpression);
      else if (n.kind === ts.SyntaxKind.CallExpression) this.onCall(n as ts.CallExpression);
    }
  }

  private addCall(node: ts.Node, at: ts.Node, service: string, op: string, input: ts.Expression | undefined, text: string): void {
    const { params, resource, content } = this.readInput(service, op, input);
    const needs = operationActions(service, op, params, content);
    if (!needs.known) {
      this.unresolved.push({ node, u: { span: this.span(at), reason: `${text}: the IAM action of ${op} is not known` } });
      return;
    }
    this.calls.push({ node, call: { span: this.span(at), service, operation: op, actions: needs.actions, possible: needs.possible, resource, text } });
  }

  private unresolvedAt(node: ts.Node, reason: string): void {
    this.unresolved.push({ node, u: { span: this.span(node), reason } });
  }

  private onNew(n: ts.NewExpression): void {
    const callee = unwrap(n.expression);
    const c = this.evalE(callee);
    const arg = n.arguments?.[0];
    if (c?.k === 'commandClass') this.addCall(n, callee, c.service, c.op, arg, callee.getText(this.sf));
    else if (c?.k === 'upload') {
      const params = arg && ts.isObjectLiteralExpression(unwrap(arg)) ? propValue(unwrap(arg) as ts.ObjectLiteralExpression, 'params') : undefined;
      this.addCall(n, callee, 's3', 'PutObject', params, 'Upload');
      if (arg && ts.isObjectLiteralExpression(unwrap(arg)) && propValue(unwrap(arg) as ts.ObjectLiteralExpression, 'tags')) this.addCall(n, callee, 's3', 'PutObjectTagging', params, 'Upload (tags)');
    } else if (c?.k === 'powertoolsClass') {
      const calls = powertoolsCalls(c.name, 'constructor');
      for (const pc of calls) this.addPowertools(n, callee, pc, undefined, arg);
    } else if (ts.isElementAccessExpression(callee)) {
      const base = this.evalE(callee.expression);
      if (base && (base.k === 'v2ns' || base.k === 'v3ns')) this.unresolvedAt(callee, `${callee.getText(this.sf)}: a client or command chosen by a computed name`);
    }
  }

  private onCall(n: ts.CallExpression): void {
    const callee = unwrap(n.expression);
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
    if (isImport && n.arguments.length === 1) {
      const a = n.arguments[0];
      if (!ts.isStringLiteralLike(a)) this.unresolvedAt(n, `${callee.getText(this.sf)}() of a module chosen at run time`);
      else if (a.text.startsWith('.')) this.imports.push({ spec: a.text, node: n, ...requiredNames(n) });
      else if (WRAPPERS.test(a.text) && !own(POWERTOOLS_JS, a.text)) this.wrapperUse(n, a.text);
      return;
    }
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      const recv = this.evalE(callee.expression);
      if (!recv) return;
      if (recv.k === 'client') this.onClientCall(n, callee, recv);
      else if (recv.k === 'powertoolsObject' && ts.isPropertyAccessExpression(callee)) {
        for (const pc of powertoolsCalls(recv.name, callee.name.text)) this.addPowertools(n, callee.name, pc, n.arguments[0], recv.config);
      }
      return;
    }
    const f = this.evalE(callee);
    if (!(ts.isIdentifier(callee) && this.fns.has(callee.text)) && f?.k !== 'passthrough' && f?.k !== 'paginator' && f?.k !== 'presignedPost') {
      for (const a of n.arguments) {
        const t = ts.isIdentifier(unwrap(a)) ? this.evalE(a) : undefined;
        if (t?.k === 'client' && !t.ownCredentials && !PRESIGNERS.test(callee.getText(this.sf))) this.unresolvedAt(n, `passes an AWS client to ${callee.getText(this.sf).slice(0, 40)}, which the analysis does not follow`);
      }
    }
    if (!f) return;
    if (f.k === 'waiter') this.unresolvedAt(n, `${f.name}: a waiter, whose polling calls are not followed`);
    if (f.k === 'paginator') this.addCall(n, callee, f.service, f.op, n.arguments[1], callee.getText(this.sf));
    else if (f.k === 'presignedPost') this.addCall(n, callee, 's3', 'PutObject', n.arguments[1], 'createPresignedPost');
    else if (f.k === 'powertools') for (const pc of f.calls) this.addPowertools(n, callee, pc, n.arguments[0], n.arguments[1]);
  }

  private onClientCall(n: ts.CallExpression, callee: ts.PropertyAccessExpression | ts.ElementAccessExpression, c: Extract<Thing, { k: 'client' }>): void {
    if (ts.isElementAccessExpression(callee)) {
      if (!ts.isStringLiteralLike(callee.argumentExpression)) {
        this.unresolvedAt(callee, `${callee.getText(this.sf)}: a method chosen by a computed name`);
        return;
      }
    }
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : (callee.argumentExpression as ts.StringLiteralLike).text;
    const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee.argumentExpression;
    const text = `${callee.expression.getText(this.sf)}.${method}`;
    if (CLIENT_NON_CALLS.has(method)) return;
    if (c.ownCredentials) {
      const arg = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
      if (arg && ts.isNewExpression(arg)) this.excluded.add(arg);
      else if (arg && ts.isIdentifier(arg)) for (const d of this.decls.get(arg.text) ?? []) this.excluded.add(unwrap(d));
      return;
    }
    if (method === 'send' && (c.flavour === 'v3' || c.flavour === 'v3doc' || c.flavour === 'agg' || c.flavour === 'aggdoc')) {
      const arg = n.arguments[0];
      const t = arg ? this.evalE(arg) : undefined;
      if (t?.k === 'command') return; // counted where the command is built
      this.unresolvedAt(at, `${text}(...): sends a command the analysis cannot name`);
      return;
    }
    let op: string | undefined;
    let input = n.arguments[0];
    const service = c.service;
    if (c.flavour === 'v2doc' || c.flavour === 'aggdoc') op = documentClientOperation(method);
    else if (c.flavour === 'v2' || c.flavour === 'agg') {
      if (c.flavour === 'v2' && (method === 'getSignedUrl' || method === 'getSignedUrlPromise' || method === 'makeRequest')) {
        const name = n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) ? n.arguments[0].text : undefined;
        op = name ? findOperation(service, name) : undefined;
        input = n.arguments[1];
      } else if (c.flavour === 'v2' && method === 'waitFor') {
        this.unresolvedAt(at, `${text}: a waiter, whose polling calls are not followed`);
        return;
      } else if (c.flavour === 'v2' && service === 's3' && method === 'upload') op = 'PutObject';
      else if (c.flavour === 'v2' && service === 's3' && method === 'createPresignedPost') op = 'PutObject';
      else op = findOperation(service, method);
    }
    if (!op) {
      this.unresolvedAt(at, `${text}: not an operation the analysis knows`);
      return;
    }
    this.addCall(n, at, service, op, input, text);
  }

  private addPowertools(node: ts.Node, at: ts.Node, pc: PowertoolsCall, nameArg: ts.Expression | undefined, config: ts.Expression | undefined): void {
    let resource: ResourceRef | undefined;
    const src = pc.resourceFrom === 'arg' ? nameArg : pc.resourceFrom && config && ts.isObjectLiteralExpression(unwrap(config)) ? propValue(unwrap(config) as ts.ObjectLiteralExpression, pc.resourceFrom) : undefined;
    if (src) resource = toResource(this.evalE(src));
    const needs = operationActions(pc.service, pc.op);
    this.calls.push({ node, call: { span: this.span(at), service: pc.service, operation: pc.op, actions: needs.actions, possible: [], resource, text: pc.text } });
  }

  /** The request: parameter names it sets, the resource it names, and transaction/PartiQL content. */
  private readInput(service: string, op: string, input: ts.Expression | undefined): RequestFacts {
    return readRequest(service, op, this.objectOf(input), (e) => this.evalE(e));
  }

  /** An object literal an input is, directly or through a `const params = {...}`. */
  private objectOf(input: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (!input || depth > 3) return undefined;
    const e = unwrap(input);
    if (ts.isObjectLiteralExpression(e)) return e;
    if (ts.isIdentifier(e)) {
      const ds = (this.decls.get(e.text) ?? []).slice(0, MAX_DECLS);
      for (const d of ds) {
        const o = this.objectOf(d, depth + 1);
        if (o) return o;
      }
    }
    return undefined;
  }

  /** The calls and unresolved sites in the reached units. */
  results(reached: Set<number>): { calls: AwsCall[]; unresolved: Unresolved[]; imports: { spec: string; seeds: Seeds }[] } {
    const units = moduleUnits(this.sf);
    const keep = (n: ts.Node) => reached.has(unitOf(units, n));
    // A named import counts for the names that the reached code, other than the import itself, uses:
    // how many reached units reference each name, less the importing unit.
    const counts = new Map<string, number>();
    for (const i of reached) for (const r of units.refs[i]) counts.set(r, (counts.get(r) ?? 0) + 1);
    const imports = this.imports.filter((i) => keep(i.node)).map((i) => {
      if (i.seeds === 'all' || !i.locals) return i;
      const mine = units.refs[unitOf(units, i.node)];
      const used = (name: string) => (counts.get(name) ?? 0) - (mine?.has(name) ? 1 : 0) > 0;
      return { ...i, seeds: new Set([...i.locals].filter(([local]) => used(local)).map(([, imported]) => imported)) };
    });
    return {
      calls: this.calls.filter((c) => keep(c.node) && !this.excluded.has(c.node)).map((c) => c.call),
      unresolved: this.unresolved.filter((u) => keep(u.node)).map((u) => u.u),
      imports,
    };
  }
}
