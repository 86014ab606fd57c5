// What the names of a JS/TS module stand for, as the AWS-call analysis (aws-calls-js.ts) reads them:
// declarations, imports (local modules too), `this.x` fields and the parameters of the file's
// functions bound to the arguments of their calls, each evaluated to the client, command or value it
// is. Nothing is executed. For a file being edited, what each top-level statement declares is kept
// with it (aws-calls-js-statements.ts), and the reads of the call sites being collected are recorded.
import ts from 'typescript';
import type { CodeFile } from './types.js';
import { allNodes, isEditedTree, nodesOfKind } from './syntax-index.js';
import { moduleExports } from './exports.js';
import { ReadLog, type Seeds } from './aws-calls-types.js';
import { POWERTOOLS_JS } from './aws-calls-powertools.js';
import { member, own, packageMember, WRAPPERS, type Thing } from './aws-calls-js-packages.js';
import { nameText, propValue, unwrap } from './aws-calls-js-input.js';
import { declareStatement, paramFacts, type DeclSink, type ImportEntry, type Read, type UnresolvedEntry } from './aws-calls-js-statements.js';

const MAX_DEPTH = 6;
/** Declarations of one name looked at: enough for real code, bounded for generated or hostile files. */
export const MAX_DECLS = 20;

export interface JsContext {
  /** The value a local module's export stands for (cross-module clients and constants); `all`: the module. */
  localValue(fromFile: string, spec: string, name: string | 'all', depth: number): Thing | undefined;
  /** An export of a local module (by its file). */
  exportOf(file: string, name: string, depth: number): Thing | undefined;
}

export abstract class JsNames {
  readonly unresolved: UnresolvedEntry[] = [];
  /** Local imports: specifier, what is imported, and the unit that imports it. */
  readonly imports: ImportEntry[] = [];
  protected readonly decls = new Map<string, ts.Expression[]>();
  protected readonly imported = new Map<string, Thing>();
  protected readonly memo = new Map<string, Thing | null>();
  protected readonly sf: ts.SourceFile;

  /** A file being edited: its facts are kept per top-level statement (aws-calls-js-statements.ts). */
  protected readonly incremental: boolean;
  /** The reads of the statement whose call sites are being collected. */
  protected readonly log = new ReadLog<Read>();
  private readonly direct: DeclSink = {
    decl: (name, e) => this.addDecl(name, e),
    bind: (local, spec, name) => this.bindImport(local, spec, name),
    local: (i) => void this.imports.push(i),
    wrapper: (node, pkg) => this.wrapperUse(node, pkg),
  };

  constructor(protected readonly code: CodeFile, protected readonly ctx: JsContext, protected readonly depth = 0) {
    this.sf = code.sf!;
    this.incremental = isEditedTree(this.sf);
    this.collectDeclarations();
    this.bindParameters();
  }

  protected span(n: ts.Node) {
    return { file: this.code.file, start: n.getStart(this.sf), end: n.end };
  }

  // ---- names ----

  protected addDecl(name: string, e: ts.Expression): void {
    (this.decls.get(name) ?? this.decls.set(name, []).get(name)!).push(e);
  }

  protected collectDeclarations(): void {
    if (this.incremental) return this.collectDeclarationsByStatement();
    // One pass over the file's nodes, in document order (no per-kind lists to merge and sort).
    for (const n of allNodes(this.sf)) this.declareNode(n, this.direct);
  }

  protected collectDeclarationsByStatement(): void {
    const declare = (n: ts.Node, sink: DeclSink) => this.declareNode(n, sink);
    for (const st of this.sf.statements) declareStatement(this.sf, st, declare, this.direct);
  }

