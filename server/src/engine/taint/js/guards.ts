// Allow-list checks that narrow a value in the branch where the check passed: `ALLOWED.includes(x)`,
// `set.has(x)`, `x === 'literal'`, an anchored `/^[a-z]+$/.test(x)`, `typeof x === 'number'`,
// validator calls, and `resolved.startsWith(base)` for a normalised path. With `if (!check) return`,
// the code after the `if` is the branch where the check passed.
import ts from 'typescript';
import { SK, tsx } from './syntax.js';
import type { Frame } from '../env.js';
import type { JsInterp as Interp } from './interp.js';
import { sanitize, type AV } from '../values.js';
import { isCaught } from '../errors.js';
import type { SinkFamily } from '../types.js';

type Families = readonly SinkFamily[] | 'all';
/** A narrowing, and what it narrows (for checks joined with `||`, where only what both sides narrow holds). */
export type Narrowing = (() => void) & { on?: { target: ts.Expression; families: Families; key: string } };

const URL_PARTS = new Set(['origin', 'host', 'hostname']);

const VALIDATOR_NAMES = /^(is(UUID|Uuid|Int|Integer|Numeric|Alphanumeric|Alpha|Hexadecimal|MongoId|Base64|ISO8601|Port|Boolean|Decimal|Float|Email|Valid[A-Za-z]*)|validate[A-Za-z]*)$/;

