// What a JS/TS module exports, and which function an exported value really is: through
// `module.exports = { handler }`, `exports.x =`, ESM exports, wrappers such as `middy(base).use(...)`,
// `.bind(...)`, and methods of exported class instances.
import ts from 'typescript';

export type FunctionNode = ts.FunctionLikeDeclaration;

const declCache = new WeakMap<ts.SourceFile, Map<string, ts.Node>>();

/** Top-level declarations by name: functions, classes, variables (to their declaration). */
export function topLevelDeclarations(sf: ts.SourceFile): Map<string, ts.Node> {
  const cached = declCache.get(sf);
  if (cached) return cached;
  const out = new Map<string, ts.Node>();
  declCache.set(sf, out);
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) out.set(st.name.text, st);
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, d);
    }
  }
  return out;
}

function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** `exports.x`, `module.exports.x`: returns x. */
function exportedName(e: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
  const target = e.expression;
  const isExports = (ts.isIdentifier(target) && target.text === 'exports') || isModuleExports(target);
  if (!isExports) return undefined;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return ts.isStringLiteral(e.argumentExpression) ? e.argumentExpression.text : undefined;
}

function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return (ts.canHaveModifiers(n) ? ts.getModifiers(n) : undefined)?.some((m) => m.kind === kind) ?? false;
}

/** Every export of the module: name -> the exported expression or declaration. */
export function moduleExports(sf: ts.SourceFile): Map<string, ts.Node> {
  const out = new Map<string, ts.Node>();
  const decls = topLevelDeclarations(sf);
  const addObject = (obj: ts.ObjectLiteralExpression) => {
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.set(p.name.text, p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
      else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) out.set(p.name.text, p);
    }
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      out.set(hasModifier(st, ts.SyntaxKind.DefaultKeyword) ? 'default' : (st.name?.text ?? 'default'), st);
    } else if (ts.isClassDeclaration(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword) && st.name) {
      out.set(hasModifier(st, ts.SyntaxKind.DefaultKeyword) ? 'default' : st.name.text, st);
    } else if (ts.isVariableStatement(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.set(d.name.text, d.initializer);
    } else if (ts.isExportAssignment(st)) {
      out.set('default', st.expression);
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text;
        const decl = decls.get(local);
        if (decl) out.set(el.name.text, decl);
      }
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = st.expression;
      const name = exportedName(left);
      if (name) out.set(name, right);
      else if (isModuleExports(left)) {
        let value: ts.Node | undefined = right;
        if (ts.isIdentifier(right)) {
          const d = decls.get(right.text);
          value = d && ts.isVariableDeclaration(d) ? d.initializer : d;
        }
        if (value && ts.isObjectLiteralExpression(value)) addObject(value);
        else if (value) out.set('default', value);
      }
    }
  }
  return out;
}

function unwrapExpr(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/**
 * The function an exported value runs, following identifiers to their declarations, wrappers
 * (`middy(base).use(...)`, `wrapHandler(fn)`), `.bind(...)`, and class methods (`new C().m`,
 * `C.staticM`, `instance.m.bind(instance)`). `depth` bounds the search.
 */
export function resolveFunction(node: ts.Node | undefined, sf: ts.SourceFile, depth = 0): FunctionNode | undefined {
  if (!node || depth > 12) return undefined;
  const decls = topLevelDeclarations(sf);
  const again = (n: ts.Node | undefined) => resolveFunction(n, sf, depth + 1);
  if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) return node;
  if (ts.isVariableDeclaration(node)) return again(node.initializer);
  if (ts.isShorthandPropertyAssignment(node)) return again(decls.get(node.name.text));
  if (!isExpressionNode(node)) return undefined;
  const e = unwrapExpr(node as ts.Expression);
  if (e !== node) return again(e);
  if (ts.isIdentifier(e)) return again(decls.get(e.text));
  if (ts.isCallExpression(e)) {
    const callee = unwrapExpr(e.expression);
    // x.bind(this)
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return again(callee.expression);
    // middy(base).use(a).use(b): the wrapped call is the receiver of `.use`
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(unwrapExpr(callee.expression))) {
      const inner = again(callee.expression);
      if (inner) return inner;
    }
    // wrapper(fn, options): the first argument that is a function
    for (const a of e.arguments) {
      const f = again(a);
      if (f) return f;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const cls = classOf(e.expression, decls, sf, depth);
    if (cls) {
      const m = cls.members.find((mm) => ts.isMethodDeclaration(mm) && ts.isIdentifier(mm.name) && mm.name.text === e.name.text);
      if (m) return m as ts.MethodDeclaration;
      const prop = cls.members.find((mm) => ts.isPropertyDeclaration(mm) && ts.isIdentifier(mm.name) && mm.name.text === e.name.text) as ts.PropertyDeclaration | undefined;
      if (prop?.initializer) return again(prop.initializer);
    }
  }
  return undefined;
}

/** The class an expression is (a class name) or is an instance of (`new C()`, a variable holding one). */
function classOf(e: ts.Expression, decls: Map<string, ts.Node>, sf: ts.SourceFile, depth: number): ts.ClassLikeDeclaration | undefined {
  if (depth > 12) return undefined;
  e = unwrapExpr(e);
  if (ts.isNewExpression(e)) return classOf(e.expression, decls, sf, depth + 1);
  if (ts.isClassExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const d = decls.get(e.text);
    if (d && ts.isClassDeclaration(d)) return d;
    if (d && ts.isVariableDeclaration(d) && d.initializer) return classOf(d.initializer, decls, sf, depth + 1);
  }
  return undefined;
}

function isExpressionNode(n: ts.Node): boolean {
  return ts.isExpression(n) || ts.isIdentifier(n);
}

const SHAPE_NAMES = new Set(['handler', 'lambda_handler', 'lambdaHandler', 'main']);

/** Exports that look like Lambda handlers: well-known names, or `(event, context)` parameters. */
export function handlersByShape(sf: ts.SourceFile): { exportPath: string[]; node: FunctionNode }[] {
  const out: { exportPath: string[]; node: FunctionNode }[] = [];
  for (const [name, value] of moduleExports(sf)) {
    const fn = resolveFunction(value, sf);
    if (!fn) continue;
    const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    const eventLike = params.length >= 2 && /^(event|evt|e|_event)$/i.test(params[0]) && /^(context|ctx|_context|_ctx|lambdaContext)$/i.test(params[1]);
    if (SHAPE_NAMES.has(name) || eventLike) out.push({ exportPath: [name], node: fn });
  }
  return out;
}
