// A code-side fact about Lambda authorizers: does the handler allow every request? It does when
// every way out of it (each `return`, each `callback(null, ...)`, the body of an arrow function)
// is an Allow policy or `{ isAuthorized: true }`, and no way out denies (`throw`, `callback('Unauthorized')`,
// a Deny policy, `isAuthorized: false`) or is something the model cannot read. JS/TS through the
// TypeScript AST, Python through its plain AST (`pythonSyntax`).
import ts from 'typescript';
import type { CodeFile } from './types.js';
import type { Span } from '../types.js';
import { moduleExports, resolveFunction, topLevelDeclarations } from './exports.js';
import { authenticationChecks } from './authentication.js';
import { pythonSyntax, type PySyntax } from './python-nodes.js';

type Outcome = 'allow' | 'deny' | 'unknown';

export interface AllowAll {
  /** The handler function. */
  span: Span;
  /** How many ways out it has, all allowing. */
  exits: number;
}

const MAX_EXITS = 200;
const MAX_WALK = 20_000;

/**
 * The handler at `exportPath` allows every request, or undefined (it may deny, or cannot be read).
 * A handler that verifies something (a token, a signature) may throw on a bad one: that is a way
 * out that denies, so it never allows everything.
 */
export function allowsEveryRequest(code: CodeFile, exportPath: string[]): AllowAll | undefined {
  const name = exportPath[0];
  if (!name || authenticationChecks(code).length > 0) return undefined;
  return code.language === 'python' ? pythonAllowsAll(code, name) : jsAllowsAll(code, name);
}

function combine(outcomes: Outcome[]): Outcome {
  if (outcomes.length === 0) return 'unknown';
  if (outcomes.includes('deny')) return 'deny';
  if (outcomes.includes('unknown')) return 'unknown';
  return 'allow';
}

// ---- JS / TS ----

function jsAllowsAll(code: CodeFile, name: string): AllowAll | undefined {
  const sf = code.sf;
  if (!sf) return undefined;
  const fn = resolveFunction(moduleExports(sf).get(name), sf);
  if (!fn || !fn.body) return undefined;
  const outcomes: Outcome[] = [];
  // Module-level constants (`const allow = { ... }`), then the handler's own.
  const consts = new Map<string, ts.Expression>();
  for (const [k, d] of topLevelDeclarations(sf)) if (ts.isVariableDeclaration(d) && d.initializer) consts.set(k, d.initializer);
  const callbackName = fn.parameters[2] && ts.isIdentifier(fn.parameters[2].name) ? fn.parameters[2].name.text : undefined;
  if (!ts.isBlock(fn.body)) outcomes.push(classifyJs(fn.body, consts, 0));
  else {
    // One walk of the body: returns of the handler itself (not of nested functions), throws, and
    // calls of its callback anywhere (a nested verify callback often calls it).
    const stack: { node: ts.Node; nested: boolean }[] = [{ node: fn.body, nested: false }];
    let count = 0;
    while (stack.length > 0 && count++ < MAX_WALK && outcomes.length < MAX_EXITS) {
      const { node, nested } = stack.pop()!;
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && !nested) consts.set(node.name.text, node.initializer);
      if (!nested && ts.isReturnStatement(node)) outcomes.push(node.expression ? classifyJs(node.expression, consts, 0) : 'unknown');
      if (!nested && ts.isThrowStatement(node)) outcomes.push('deny');
      if (ts.isCallExpression(node) && callbackName && ts.isIdentifier(node.expression) && node.expression.text === callbackName) {
        const [err, result] = node.arguments;
        const errIsNull = !err || err.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(err) && err.text === 'undefined');
        outcomes.push(errIsNull ? (result ? classifyJs(result, consts, 0) : 'unknown') : 'deny');
      }
      const isFn = ts.isFunctionLike(node) && node !== fn;
      ts.forEachChild(node, (c) => {
        stack.push({ node: c, nested: nested || isFn });
      });
    }
    if (count >= MAX_WALK) return undefined;
  }
  return combine(outcomes) === 'allow' ? { span: { file: code.file, start: fn.getStart(sf), end: fn.getEnd() }, exits: outcomes.length } : undefined;
}

const propName = (p: ts.ObjectLiteralElementLike) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined);