function unwrap(e: ts.Expression): ts.Expression {
  while (tsx.isParenthesizedExpression(e) || tsx.isAsExpression(e) || tsx.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** An anchored regular expression that cannot match `.`-style wildcards. */
function isStrictRegex(text: string): boolean {
  const m = /^\/(.*)\/[a-z]*$/s.exec(text);
  if (!m) return false;
  const body = m[1];
  return body.startsWith('^') && body.endsWith('$') && !/(^|[^\\])\.|\\S|\\W|\\D|\[\^/.test(body);
}

function isConstantish(e: ts.Expression): boolean {
  e = unwrap(e);
  return tsx.isStringLiteral(e) || tsx.isNumericLiteral(e) || tsx.isNoSubstitutionTemplateLiteral(e) || (tsx.isIdentifier(e) && /^[A-Z][A-Z0-9_]*$/.test(e.text)) || e.kind === SK.NullKeyword || e.kind === SK.UndefinedKeyword;
}

/**
 * Inside a helper's check, its parameters stand for the caller's arguments: `sub` maps a parameter's
 * name to the argument expression (in the caller's frame). Other names of the helper are not the
 * caller's, so they narrow nothing.
 */
type Subst = Map<string, ts.Expression | undefined>;
const MAX_HELPER_DEPTH = 3;

export function narrowings(it: Interp, cond: ts.Expression, polarity: boolean, frame: Frame, sub?: Subst, depth = 0): Narrowing[] {
  const e = unwrap(cond);
  if (tsx.isPrefixUnaryExpression(e) && e.operator === SK.ExclamationToken) return narrowings(it, e.operand, !polarity, frame, sub, depth);
  // `const ok = ALLOWED.has(x); if (!ok) return`: the stored check narrows as if written inline.
  if (tsx.isIdentifier(e) && !sub && depth < MAX_HELPER_DEPTH) {
    const init = storedCheck(e);
    return init ? narrowings(it, init, polarity, frame, undefined, depth + 1) : [];
  }
  if (tsx.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === SK.AmpersandAmpersandToken && polarity) return [...narrowings(it, e.left, true, frame, sub, depth), ...narrowings(it, e.right, true, frame, sub, depth)];
    if (op === SK.BarBarToken && !polarity) return [...narrowings(it, e.left, false, frame, sub, depth), ...narrowings(it, e.right, false, frame, sub, depth)];
    // `!p.startsWith(root) && p !== root` failed (or `a || b` passed): one of the two holds, so only
    // what both sides narrow is narrowed (for the families both make it safe for).
    if ((op === SK.AmpersandAmpersandToken && !polarity) || (op === SK.BarBarToken && polarity)) {
      return either(it, narrowings(it, e.left, polarity, frame, sub, depth), narrowings(it, e.right, polarity, frame, sub, depth), frame);
    }
    const eq = op === SK.EqualsEqualsEqualsToken || op === SK.EqualsEqualsToken;
    const ne = op === SK.ExclamationEqualsEqualsToken || op === SK.ExclamationEqualsToken;
    // err instanceof ValidationError: an error the code expects, whose message is for the caller.
    if (op === SK.InstanceOfKeyword && polarity) return narrow(it, e.left, ['error-detail'], frame, sub);
    // err.name === 'ValidationError', err.code === 'ConditionalCheckFailedException', err.statusCode === 404
    if ((eq && polarity) || (ne && !polarity)) {
      const l = unwrap(e.left);
      if (tsx.isPropertyAccessExpression(l) && /^(name|code|statusCode|status|\$fault)$/.test(l.name.text) && isCaught(peek(it, l.expression, frame, sub) ?? {})) return narrow(it, l.expression, ['error-detail'], frame, sub);
    }
    if ((eq && polarity) || (ne && !polarity)) {
      // typeof x === 'number'
      const l = unwrap(e.left);
      const r = unwrap(e.right);
      if (tsx.isTypeOfExpression(l) && tsx.isStringLiteral(r) && ['number', 'boolean', 'bigint'].includes(r.text)) return narrow(it, l.expression, 'all', frame, sub);
      if (isConstantish(r) && !isConstantish(l)) return narrow(it, l, 'all', frame, sub);
      if (isConstantish(l) && !isConstantish(r)) return narrow(it, r, 'all', frame, sub);
    }
    // list.indexOf(x) !== -1 / >= 0 / > -1
    if (tsx.isCallExpression(unwrap(e.left)) && polarity) {
      const c = unwrap(e.left) as ts.CallExpression;
      if (tsx.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'indexOf' && c.arguments[0]) {
        const positive = (ne && /^-1$/.test(e.right.getText())) || (op === SK.GreaterThanEqualsToken && e.right.getText() === '0') || (op === SK.GreaterThanToken && e.right.getText() === '-1');
        if (positive) return narrow(it, c.arguments[0], 'all', frame, sub);
      }
    }
    return [];
  }
  if (!polarity || !tsx.isCallExpression(e)) return [];
  const callee = unwrap(e.expression);
  const arg = e.arguments[0];
  if (!arg) return [];
  if (tsx.isPropertyAccessExpression(callee)) {
    const m = callee.name.text;
    if (m === 'includes' || m === 'has') return narrow(it, arg, 'all', frame, sub);
    if (m === 'test' && tsx.isRegularExpressionLiteral(unwrap(callee.expression)) && isStrictRegex(unwrap(callee.expression).getText())) return narrow(it, arg, 'all', frame, sub);
    if (m === 'startsWith' && e.arguments.length >= 1) {
      // resolvedPath.startsWith(base): only a normalised path is contained by this check.
      const target = callee.expression;
      const v = peek(it, target, frame, sub);
      // In a helper's summary the path is the parameter's data (deps), not yet a source's.
      const marks = [...(v?.taints ?? []), ...(v?.deps ?? [])];
      if (marks.length && marks.every((t) => t.sanitized.has('normalized-path'))) return narrow(it, target, ['path'], frame, sub);
      return [];
    }
    // ajv.validate(schema, data): the data may be any argument.
    if (VALIDATOR_NAMES.test(m)) return e.arguments.flatMap((a) => narrow(it, a, 'all', frame, sub));
    return [];
  }
  if (tsx.isIdentifier(callee) && VALIDATOR_NAMES.test(callee.text)) return e.arguments.flatMap((a) => narrow(it, a, 'all', frame, sub));
  // `if (!isInside(p)) return`: a local helper whose result is a check of its parameters.
  if (tsx.isIdentifier(callee) && depth < MAX_HELPER_DEPTH) {
    const fn = helperOf(it, callee, frame, sub);
    const result = fn && returnedCheck(fn);
    if (fn && result) return narrowings(it, result, polarity, frame, helperSubst(fn, e.arguments, sub), depth + 1);
  }
  return [];
}

/**
 * After `assertInside(p);` (a local helper that throws unless its check passes), the check passed:
 * each top-level `if (cond) throw` of the helper, before anything that could return, narrows as
 * `if (cond) throw` inline would.
 */
export function callNarrowings(it: Interp, call: ts.Expression, frame: Frame, sub?: Subst, depth = 0): Narrowing[] {
  const e = unwrap(tsx.isAwaitExpression(call) ? call.expression : call);
  if (!tsx.isCallExpression(e) || depth >= MAX_HELPER_DEPTH) return [];
  const callee = unwrap(e.expression);
  if (!tsx.isIdentifier(callee)) return [];
  const fn = helperOf(it, callee, frame, sub);
  if (!fn?.body || !tsx.isBlock(fn.body)) return [];
  const inner = helperSubst(fn, e.arguments, sub);
  const out: Narrowing[] = [];
  for (const st of fn.body.statements) {
    if (tsx.isIfStatement(st) && !st.elseStatement && alwaysThrows(st.thenStatement)) out.push(...narrowings(it, st.expression, false, frame, inner, depth + 1));
    else if (tsx.isExpressionStatement(st)) out.push(...callNarrowings(it, st.expression, frame, inner, depth + 1));
    else if (!tsx.isVariableStatement(st) || containsReturn(st)) break;
  }
  return out;
}

function alwaysThrows(st: ts.Statement): boolean {
  if (tsx.isThrowStatement(st)) return true;
  return tsx.isBlock(st) && st.statements.length > 0 && tsx.isThrowStatement(st.statements[st.statements.length - 1]) && !st.statements.some(containsReturn);
}

function containsReturn(n: ts.Node): boolean {
  if (tsx.isReturnStatement(n)) return true;
  if (tsx.isFunctionLike(n)) return false;
  return ts.forEachChild(n, containsReturn) === true;
}

type FnNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/** The local function a call names (a declaration, or a const bound to a function literal). */
function helperOf(it: Interp, callee: ts.Identifier, frame: Frame, sub: Subst | undefined): FnNode | undefined {
  if (sub?.has(callee.text)) return undefined;
  const node = it.lookup(callee.text, frame).fn?.node as ts.Node | undefined;
  if (!node || !(tsx.isFunctionDeclaration(node) || tsx.isFunctionExpression(node) || tsx.isArrowFunction(node))) return undefined;
  return node.parameters.every((p) => tsx.isIdentifier(p.name) && !p.dotDotDotToken) ? node : undefined;
}

/** The expression a helper returns, when its body is only that `return` (or an arrow's expression). */
function returnedCheck(fn: FnNode): ts.Expression | undefined {
  if (!fn.body) return undefined;
  if (!tsx.isBlock(fn.body)) return fn.body;
  const [only] = fn.body.statements;
  return fn.body.statements.length === 1 && only && tsx.isReturnStatement(only) ? only.expression : undefined;
}

/** The helper's parameters, mapped to the caller's arguments (through the caller's own mapping). */
function helperSubst(fn: FnNode, args: readonly ts.Expression[], outer: Subst | undefined): Subst {
  const m: Subst = new Map();
  fn.parameters.forEach((p, i) => {
    const a = args[i] ? unwrap(args[i]) : undefined;
    const mapped = a && outer ? (tsx.isIdentifier(a) ? outer.get(a.text) : isConstantish(a) ? a : undefined) : a;
    m.set((p.name as ts.Identifier).text, mapped);
  });
  return m;
}

/** The initializer of the `const` that `id` names, declared in a block around it before it. */
function storedCheck(id: ts.Identifier): ts.Expression | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (tsx.isFunctionLike(n)) return undefined;
    if (!tsx.isBlock(n) && !tsx.isSourceFile(n) && !tsx.isCaseClause(n)) continue;
    const sts = n.statements;
    for (let k = 0; k < sts.length && sts[k].pos < id.pos; k++) {
      const st = sts[k];
      if (!tsx.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const d of st.declarationList.declarations) {
        if (!tsx.isIdentifier(d.name) || d.name.text !== id.text || !d.initializer) continue;
        // The checked names must still hold what was checked: no write to them before the `if`.
        const names = new Set<string>();
        const collect = (x: ts.Node): void => {
          if (tsx.isIdentifier(x)) names.add(x.text);
          ts.forEachChild(x, collect);
        };
        collect(d.initializer);
        const between = sts.slice(k + 1).filter((x) => x.pos < id.pos);
        return between.some((x) => writes(x, names)) ? undefined : d.initializer;
      }
    }
  }
  return undefined;
}

