// Expressions, bindings and assignments for the taint interpreter.
import ts from 'typescript';
import type { Frame } from './env.js';
import { GLOBALS, MAX_NODES, propName, type Interp } from './interp.js';
import { addStep, CLEAN, dataOnly, join, lit, type AV, type Dep, type Taint } from './values.js';
import type { FlowStep } from './types.js';
import { evalCall, evalNew } from './calls.js';

export function bindPattern(it: Interp, name: ts.BindingName, v: AV, frame: Frame, declare: boolean, step?: FlowStep): void {
  if (ts.isIdentifier(name)) {
    const value = addStep(v, step);
    if (declare) it.journal.set(frame, name.text, value);
    else setVar(it, name.text, value, frame);
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    const used: string[] = [];
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        // `...rest`: everything else, still a view into the same object.
        bindPattern(it, el.name, { ...v, props: v.props ? new Map([...v.props].filter(([k]) => !used.includes(k))) : undefined }, frame, declare);
        continue;
      }
      const key = el.propertyName ? propName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (key === undefined) continue;
      used.push(key);
      let pv = it.readProp(v, key, el);
      if (el.initializer) pv = join(pv, evalExpr(it, el.initializer, frame));
      bindPattern(it, el.name, pv, frame, declare, ts.isIdentifier(el.name) ? it.step(el.name, `destructured into ${el.name.text}`) : undefined);
    }
    return;
  }
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    let ev = el.dotDotDotToken ? v : it.readIndex(v, el);
    if (el.initializer) ev = join(ev, evalExpr(it, el.initializer, frame));
    bindPattern(it, el.name, ev, frame, declare);
  }
}

export function setVar(it: Interp, name: string, v: AV, frame: Frame): void {
  const target = frame.find(name) ?? frame.functionFrame();
  it.journal.set(target, name, v);
}

export function lookup(it: Interp, name: string, frame: Frame): AV {
  const f = frame.find(name);
  if (f) return f.vars.get(name)!;
  if (name === 'undefined' || name === 'NaN' || name === 'Infinity') return CLEAN;
  if (GLOBALS.has(name)) return { global: name };
  return CLEAN;
}

/** `target = v` for identifiers, property writes and destructuring assignments. */
export function assign(it: Interp, target: ts.Node, v: AV, frame: Frame): void {
  if (ts.isParenthesizedExpression(target)) return assign(it, target.expression, v, frame);
  if (ts.isIdentifier(target)) {
    setVar(it, target.text, addStep(v, it.step(target, `assigned to ${target.text}`)), frame);
    return;
  }
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
    const key = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isStringLiteral(target.argumentExpression) ? target.argumentExpression.text : undefined;
    const objNode = target.expression;
    const obj = evalExpr(it, objNode, frame);
    if (key === undefined) {
      // obj[k] = v: an unknown key; the object now holds the data.
      if (!Object.isFrozen(obj)) obj.elem = join(obj.elem, v);
      return;
    }
    if (!Object.isFrozen(obj) && obj.props) {
      obj.props.set(key, v);
      return;
    }
    if (ts.isIdentifier(objNode)) {
      const props = new Map(obj.props ?? []);
      props.set(key, v);
      setVar(it, objNode.text, { ...obj, props }, frame);
    } else if (objNode.kind === ts.SyntaxKind.ThisKeyword) {
      const self = lookup(it, 'this', frame);
      if (!Object.isFrozen(self)) (self.props ??= new Map()).set(key, v);
    }
    return;
  }
  if (ts.isObjectLiteralExpression(target)) {
    for (const p of target.properties) {
      if (ts.isShorthandPropertyAssignment(p)) assign(it, p.name, it.readProp(v, p.name.text), frame);
      else if (ts.isPropertyAssignment(p)) {
        const k = propName(p.name);
        if (k !== undefined) assign(it, p.initializer, it.readProp(v, k), frame);
      }
    }
    return;
  }
  if (ts.isArrayLiteralExpression(target)) {
    for (const el of target.elements) assign(it, ts.isSpreadElement(el) ? el.expression : el, it.readIndex(v), frame);
  }
}

// ---- expressions ----

