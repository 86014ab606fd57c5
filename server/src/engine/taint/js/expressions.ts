// Expressions, bindings and assignments for the JS/TS walker. Calls, guards and statements are
// reached through the interpreter (the hub), never imported.
import ts from 'typescript';
import { GLOBALS, propName, SK, tsx } from './syntax.js';
import type { Arm, Frame } from '../env.js';
import { MAX_DEPTH, MAX_NODES } from '../core.js';
import type { JsInterp as Interp } from './interp.js';
import { addStep, CLEAN, dataOnly, join, lit, type AV, type LazyStep } from '../values.js';
import { concat } from '../strings.js';

export function bindPattern(it: Interp, name: ts.BindingName, v: AV, frame: Frame, declare: boolean, step?: LazyStep): void {
  if (tsx.isIdentifier(name)) {
    const value = addStep(v, step);
    if (declare) it.journal.set(frame, name.text, value);
    else setVar(it, name.text, value, frame);
    return;
  }
  if (tsx.isObjectBindingPattern(name)) {
    const used: string[] = [];
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        // `...rest`: everything else, still a view into the same object.
        bindPattern(it, el.name, { ...v, props: v.props ? new Map([...v.props].filter(([k]) => !used.includes(k))) : undefined }, frame, declare);
        continue;
      }
      const key = el.propertyName ? propName(el.propertyName) : tsx.isIdentifier(el.name) ? el.name.text : undefined;
      if (key === undefined) continue;
      used.push(key);
      let pv = it.readProp(v, key, el);
      if (el.initializer) pv = join(pv, evalExpr(it, el.initializer, frame));
      bindPattern(it, el.name, pv, frame, declare, tsx.isIdentifier(el.name) ? () => it.step(el.name, `destructured into ${(el.name as ts.Identifier).text}`) : undefined);
    }
    return;
  }
  for (const el of name.elements) {
    if (tsx.isOmittedExpression(el)) continue;
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
  if (f) {
    if (!f.parent) it.moduleState?.read(f, name);
    return f.vars.get(name)!;
  }
  if (name === 'undefined' || name === 'NaN' || name === 'Infinity') return CLEAN;
  if (GLOBALS.has(name)) return { global: name };
  return CLEAN;
}

/** `target = v` for identifiers, property writes and destructuring assignments. */
export function assign(it: Interp, target: ts.Node, v: AV, frame: Frame): void {
  if (tsx.isParenthesizedExpression(target)) return assign(it, target.expression, v, frame);
  if (tsx.isIdentifier(target)) {
    setVar(it, target.text, addStep(v, () => it.step(target, `assigned to ${target.text}`)), frame);
    return;
  }
  if (tsx.isPropertyAccessExpression(target) || tsx.isElementAccessExpression(target)) {
    const key = tsx.isPropertyAccessExpression(target) ? target.name.text : tsx.isStringLiteral(target.argumentExpression) ? target.argumentExpression.text : undefined;
    const objNode = target.expression;
    const obj = evalExpr(it, objNode, frame);
    it.moduleState?.mutating(obj);
    if (key === undefined) {
      // obj[k] = v: an unknown key; the object now holds the data.
      if (!Object.isFrozen(obj)) obj.elem = join(obj.elem, v);
      return;
    }
    if (!Object.isFrozen(obj) && obj.props) {
      obj.props.set(key, v);
      return;
    }
    if (tsx.isIdentifier(objNode)) {
      const props = new Map(obj.props ?? []);
      props.set(key, v);
      setVar(it, objNode.text, { ...obj, props }, frame);
    } else if (objNode.kind === SK.ThisKeyword) {
      const self = lookup(it, 'this', frame);
      if (!Object.isFrozen(self)) (self.props ??= new Map()).set(key, v);
    }
    return;
  }
  if (tsx.isObjectLiteralExpression(target)) {
    for (const p of target.properties) {
      if (tsx.isShorthandPropertyAssignment(p)) assign(it, p.name, it.readProp(v, p.name.text), frame);
      else if (tsx.isPropertyAssignment(p)) {
        const k = propName(p.name);
        if (k !== undefined) assign(it, p.initializer, it.readProp(v, k), frame);
      }
    }
    return;
  }
  if (tsx.isArrayLiteralExpression(target)) {
    for (const el of target.elements) assign(it, tsx.isSpreadElement(el) ? el.expression : el, it.readIndex(v), frame);
  }
}

// ---- expressions ----

type ExprEval = (it: Interp, e: ts.Expression, frame: Frame) => AV;