/** Whether `n` assigns one of `names` (`x = ...`, `x += ...`, `x++`). */
function writes(n: ts.Node, names: Set<string>): boolean {
  if (tsx.isBinaryExpression(n) && n.operatorToken.kind >= SK.FirstAssignment && n.operatorToken.kind <= SK.LastAssignment && tsx.isIdentifier(n.left) && names.has(n.left.text)) return true;
  if ((tsx.isPrefixUnaryExpression(n) || tsx.isPostfixUnaryExpression(n)) && tsx.isIdentifier(n.operand) && names.has(n.operand.text) && (n.operator === SK.PlusPlusToken || n.operator === SK.MinusMinusToken)) return true;
  return ts.forEachChild(n, (c) => writes(c, names)) === true;
}

/** `switch (x) { case 'a': ... }`: inside the clause, x is the constant. */
export function caseNarrowings(it: Interp, subject: ts.Expression, label: ts.Expression, frame: Frame): Narrowing[] {
  return isConstantish(label) && !isConstantish(subject) ? narrow(it, subject, 'all', frame) : [];
}

/** The value of an identifier or `a.b`, without side effects. */
function peek(it: Interp, e: ts.Expression, frame: Frame, sub?: Subst): AV | undefined {
  const t = mapped(e, sub);
  if (!t) return undefined;
  e = t;
  if (tsx.isIdentifier(e)) return it.lookup(e.text, frame);
  if (tsx.isPropertyAccessExpression(e) && tsx.isIdentifier(e.expression)) return it.readProp(it.lookup(e.expression.text, frame), e.name.text);
  return undefined;
}