export function evalExpr(it: Interp, e: ts.Expression, frame: Frame): AV {
  if (++it.nodes > MAX_NODES) return CLEAN;
  switch (e.kind) {
    case ts.SyntaxKind.Identifier:
      return lookup(it, (e as ts.Identifier).text, frame);
    case ts.SyntaxKind.ThisKeyword:
      return lookup(it, 'this', frame);
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return lit((e as ts.StringLiteral).text);
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.BigIntLiteral:
      return CLEAN;
    case ts.SyntaxKind.TemplateExpression: {
      const t = e as ts.TemplateExpression;
      const parts: { v: AV; node: ts.Node }[] = [{ v: lit(t.head.text), node: t.head }];
      for (const span of t.templateSpans) {
        parts.push({ v: evalExpr(it, span.expression, frame), node: span.expression });
        parts.push({ v: lit(span.literal.text), node: span.literal });
      }
      return concat(it, parts);
    }
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.AwaitExpression:
      return evalExpr(it, (e as ts.ParenthesizedExpression).expression, frame);
    case ts.SyntaxKind.PropertyAccessExpression: {
      const p = e as ts.PropertyAccessExpression;
      return it.readProp(evalExpr(it, p.expression, frame), p.name.text, p);
    }
    case ts.SyntaxKind.ElementAccessExpression: {
      const p = e as ts.ElementAccessExpression;
      const obj = evalExpr(it, p.expression, frame);
      const arg = p.argumentExpression;
      if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return it.readProp(obj, arg.text, p);
      if (ts.isNumericLiteral(arg)) return obj.elem ?? it.readIndex(obj, p);
      evalExpr(it, arg, frame);
      return it.readIndex(obj, p);
    }
    case ts.SyntaxKind.CallExpression:
      return evalCall(it, e as ts.CallExpression, frame);
    case ts.SyntaxKind.NewExpression:
      return evalNew(it, e as ts.NewExpression, frame);
    case ts.SyntaxKind.TaggedTemplateExpression: {
      const t = e as ts.TaggedTemplateExpression;
      const tag = evalExpr(it, t.tag, frame);
      // Tagged templates (sql``, Prisma $queryRaw``) pass values separately; String.raw concatenates.
      if (tag.global === 'String.raw' && ts.isTemplateExpression(t.template)) return evalExpr(it, t.template, frame);
      if (ts.isTemplateExpression(t.template)) for (const s of t.template.templateSpans) evalExpr(it, s.expression, frame);
      return CLEAN;
    }
    case ts.SyntaxKind.BinaryExpression:
      return evalBinary(it, e as ts.BinaryExpression, frame);
    case ts.SyntaxKind.ConditionalExpression: {
      const c = e as ts.ConditionalExpression;
      evalExpr(it, c.condition, frame);
      return join(evalExpr(it, c.whenTrue, frame), evalExpr(it, c.whenFalse, frame));
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
      ts.forEachChild(e, (c) => void (ts.isExpression(c) && evalExpr(it, c, frame)));
      return CLEAN;
    case ts.SyntaxKind.ObjectLiteralExpression:
      return evalObject(it, e as ts.ObjectLiteralExpression, frame);
    case ts.SyntaxKind.ArrayLiteralExpression: {
      let elem: AV | undefined;
      for (const el of (e as ts.ArrayLiteralExpression).elements) {
        const v = ts.isSpreadElement(el) ? it.readIndex(evalExpr(it, el.expression, frame)) : evalExpr(it, el, frame);
        elem = join(elem, v);
      }
      return { elem: elem ?? CLEAN, props: new Map() };
    }
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      return { fn: { node: e as ts.FunctionLikeDeclaration, closure: frame, file: it.file.file, self: e.kind === ts.SyntaxKind.ArrowFunction ? frame.find('this')?.vars.get('this') : undefined } };
    case ts.SyntaxKind.ClassExpression:
      return { cls: e as ts.ClassExpression };
    case ts.SyntaxKind.SpreadElement:
      return evalExpr(it, (e as ts.SpreadElement).expression, frame);
    default:
      return CLEAN;
  }
}

export function evalBinary(it: Interp, b: ts.BinaryExpression, frame: Frame): AV {
  const op = b.operatorToken.kind;
  switch (op) {
    case ts.SyntaxKind.EqualsToken: {
      const v = evalExpr(it, b.right, frame);
      assign(it, b.left, v, frame);
      return v;
    }
    case ts.SyntaxKind.PlusEqualsToken: {
      const v = concat(it, [{ v: evalExpr(it, b.left, frame), node: b.left }, { v: evalExpr(it, b.right, frame), node: b.right }]);
      assign(it, b.left, v, frame);
      return v;
    }
    case ts.SyntaxKind.BarBarEqualsToken:
    case ts.SyntaxKind.QuestionQuestionEqualsToken: {
      const v = join(evalExpr(it, b.left, frame), evalExpr(it, b.right, frame));
      assign(it, b.left, v, frame);
      return v;
    }
    case ts.SyntaxKind.PlusToken:
      return concat(it, [{ v: evalExpr(it, b.left, frame), node: b.left }, { v: evalExpr(it, b.right, frame), node: b.right }]);
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
      return join(evalExpr(it, b.left, frame), evalExpr(it, b.right, frame));
    case ts.SyntaxKind.AmpersandAmpersandToken:
      evalExpr(it, b.left, frame);
      return evalExpr(it, b.right, frame);
    case ts.SyntaxKind.CommaToken:
      evalExpr(it, b.left, frame);
      return evalExpr(it, b.right, frame);
    default:
      // Comparisons and arithmetic produce booleans and numbers: no payload.
      evalExpr(it, b.left, frame);
      evalExpr(it, b.right, frame);
      return CLEAN;
  }
}

/** String building. Tracks the constant prefix, so that URL and redirect rules know where data lands. */
export function concat(it: Interp, parts: { v: AV; node: ts.Node }[]): AV {
  let taints: Taint[] = [];
  let deps: Dep[] = [];
  let prefix = '';
  let prefixKnown = true;
  let literal: string | undefined = '';
  for (const { v } of parts) {
    const m = it.materialize(v);
    const hostFixed = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(prefix);
    const relativeFixed = /^\/(?![/\\])/.test(prefix);
    const mark = <T extends { sanitized: ReadonlySet<string> }>(x: T): T => {
      const add: string[] = [];
      if (hostFixed || relativeFixed) add.push('redirect');
      if (hostFixed && x.sanitized.has('urlencoded')) add.push('ssrf');
      return add.length ? { ...x, sanitized: new Set([...x.sanitized, ...add]) as T['sanitized'] } : x;
    };
    if (m.taints) taints = [...taints, ...m.taints.map(mark)];
    if (m.deps) deps = [...deps, ...m.deps.map(mark)];
    if (literal !== undefined) literal = m.literal !== undefined ? literal + m.literal : undefined;
    if (prefixKnown) {
      if (m.literal !== undefined) prefix += m.literal;
      else {
        prefix += m.prefix ?? '';
        prefixKnown = false;
      }
    }
  }
  const out: AV = {};
  if (taints.length) out.taints = taints.slice(0, 4);
  if (deps.length) out.deps = deps.slice(0, 8);
  if (literal !== undefined) out.literal = literal;
  if (prefix) out.prefix = prefix;
  return out;
}

export function evalObject(it: Interp, o: ts.ObjectLiteralExpression, frame: Frame): AV {
  const props = new Map<string, AV>();
  let whole: AV | undefined;
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p)) {
      const k = propName(p.name);
      const v = evalExpr(it, p.initializer, frame);
      if (k !== undefined) props.set(k, v);
      else whole = join(whole, dataOnly(it.materialize(v)));
    } else if (ts.isShorthandPropertyAssignment(p)) {
      props.set(p.name.text, lookup(it, p.name.text, frame));
    } else if (ts.isSpreadAssignment(p)) {
      const v = evalExpr(it, p.expression, frame);
      if (v.props) for (const [k, pv] of v.props) props.set(k, pv);
      if (v.sym || v.taints || v.deps) whole = join(whole, v.sym ? { sym: v.sym } : dataOnly(v));
    } else if ((ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) && p.name) {
      const k = propName(p.name);
      if (k !== undefined) props.set(k, { fn: { node: p, closure: frame, file: it.file.file } });
    }
  }
  const out: AV = { props, objNode: o };
  if (whole) {
    // A spread of event data: unknown keys read through to it.
    if (whole.sym) out.sym = whole.sym;
    if (whole.taints) out.taints = whole.taints;
    if (whole.deps) out.deps = whole.deps;
  }
  return out;
}