/** Expression evaluators by SyntaxKind: one array lookup instead of a long switch (see syntax.ts). */
const EXPR: (ExprEval | undefined)[] = [];
function on(kinds: ts.SyntaxKind[], f: ExprEval): void {
  for (const k of kinds) EXPR[k] = f;
}

export function evalExpr(it: Interp, e: ts.Expression, frame: Frame): AV {
  if (++it.nodes > MAX_NODES) return CLEAN;
  const f = EXPR[e.kind];
  if (!f) return CLEAN;
  // Generated code can nest thousands of levels deep: give up on such an expression, not the file.
  if (it.depth > MAX_DEPTH) return CLEAN;
  it.depth++;
  try {
    return f(it, e, frame);
  } finally {
    it.depth--;
  }
}

on([SK.Identifier], (it, e, frame) => lookup(it, (e as ts.Identifier).text, frame));
on([SK.ThisKeyword], (it, _e, frame) => lookup(it, 'this', frame));
on([SK.StringLiteral, SK.NoSubstitutionTemplateLiteral], (_it, e) => lit((e as ts.StringLiteral).text));
on([SK.TemplateExpression], (it, e, frame) => {
  const t = e as ts.TemplateExpression;
  const parts: AV[] = [lit(t.head.text)];
  for (const span of t.templateSpans) parts.push(evalExpr(it, span.expression, frame), lit(span.literal.text));
  return concat(it, parts);
});
on([SK.ParenthesizedExpression, SK.AsExpression, SK.TypeAssertionExpression, SK.NonNullExpression, SK.SatisfiesExpression, SK.AwaitExpression, SK.SpreadElement],
  (it, e, frame) => evalExpr(it, (e as ts.ParenthesizedExpression).expression, frame));
on([SK.PropertyAccessExpression], (it, e, frame) => {
  const p = e as ts.PropertyAccessExpression;
  return it.readProp(evalExpr(it, p.expression, frame), p.name.text, p);
});
on([SK.ElementAccessExpression], (it, e, frame) => {
  const p = e as ts.ElementAccessExpression;
  const obj = evalExpr(it, p.expression, frame);
  const arg = p.argumentExpression;
  if (tsx.isStringLiteral(arg) || tsx.isNoSubstitutionTemplateLiteral(arg)) return it.readProp(obj, arg.text, p);
  if (tsx.isNumericLiteral(arg)) return obj.elem ?? it.readIndex(obj, p);
  evalExpr(it, arg, frame);
  return it.readIndex(obj, p);
});
on([SK.CallExpression], (it, e, frame) => it.call(e as ts.CallExpression, frame));
on([SK.NewExpression], (it, e, frame) => it.construct(e as ts.NewExpression, frame));
on([SK.TaggedTemplateExpression], (it, e, frame) => {
  const t = e as ts.TaggedTemplateExpression;
  const tag = evalExpr(it, t.tag, frame);
  // Tagged templates (sql``, Prisma $queryRaw``) pass values separately; String.raw concatenates.
  if (tag.global === 'String.raw' && tsx.isTemplateExpression(t.template)) return evalExpr(it, t.template, frame);
  if (tsx.isTemplateExpression(t.template)) for (const s of t.template.templateSpans) evalExpr(it, s.expression, frame);
  return CLEAN;
});
on([SK.BinaryExpression], (it, e, frame) => evalBinary(it, e as ts.BinaryExpression, frame));
on([SK.ConditionalExpression], (it, e, frame) => {
  // `ALLOWED.includes(x) ? x : 'default'`: each arm sees what the condition proved.
  const c = e as ts.ConditionalExpression;
  evalExpr(it, c.condition, frame);
  const [a, b] = narrowed(it, c.condition, frame, [
    { polarity: true, run: () => evalExpr(it, c.whenTrue, frame) },
    { polarity: false, run: () => evalExpr(it, c.whenFalse, frame) },
  ]);
  return join(a, b);
});
// Numbers, booleans and the results of unary operators carry no payload; operands still run.
on([SK.PrefixUnaryExpression, SK.PostfixUnaryExpression, SK.TypeOfExpression, SK.VoidExpression, SK.DeleteExpression], (it, e, frame) => {
  ts.forEachChild(e, (c) => void (tsx.isExpression(c) && evalExpr(it, c, frame)));
  return CLEAN;
});
on([SK.ObjectLiteralExpression], (it, e, frame) => evalObject(it, e as ts.ObjectLiteralExpression, frame));
on([SK.ArrayLiteralExpression], (it, e, frame) => {
  let elem: AV | undefined;
  for (const el of (e as ts.ArrayLiteralExpression).elements) {
    const v = tsx.isSpreadElement(el) ? it.readIndex(evalExpr(it, el.expression, frame)) : evalExpr(it, el, frame);
    elem = join(elem, v);
  }
  return { elem: elem ?? CLEAN, props: new Map() };
});
on([SK.ArrowFunction, SK.FunctionExpression], (it, e, frame) => ({
  fn: { node: e as ts.FunctionLikeDeclaration, closure: frame, file: it.file.file, self: e.kind === SK.ArrowFunction ? frame.find('this')?.vars.get('this') : undefined },
}));
on([SK.ClassExpression], (_it, e) => ({ cls: e as ts.ClassExpression }));