/** What `e` of a helper stands for in the caller (undefined: a name of the helper's own). */
function mapped(e: ts.Expression, sub: Subst | undefined): ts.Expression | undefined {
  e = unwrap(e);
  if (!sub) return e;
  if (tsx.isIdentifier(e)) return sub.get(e.text);
  if (tsx.isPropertyAccessExpression(e) && tsx.isIdentifier(e.expression)) {
    const obj = sub.get(e.expression.text);
    return obj && tsx.isIdentifier(unwrap(obj)) ? ts.factory.createPropertyAccessExpression(unwrap(obj), e.name.text) : undefined;
  }
  return undefined;
}

function either(it: Interp, left: Narrowing[], right: Narrowing[], frame: Frame): Narrowing[] {
  const [l] = left;
  const [r] = right;
  if (left.length !== 1 || right.length !== 1 || !l.on || !r.on || l.on.key !== r.on.key) return [];
  const a = l.on.families;
  const b = r.on.families;
  const both = a === 'all' ? b : b === 'all' ? a : a.filter((f) => b.includes(f));
  return both === 'all' || both.length > 0 ? narrow(it, l.on.target, both, frame) : [];
}

function narrow(it: Interp, target: ts.Expression, families: Families, frame: Frame, sub?: Subst): Narrowing[] {
  const t = mapped(target, sub);
  if (!t) return [];
  const key = tsx.isIdentifier(t) ? t.text : tsx.isPropertyAccessExpression(t) && tsx.isIdentifier(t.expression) ? `${t.expression.text}.${t.name.text}` : undefined;
  return key ? narrowOf(it, t, families, frame).map((n) => Object.assign(n, { on: { target: t, families, key } })) : [];
}

function narrowOf(it: Interp, t: ts.Expression, families: Families, frame: Frame): Narrowing[] {
  if (tsx.isIdentifier(t)) {
    return [() => it.setVar(t.text, sanitize(it.materialize(it.lookup(t.text, frame)), families), frame)];
  }
  if (tsx.isPropertyAccessExpression(t) && tsx.isIdentifier(t.expression)) {
    const objName = t.expression.text;
    const prop = t.name.text;
    return [() => {
      let obj = it.lookup(objName, frame);
      // `url.origin === ALLOWED` (or host, hostname) checked: the URL goes where we allow.
      if (families === 'all' && URL_PARTS.has(prop)) obj = sanitize(it.materialize(obj), ['redirect', 'ssrf']);
      const props = new Map(obj.props ?? []);
      props.set(prop, sanitize(it.materialize(it.readProp(obj, prop)), families));
      it.setVar(objName, { ...obj, props }, frame);
    }];
  }
  return [];
}