  /** What one node declares: names, imports, local modules, wrapper packages (in the order met). */
  protected declareNode(n: ts.Node, e: DeclSink): void {
    {
      const k = n.kind;
      if (k !== ts.SyntaxKind.ImportDeclaration && k !== ts.SyntaxKind.VariableDeclaration && k !== ts.SyntaxKind.BinaryExpression && k !== ts.SyntaxKind.PropertyDeclaration && k !== ts.SyntaxKind.ExportDeclaration) return;
      if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.importClause && !n.importClause.isTypeOnly) {
        const spec = n.moduleSpecifier.text;
        const c = n.importClause;
        const local = spec.startsWith('.');
        const named: string[] = [];
        const locals = new Map<string, string>();
        if (!local && WRAPPERS.test(spec) && !own(POWERTOOLS_JS, spec)) e.wrapper(n, spec);
        if (c.name) {
          e.bind(c.name.text, spec, 'default');
          locals.set(c.name.text, 'default');
        }
        if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) e.bind(c.namedBindings.name.text, spec, '*');
        if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
          for (const el of c.namedBindings.elements) {
            if (el.isTypeOnly) continue;
            const from = (el.propertyName ?? el.name).text;
            named.push(from);
            locals.set(el.name.text, from);
            e.bind(el.name.text, spec, from);
          }
        }
        if (local) e.local({ spec, node: n, seeds: c.namedBindings && ts.isNamespaceImport(c.namedBindings) ? 'all' : new Set([...named, ...(c.name ? ['default'] : [])]), locals });
      } else if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && !n.importClause && n.moduleSpecifier.text.startsWith('.')) {
        e.local({ spec: n.moduleSpecifier.text, node: n, seeds: new Set() });
      } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text.startsWith('.')) {
        const clause = n.exportClause;
        const seeds: Seeds = clause && ts.isNamedExports(clause) ? new Set(clause.elements.map((e) => (e.propertyName ?? e.name).text)) : 'all';
        e.local({ spec: n.moduleSpecifier.text, node: n, seeds });
      } else if (ts.isVariableDeclaration(n) && n.initializer) {
        if (ts.isIdentifier(n.name)) e.decl(n.name.text, n.initializer);
        else if (ts.isObjectBindingPattern(n.name)) {
          for (const el of n.name.elements) {
            const local = nameText(el.name);
            const prop = nameText(el.propertyName) ?? local;
            if (local && prop) e.decl(local, ts.factory.createPropertyAccessExpression(n.initializer, prop));
          }
        }
      } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const l = n.left;
        if (ts.isIdentifier(l)) e.decl(l.text, n.right);
        else if (ts.isPropertyAccessExpression(l) && l.expression.kind === ts.SyntaxKind.ThisKeyword) e.decl(`this.${l.name.text}`, n.right);
      } else if (ts.isPropertyDeclaration(n) && n.initializer) {
        const name = nameText(n.name);
        if (name) e.decl(`this.${name}`, n.initializer);
      }
    }
  }

  /** Functions of this file by name, with their parameter names, for binding arguments to parameters. */
  protected readonly fns = new Map<string, string[]>();

  protected bindParameters(): void {
    if (this.incremental) return this.bindParametersByStatement();
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

  /** The same bindings, from each statement's facts: functions declared first, then those assigned, then the calls. */
  protected bindParametersByStatement(): void {
    const facts = this.sf.statements.map((st) => paramFacts(this.sf, st, unwrap));
    for (const f of facts) for (const [name, ps] of f.declared) this.fns.set(name, ps);
    for (const f of facts) for (const [name, ps] of f.assigned) this.fns.set(name, ps);
    for (const f of facts) {
      for (const [name, args] of f.calls) {
        const ps = this.fns.get(name);
        if (ps) args.forEach((a, i) => ps[i] && !ts.isSpreadElement(a) && this.addDecl(ps[i], a));
      }
    }
  }

  protected bindImport(local: string, spec: string, name: string, node?: ts.Node): void {
    if (spec.startsWith('.')) this.imported.set(local, { k: 'local', spec, name: name === '*' ? 'all' : name });
    else {
      const t = packageMember(spec, name);
      if (t?.k === 'wrapper') this.wrapperUse(node, spec);
      else if (t) this.imported.set(local, t);
    }
  }

  protected wrapperUse(node: ts.Node | undefined, pkg: string): void {
    if (node) this.unresolved.push({ node, at: node, u: { span: this.span(node), reason: `uses ${pkg}, which calls AWS in ways the analysis does not follow` } });
  }

  /** What an export of this module stands for. */
  exportValue(name: string): Thing | undefined {
    const node = moduleExports(this.sf).get(name);
    if (node && ts.isExpression(node)) return this.evalE(node);
    return this.valueOf(name);
  }

  /** What a top-level or local name stands for (the first declaration that says something). */
  valueOf(name: string, depth = 0): Thing | undefined {
    if (!this.log.recording) return this.valueOfName(name, depth);
    return this.log.note({ k: 'v', name, depth, out: this.log.inside(() => this.valueOfName(name, depth)) });
  }

  protected valueOfName(name: string, depth: number): Thing | undefined {
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
      if (base.k === 'localNs') return this.exportOfLocal(base.file, prop);
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
        if (spec.startsWith('.')) return this.localModule(spec);
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

  /** `require('./x')` and a member of it, read at a call site: what another file says, recorded like a name. */
  protected localModule(spec: string): Thing | undefined {
    return this.log.note({ k: 'local', spec, name: 'all', out: this.ctx.localValue(this.code.file, spec, 'all', this.depth + 1) });
  }

  protected exportOfLocal(file: string, name: string): Thing | undefined {
    return this.log.note({ k: 'export', file, name, out: this.ctx.exportOf(file, name, this.depth + 1) });
  }

  protected hasFunction(name: string): boolean {
    return this.log.note({ k: 'fn', name, out: this.fns.has(name) });
  }

  protected declsOf(name: string): readonly ts.Expression[] | undefined {
    return this.log.note({ k: 'decls', name, out: this.decls.get(name) });
  }
}
