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
export type Narrowing = () => void;

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

export function narrowings(it: Interp, cond: ts.Expression, polarity: boolean, frame: Frame): Narrowing[] {
  const e = unwrap(cond);
  if (tsx.isPrefixUnaryExpression(e) && e.operator === SK.ExclamationToken) return narrowings(it, e.operand, !polarity, frame);
  if (tsx.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === SK.AmpersandAmpersandToken && polarity) return [...narrowings(it, e.left, true, frame), ...narrowings(it, e.right, true, frame)];
    if (op === SK.BarBarToken && !polarity) return [...narrowings(it, e.left, false, frame), ...narrowings(it, e.right, false, frame)];
    const eq = op === SK.EqualsEqualsEqualsToken || op === SK.EqualsEqualsToken;
    const ne = op === SK.ExclamationEqualsEqualsToken || op === SK.ExclamationEqualsToken;
    // err instanceof ValidationError: an error the code expects, whose message is for the caller.
    if (op === SK.InstanceOfKeyword && polarity) return narrow(it, e.left, ['error-detail'], frame);
    // err.name === 'ValidationError', err.code === 'ConditionalCheckFailedException', err.statusCode === 404
    if ((eq && polarity) || (ne && !polarity)) {
      const l = unwrap(e.left);
      if (tsx.isPropertyAccessExpression(l) && /^(name|code|statusCode|status|\$fault)$/.test(l.name.text) && isCaught(peek(it, l.expression, frame) ?? {})) return narrow(it, l.expression, ['error-detail'], frame);
    }
    if ((eq && polarity) || (ne && !polarity)) {
      // typeof x === 'number'
      const l = unwrap(e.left);
      const r = unwrap(e.right);
      if (tsx.isTypeOfExpression(l) && tsx.isStringLiteral(r) && ['number', 'boolean', 'bigint'].includes(r.text)) return narrow(it, l.expression, 'all', frame);
      if (isConstantish(r) && !isConstantish(l)) return narrow(it, l, 'all', frame);
      if (isConstantish(l) && !isConstantish(r)) return narrow(it, r, 'all', frame);
    }
    // list.indexOf(x) !== -1 / >= 0 / > -1
    if (tsx.isCallExpression(unwrap(e.left)) && polarity) {
      const c = unwrap(e.left) as ts.CallExpression;
      if (tsx.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'indexOf' && c.arguments[0]) {
        const positive = (ne && /^-1$/.test(e.right.getText())) || (op === SK.GreaterThanEqualsToken && e.right.getText() === '0') || (op === SK.GreaterThanToken && e.right.getText() === '-1');
        if (positive) return narrow(it, c.arguments[0], 'all', frame);
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
    if (m === 'includes' || m === 'has') return narrow(it, arg, 'all', frame);
    if (m === 'test' && tsx.isRegularExpressionLiteral(unwrap(callee.expression)) && isStrictRegex(unwrap(callee.expression).getText())) return narrow(it, arg, 'all', frame);
    if (m === 'startsWith' && e.arguments.length >= 1) {
      // resolvedPath.startsWith(base): only a normalised path is contained by this check.
      const target = callee.expression;
      const v = peek(it, target, frame);
      if (v?.taints?.every((t) => t.sanitized.has('normalized-path')) && v.taints.length) return narrow(it, target, ['path'], frame);
      return [];
    }
    // ajv.validate(schema, data): the data may be any argument.
    if (VALIDATOR_NAMES.test(m)) return e.arguments.flatMap((a) => narrow(it, a, 'all', frame));
    return [];
  }
  if (tsx.isIdentifier(callee) && VALIDATOR_NAMES.test(callee.text)) return e.arguments.flatMap((a) => narrow(it, a, 'all', frame));
  return [];
}

/** `switch (x) { case 'a': ... }`: inside the clause, x is the constant. */
export function caseNarrowings(it: Interp, subject: ts.Expression, label: ts.Expression, frame: Frame): Narrowing[] {
  return isConstantish(label) && !isConstantish(subject) ? narrow(it, subject, 'all', frame) : [];
}

/** The value of an identifier or `a.b`, without side effects. */
function peek(it: Interp, e: ts.Expression, frame: Frame): AV | undefined {
  e = unwrap(e);
  if (tsx.isIdentifier(e)) return it.lookup(e.text, frame);
  if (tsx.isPropertyAccessExpression(e) && tsx.isIdentifier(e.expression)) return it.readProp(it.lookup(e.expression.text, frame), e.name.text);
  return undefined;
}

function narrow(it: Interp, target: ts.Expression, families: Families, frame: Frame): Narrowing[] {
  const t = unwrap(target);
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