/** allow / deny / unknown for a value the handler answers with. */
function classifyJs(e: ts.Expression, consts: Map<string, ts.Expression>, depth: number): Outcome {
  if (depth > 6) return 'unknown';
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) {
    const init = consts.get(e.text);
    return init ? classifyJs(init, consts, depth + 1) : 'unknown';
  }
  if (ts.isConditionalExpression(e)) return combine([classifyJs(e.whenTrue, consts, depth + 1), classifyJs(e.whenFalse, consts, depth + 1)]);
  if (ts.isObjectLiteralExpression(e)) {
    const auth = e.properties.find((p) => propName(p) === 'isAuthorized');
    if (auth && ts.isPropertyAssignment(auth)) return auth.initializer.kind === ts.SyntaxKind.TrueKeyword ? 'allow' : auth.initializer.kind === ts.SyntaxKind.FalseKeyword ? 'deny' : 'unknown';
    const policy = e.properties.find((p) => propName(p) === 'policyDocument');
    if (policy && ts.isPropertyAssignment(policy)) return effects(policy.initializer);
    return 'unknown';
  }
  if (ts.isCallExpression(e)) {
    // generatePolicy('user', 'Allow', event.methodArn): the effect as a literal argument.
    const lits = e.arguments.filter(ts.isStringLiteralLike).map((a) => a.text.toLowerCase());
    if (lits.includes('deny')) return 'deny';
    if (lits.includes('allow') && !e.arguments.some((a) => ts.isIdentifier(a) && /effect/i.test(a.text))) return 'allow';
    return 'unknown';
  }
  return 'unknown';
}

/** The Effect values of a literal policy document: all Allow, some Deny, or not literal. */
function effects(doc: ts.Node): Outcome {
  const found: Outcome[] = [];
  const stack: ts.Node[] = [doc];
  let count = 0;
  while (stack.length > 0 && count++ < 2_000) {
    const n = stack.pop()!;
    if (ts.isPropertyAssignment(n) && propName(n) === 'Effect') {
      const v = n.initializer;
      found.push(ts.isStringLiteralLike(v) ? (v.text === 'Allow' ? 'allow' : 'deny') : 'unknown');
      continue;
    }
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return combine(found);
}

// ---- Python ----

function pythonAllowsAll(code: CodeFile, name: string): AllowAll | undefined {
  const root = pythonSyntax(code);
  if (!root) return undefined;
  const def = root.namedChildren
    .map((n) => (n.type === 'decorated_definition' ? n.childForFieldName('definition') : n))
    .find((n) => n?.type === 'function_definition' && n.childForFieldName('name')?.text === name);
  const body = def?.childForFieldName('body');
  if (!def || !body) return undefined;
  const outcomes: Outcome[] = [];
  const assigned = new Map<string, PySyntax>();
  const stack: PySyntax[] = [body];
  let count = 0;
  while (stack.length > 0 && count++ < MAX_WALK && outcomes.length < MAX_EXITS) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') continue;
    if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right) assigned.set(left.text, right);
    }
    if (n.type === 'return_statement') outcomes.push(n.namedChildren[0] ? classifyPy(n.namedChildren[0], assigned, 0) : 'unknown');
    if (n.type === 'raise_statement') outcomes.push('deny');
    for (let i = n.namedChildCount - 1; i >= 0; i--) stack.push(n.namedChild(i)!);
  }
  if (count >= MAX_WALK) return undefined;
  return combine(outcomes) === 'allow' ? { span: { file: code.file, start: def.startIndex, end: def.endIndex }, exits: outcomes.length } : undefined;
}

function pyString(n: PySyntax | null | undefined): string | undefined {
  if (!n || n.type !== 'string' || n.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return n.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

function classifyPy(n: PySyntax, assigned: Map<string, PySyntax>, depth: number): Outcome {
  if (depth > 6) return 'unknown';
  if (n.type === 'parenthesized_expression' || n.type === 'await') return n.namedChildren[0] ? classifyPy(n.namedChildren[0], assigned, depth + 1) : 'unknown';
  if (n.type === 'identifier') {
    const v = assigned.get(n.text);
    return v ? classifyPy(v, assigned, depth + 1) : 'unknown';
  }
  if (n.type === 'conditional_expression') return combine(n.namedChildren.filter((_, i) => i !== 1).map((c) => classifyPy(c, assigned, depth + 1)));
  if (n.type === 'dictionary') {
    const pairs = n.namedChildren.filter((c) => c.type === 'pair');
    const auth = pairs.find((p) => pyString(p.childForFieldName('key')) === 'isAuthorized');
    if (auth) {
      const v = auth.childForFieldName('value');
      return v?.type === 'true' ? 'allow' : v?.type === 'false' ? 'deny' : 'unknown';
    }
    const policy = pairs.find((p) => pyString(p.childForFieldName('key')) === 'policyDocument');
    if (!policy) return 'unknown';
    const found: Outcome[] = [];
    for (const p of policy.descendantsOfType('pair')) {
      if (pyString(p.childForFieldName('key')) !== 'Effect') continue;
      const v = pyString(p.childForFieldName('value'));
      found.push(v === undefined ? 'unknown' : v === 'Allow' ? 'allow' : 'deny');
    }
    return combine(found);
  }
  if (n.type === 'call') {
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    const lits = args.map((a) => pyString(a)?.toLowerCase());
    if (lits.includes('deny')) return 'deny';
    if (lits.includes('allow')) return 'allow';
    return 'unknown';
  }
  return 'unknown';
}