export function evalBinary(it: Interp, b: ts.BinaryExpression, frame: Frame): AV {
  const op = b.operatorToken.kind;
  switch (op) {
    case SK.EqualsToken: {
      const v = evalExpr(it, b.right, frame);
      assign(it, b.left, v, frame);
      return v;
    }
    case SK.PlusEqualsToken: {
      const v = concat(it, [evalExpr(it, b.left, frame), evalExpr(it, b.right, frame)]);
      assign(it, b.left, v, frame);
      return v;
    }
    case SK.BarBarEqualsToken:
    case SK.QuestionQuestionEqualsToken: {
      const v = join(evalExpr(it, b.left, frame), evalExpr(it, b.right, frame));
      assign(it, b.left, v, frame);
      return v;
    }
    case SK.PlusToken: {
      // A long `a + b + c + ...` chain nests to the left: walk it without recursion.
      const operands: ts.Expression[] = [b.right];
      let left = b.left;
      while (tsx.isBinaryExpression(left) && left.operatorToken.kind === SK.PlusToken) {
        operands.push(left.right);
        left = left.left;
      }
      operands.push(left);
      const parts: AV[] = [];
      for (let i = operands.length - 1; i >= 0; i--) parts.push(evalExpr(it, operands[i], frame));
      return concat(it, parts);
    }
    case SK.QuestionQuestionToken:
      return join(evalExpr(it, b.left, frame), evalExpr(it, b.right, frame));
    case SK.BarBarToken: {
      const left = evalExpr(it, b.left, frame);
      return join(left, narrowed(it, b.left, frame, [{ polarity: false, run: () => evalExpr(it, b.right, frame) }])[0]);
    }
    case SK.AmpersandAmpersandToken:
      evalExpr(it, b.left, frame);
      return narrowed(it, b.left, frame, [{ polarity: true, run: () => evalExpr(it, b.right, frame) }])[0];
    case SK.CommaToken:
      evalExpr(it, b.left, frame);
      return evalExpr(it, b.right, frame);
    default:
      // Comparisons and arithmetic produce booleans and numbers: no payload.
      evalExpr(it, b.left, frame);
      evalExpr(it, b.right, frame);
      return CLEAN;
  }
}

/**
 * Evaluates alternatives, each after the narrowings its polarity of `cond` proves (allow-list
 * checks), and keeps their other writes as in a branch. Cheap when the condition proves nothing.
 */
function narrowed(it: Interp, cond: ts.Expression, frame: Frame, arms: { polarity: boolean; run: () => AV }[]): AV[] {
  const ns = arms.map((a) => it.narrowings(cond, a.polarity, frame));
  if (ns.every((n) => n.length === 0)) return arms.map((a) => a.run());
  const out: AV[] = [];
  const writes: Arm[] = [];
  arms.forEach((a, i) => {
    it.journal.begin();
    for (const n of ns[i]) n();
    out.push(a.run());
    writes.push(it.journal.rollback());
  });
  // One arm alone may not run (`a && b`): the state before it stays possible.
  it.journal.merge(writes, writes.map(() => false), arms.length === 1);
  return out;
}

export function evalObject(it: Interp, o: ts.ObjectLiteralExpression, frame: Frame): AV {
  const props = new Map<string, AV>();
  let whole: AV | undefined;
  for (const p of o.properties) {
    if (tsx.isPropertyAssignment(p)) {
      const k = propName(p.name);
      const v = evalExpr(it, p.initializer, frame);
      if (k !== undefined) props.set(k, v);
      else whole = join(whole, dataOnly(it.materialize(v)));
    } else if (tsx.isShorthandPropertyAssignment(p)) {
      props.set(p.name.text, lookup(it, p.name.text, frame));
    } else if (tsx.isSpreadAssignment(p)) {
      const v = evalExpr(it, p.expression, frame);
      if (v.props) for (const [k, pv] of v.props) props.set(k, pv);
      if (v.sym || v.taints || v.deps) whole = join(whole, v.sym ? { sym: v.sym } : dataOnly(v));
    } else if ((tsx.isMethodDeclaration(p) || tsx.isGetAccessorDeclaration(p)) && p.name) {
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
