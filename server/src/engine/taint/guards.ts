// Allow-list checks that narrow a value in the branch where the check passed: `ALLOWED.includes(x)`,
// `set.has(x)`, `x === 'literal'`, an anchored `/^[a-z]+$/.test(x)`, `typeof x === 'number'`,
// validator calls, and `resolved.startsWith(base)` for a normalised path. With `if (!check) return`,
// the code after the `if` is the branch where the check passed.
import ts from 'typescript';
import type { Frame } from './env.js';
import type { Interp } from './interp.js';
import { lookup, setVar } from './expressions.js';
import { sanitize, type AV } from './values.js';
import type { SinkFamily } from './types.js';

type Families = readonly SinkFamily[] | 'all';
type Narrowing = () => void;

const VALIDATOR_NAMES = /^(is(UUID|Uuid|Int|Integer|Numeric|Alphanumeric|Alpha|Hexadecimal|MongoId|Base64|ISO8601|Port|Boolean|Decimal|Float|Email|Valid[A-Za-z]*)|validate[A-Za-z]*)$/;

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
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
  return ts.isStringLiteral(e) || ts.isNumericLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || (ts.isIdentifier(e) && /^[A-Z][A-Z0-9_]*$/.test(e.text)) || e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.UndefinedKeyword;
}

export function narrowings(it: Interp, cond: ts.Expression, polarity: boolean, frame: Frame): Narrowing[] {
  const e = unwrap(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return narrowings(it, e.operand, !polarity, frame);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken && polarity) return [...narrowings(it, e.left, true, frame), ...narrowings(it, e.right, true, frame)];
    if (op === ts.SyntaxKind.BarBarToken && !polarity) return [...narrowings(it, e.left, false, frame), ...narrowings(it, e.right, false, frame)];
    const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const ne = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if ((eq && polarity) || (ne && !polarity)) {
      // typeof x === 'number'
      const l = unwrap(e.left);
      const r = unwrap(e.right);
      if (ts.isTypeOfExpression(l) && ts.isStringLiteral(r) && ['number', 'boolean', 'bigint'].includes(r.text)) return narrow(it, l.expression, 'all', frame);
      if (isConstantish(r) && !isConstantish(l)) return narrow(it, l, 'all', frame);
      if (isConstantish(l) && !isConstantish(r)) return narrow(it, r, 'all', frame);
    }
    // list.indexOf(x) !== -1 / >= 0 / > -1
    if (ts.isCallExpression(unwrap(e.left)) && polarity) {
      const c = unwrap(e.left) as ts.CallExpression;
      if (ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'indexOf' && c.arguments[0]) {
        const positive = (ne && /^-1$/.test(e.right.getText())) || (op === ts.SyntaxKind.GreaterThanEqualsToken && e.right.getText() === '0') || (op === ts.SyntaxKind.GreaterThanToken && e.right.getText() === '-1');
        if (positive) return narrow(it, c.arguments[0], 'all', frame);
      }
    }
    return [];
  }
  if (!polarity || !ts.isCallExpression(e)) return [];
  const callee = unwrap(e.expression);
  const arg = e.arguments[0];
  if (!arg) return [];
  if (ts.isPropertyAccessExpression(callee)) {
    const m = callee.name.text;
    if (m === 'includes' || m === 'has') return narrow(it, arg, 'all', frame);
    if (m === 'test' && ts.isRegularExpressionLiteral(unwrap(callee.expression)) && isStrictRegex(unwrap(callee.expression).getText())) return narrow(it, arg, 'all', frame);
    if (m === 'startsWith' && e.arguments.length >= 1) {
      // resolvedPath.startsWith(base): only a normalised path is contained by this check.
      const target = callee.expression;
      const v = peek(it, target, frame);
      if (v?.taints?.every((t) => t.sanitized.has('normalized-path')) && v.taints.length) return narrow(it, target, ['path'], frame);
      return [];
    }
    if (VALIDATOR_NAMES.test(m)) return narrow(it, arg, 'all', frame);
    return [];
  }
  if (ts.isIdentifier(callee) && VALIDATOR_NAMES.test(callee.text)) return narrow(it, arg, 'all', frame);
  return [];
}

/** The value of an identifier or `a.b`, without side effects. */
function peek(it: Interp, e: ts.Expression, frame: Frame): AV | undefined {
  e = unwrap(e);
  if (ts.isIdentifier(e)) return lookup(it, e.text, frame);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) return it.readProp(lookup(it, e.expression.text, frame), e.name.text);
  return undefined;
}

function narrow(it: Interp, target: ts.Expression, families: Families, frame: Frame): Narrowing[] {
  const t = unwrap(target);
  if (ts.isIdentifier(t)) {
    return [() => setVar(it, t.text, sanitize(it.materialize(lookup(it, t.text, frame)), families), frame)];
  }
  if (ts.isPropertyAccessExpression(t) && ts.isIdentifier(t.expression)) {
    const objName = t.expression.text;
    const prop = t.name.text;
    return [() => {
      const obj = lookup(it, objName, frame);
      const props = new Map(obj.props ?? []);
      props.set(prop, sanitize(it.materialize(it.readProp(obj, prop)), families));
      setVar(it, objName, { ...obj, props }, frame);
    }];
  }
  return [];
}
