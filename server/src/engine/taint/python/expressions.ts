// Expressions and assignment targets of the Python walker. Calls, guards and statements are reached
// through the interpreter (the hub), never imported.
import type { PyNode } from '../../code/python-ast.js';
import { Frame, type Arm } from '../env.js';
import { MAX_DEPTH, MAX_NODES } from '../core.js';
import type { PyInterp as Interp } from './interp.js';
import { addStep, CLEAN, dataOnly, join, lit, type AV, type LazyStep } from '../values.js';
import { concat } from '../strings.js';
import { child, stringPrefix, stringText, unwrap } from './syntax.js';
import { contentText } from '../../code/python-exports.js';
import { anyElement, ext } from './ext.js';
import { RESOLVER_EVENT } from './dataclasses.js';
import { BUILTINS } from './catalogue.js';

/** Data a value holds anywhere: its own taints, its view into the event, its properties and elements. */
export function deepData(it: Interp, v: AV, depth = 0): AV {
  let out = dataOnly(it.materialize(v));
  if (depth > 3) return out;
  for (const p of v.props?.values() ?? []) out = join(out, deepData(it, p, depth + 1));
  if (v.elem) out = join(out, deepData(it, v.elem, depth + 1));
  return out;
}

export function lookup(it: Interp, name: string, frame: Frame): AV {
  const f = frame.find(name);
  if (f) {
    if (!f.parent) it.moduleState?.read(f, name);
    return f.vars.get(name)!;
  }
  if (BUILTINS.has(name)) return { global: name };
  return CLEAN;
}

/** An assignment binds in the function's scope, or in the module's for a `global` name. */
export function setVar(it: Interp, name: string, v: AV, frame: Frame): void {
  let target = frame.functionFrame();
  const fnNode = target.owner as PyNode | undefined;
  if (fnNode && it.globalNames(fnNode).has(name)) {
    let m: Frame = target;
    while (m.parent) m = m.parent;
    target = m;
  }
  it.journal.set(target, name, v);
}

/** `v.name`: a Powertools resolver's `current_event`, else the common reading (data classes refine it). */
export function readAttr(it: Interp, v: AV, name: string, node: PyNode): AV {
  const x = ext(v);
  if (x?.resolver && name === 'current_event') {
    const cls = RESOLVER_EVENT[x.resolver] ?? 'APIGatewayProxyEvent';
    return { sym: { root: 'event', path: [], span: it.spanOf(node) }, ext: { dataClass: cls } };
  }
  return it.readProp(v, name, node);
}

/** `target = v`: names, attributes, subscripts and unpacking. */
export function bindTarget(it: Interp, target: PyNode, v: AV, frame: Frame, step?: LazyStep): void {
  const t = unwrap(target);
  switch (t.type) {
    case 'identifier':
      setVar(it, t.text, addStep(v, step ?? (() => it.step(t, `assigned to ${t.text}`))), frame);
      return;
    case 'attribute':
    case 'subscript': {
      const objNode = child(t, t.type === 'attribute' ? 'object' : 'value');
      if (!objNode) return;
      const obj = evalExpr(it, objNode, frame);
      it.moduleState?.mutating(obj);
      const keyNode = t.type === 'attribute' ? child(t, 'attribute') : child(t, 'subscript');
      const key = t.type === 'attribute' ? keyNode?.text : keyNode ? (stringText(keyNode) ?? (keyNode.type === 'integer' ? keyNode.text : undefined)) : undefined;
      if (t.type === 'subscript' && keyNode && key === undefined) evalExpr(it, keyNode, frame);
      if (key === undefined) {
        // obj[k] = v: an unknown key; the object now holds the data.
        if (!Object.isFrozen(obj)) obj.elem = join(obj.elem, v);
        return;
      }
      if (!Object.isFrozen(obj) && obj.props) {
        obj.props.set(key, v);
        return;
      }
      if (objNode.type === 'identifier') {
        const props = new Map(obj.props ?? []);
        props.set(key, v);
        setVar(it, objNode.text, { ...obj, props }, frame);
      }
      return;
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list': {
      t.children.forEach((el, i) => {
        if (el.type === 'list_splat_pattern' || el.type === 'list_splat') {
          if (el.children[0]) bindTarget(it, el.children[0], { elem: it.readIndex(v), props: new Map() }, frame);
          return;
        }
        const known = v.props?.get(String(i));
        bindTarget(it, el, known ?? it.readIndex(v, el), frame);
      });
      return;
    }
    case 'list_splat_pattern':
      if (t.children[0]) bindTarget(it, t.children[0], { elem: it.readIndex(v), props: new Map() }, frame);
      return;
    default:
      return;
  }
}

// ---- expressions ----

type ExprEval = (it: Interp, e: PyNode, frame: Frame) => AV;
const EXPR = new Map<string, ExprEval>();
function on(types: string[], f: ExprEval): void {
  for (const t of types) EXPR.set(t, f);
}

export function evalExpr(it: Interp, e: PyNode, frame: Frame): AV {
  if (++it.nodes > MAX_NODES) return CLEAN;
  const f = EXPR.get(e.type) ?? (RECOVER.has(e.type) ? recover : undefined);
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

/** What the parser could not fit in the grammar: its parts still run (a sink in them is still a sink). */
const RECOVER = new Set(['ERROR', 'as_pattern', 'keyword_argument', 'pair', 'slice', 'type', 'interpolation']);
const recover: ExprEval = (it, e, frame) => {
  for (const c of e.children) evalExpr(it, c, frame);
  return CLEAN;
};

on(['identifier'], (it, e, frame) => lookup(it, e.text, frame));
on(['string'], (it, e, frame) => evalString(it, e, frame));
on(['concatenated_string'], (it, e, frame) => concat(it, e.children.map((c) => evalString(it, c, frame))));
on(['parenthesized_expression', 'await'], (it, e, frame) => (e.children[0] ? evalExpr(it, e.children[0], frame) : CLEAN));
on(['attribute'], (it, e, frame) => {
  const obj = child(e, 'object');
  const name = child(e, 'attribute')?.text;
  if (!obj || !name) return CLEAN;
  return readAttr(it, evalExpr(it, obj, frame), name, e);
});
on(['subscript'], (it, e, frame) => {
  const valueNode = child(e, 'value');
  if (!valueNode) return CLEAN;
  const obj = evalExpr(it, valueNode, frame);
  const subs = e.children.filter((c) => c.field === 'subscript');
  const sub = subs.length === 1 ? subs[0] : undefined;
  if (!sub) {
    for (const s of subs) evalExpr(it, s, frame);
    return it.readIndex(obj, e);
  }
  const key = stringText(sub);
  if (key !== undefined) return it.readProp(obj, key, e);
  if (sub.type === 'integer') return obj.props?.get(sub.text) ?? it.readIndex(obj, e);
  // A slice of a string or a list holds what the whole held.
  if (sub.type === 'slice') {
    for (const c of sub.children) evalExpr(it, c, frame);
    return obj;
  }
  evalExpr(it, sub, frame);
  return anyElement(obj, it.readIndex(obj, e));
});
on(['call'], (it, e, frame) => it.call(e, frame));
on(['binary_operator'], (it, e, frame) => evalBinary(it, e, frame));
on(['boolean_operator'], (it, e, frame) => {
  const left = child(e, 'left');
  const right = child(e, 'right');
  if (!left || !right) return CLEAN;
  const op = e.ops?.[0];
  const l = evalExpr(it, left, frame);
  if (op === 'and') return narrowed(it, left, frame, [{ polarity: true, run: () => evalExpr(it, right, frame) }])[0];
  return join(l, narrowed(it, left, frame, [{ polarity: false, run: () => evalExpr(it, right, frame) }])[0]);
});
// Booleans, comparisons and arithmetic signs carry no payload; operands still run.
on(['not_operator', 'comparison_operator', 'unary_operator'], (it, e, frame) => {
  for (const c of e.children) evalExpr(it, c, frame);
  return CLEAN;
});
on(['conditional_expression'], (it, e, frame) => {
  // `x if x in ALLOWED else 'default'`: each arm sees what the condition proved.
  const [whenTrue, cond, whenFalse] = e.children;
  if (!whenTrue || !cond || !whenFalse) return CLEAN;
  evalExpr(it, cond, frame);
  const [a, b] = narrowed(it, cond, frame, [
    { polarity: true, run: () => evalExpr(it, whenTrue, frame) },
    { polarity: false, run: () => evalExpr(it, whenFalse, frame) },
  ]);
  return join(a, b);
});
on(['tuple', 'list', 'set', 'expression_list'], (it, e, frame) => {
  let elem: AV | undefined;
  const props = new Map<string, AV>();
  e.children.forEach((c, i) => {
    const v = c.type === 'list_splat' && c.children[0] ? it.readIndex(evalExpr(it, c.children[0], frame)) : evalExpr(it, c, frame);
    if (c.type !== 'list_splat' && e.type !== 'set') props.set(String(i), v);
    elem = join(elem, v);
  });
  return { elem: elem ?? CLEAN, props };
});
on(['dictionary'], (it, e, frame) => evalDict(it, e, frame));
on(['list_comprehension', 'set_comprehension', 'generator_expression', 'dictionary_comprehension'], (it, e, frame) => evalComprehension(it, e, frame));
on(['lambda'], (it, e, frame) => ({ fn: { node: e, closure: frame, file: it.file.file } }));
on(['named_expression'], (it, e, frame) => {
  const name = child(e, 'name');
  const value = child(e, 'value');
  if (!value) return CLEAN;
  const v = evalExpr(it, value, frame);
  if (name) bindTarget(it, name, v, frame);
  return v;
});
on(['yield'], (it, e, frame) => {
  for (const c of e.children) evalExpr(it, c, frame);
  return CLEAN;
});
on(['list_splat', 'dictionary_splat'], (it, e, frame) => (e.children[0] ? evalExpr(it, e.children[0], frame) : CLEAN));

/** A string literal: constant text, or an f-string built from its parts. */
function evalString(it: Interp, e: PyNode, frame: Frame): AV {
  if (e.type !== 'string') return evalExpr(it, e, frame);
  const plain = stringText(e);
  if (plain !== undefined) return lit(plain);
  // An f-string: literal parts and interpolated expressions, in order.
  const raw = /r/.test(stringPrefix(e));
  const parts: AV[] = [];
  for (const c of e.children) {
    if (c.type === 'string_content') parts.push(lit(contentText(c, raw)));
    else if (c.type === 'interpolation') {
      const inner = child(c, 'expression') ?? c.children[0];
      parts.push(inner ? evalExpr(it, inner, frame) : CLEAN);
    }
  }
  return concat(it, parts);
}

function evalBinary(it: Interp, e: PyNode, frame: Frame): AV {
  const op = e.ops?.[0];
  // A long `a + b + c + ...` chain nests to the left: walk it without recursion.
  if (op === '+') {
    const operands: PyNode[] = [];
    let cur: PyNode | undefined = e;
    while (cur && cur.type === 'binary_operator' && cur.ops?.[0] === '+') {
      const r = child(cur, 'right');
      if (r) operands.push(r);
      cur = child(cur, 'left');
    }
    if (cur) operands.push(cur);
    const parts: AV[] = [];
    for (let i = operands.length - 1; i >= 0; i--) parts.push(evalExpr(it, operands[i], frame));
    return concat(it, parts);
  }
  const left = child(e, 'left');
  const right = child(e, 'right');
  const l = left ? evalExpr(it, left, frame) : CLEAN;
  const r = right ? evalExpr(it, right, frame) : CLEAN;
  // `"... %s ..." % (a, b)`: formatting. The text up to the first conversion is a known prefix.
  if (op === '%' && (l.literal !== undefined || l.prefix !== undefined || l.taints || l.deps)) {
    const text = l.literal ?? l.prefix;
    const head = text !== undefined ? text.slice(0, Math.max(0, text.indexOf('%') >= 0 ? text.indexOf('%') : text.length)) : undefined;
    const out = concat(it, [head !== undefined ? lit(head) : CLEAN, dataOnly(it.materialize(l)), deepData(it, r)]);
    delete out.literal;
    return out;
  }
  // pathlib: `Path(base) / name` is a path that holds the name.
  if (op === '/' && l.module === 'pathlib') return { module: l.module, modulePath: l.modulePath, ...dataOnlyJoin(it, l, r) };
  // `a | b` of dicts merges them.
  if (op === '|' && (l.props || r.props)) return join(l, r);
  return CLEAN;
}

function dataOnlyJoin(it: Interp, a: AV, b: AV): AV {
  return join(dataOnly(it.materialize(a)), deepData(it, b));
}

function evalDict(it: Interp, e: PyNode, frame: Frame): AV {
  const props = new Map<string, AV>();
  let whole: AV | undefined;
  for (const p of e.children) {
    if (p.type === 'pair') {
      const k = child(p, 'key');
      const vNode = child(p, 'value');
      const v = vNode ? evalExpr(it, vNode, frame) : CLEAN;
      const key = k ? stringText(k) ?? (k.type === 'integer' ? k.text : undefined) : undefined;
      if (key !== undefined) props.set(key, v);
      else {
        const kv = k ? evalExpr(it, k, frame) : CLEAN;
        whole = join(whole, join(dataOnly(it.materialize(kv)), dataOnly(it.materialize(v))));
      }
    } else if (p.type === 'dictionary_splat') {
      const v = p.children[0] ? evalExpr(it, p.children[0], frame) : CLEAN;
      if (v.props) for (const [k, pv] of v.props) props.set(k, pv);
      if (v.sym || v.taints || v.deps) whole = join(whole, v.sym ? { sym: v.sym } : dataOnly(v));
    }
  }
  const out: AV = { props, objNode: e };
  if (whole) {
    // A spread of event data: unknown keys read through to it.
    if (whole.sym) out.sym = whole.sym;
    if (whole.taints) out.taints = whole.taints;
    if (whole.deps) out.deps = whole.deps;
  }
  return out;
}

/** `[body for x in xs if cond]`: the targets bound in a scope of their own, conditions narrowing the body. */
function evalComprehension(it: Interp, e: PyNode, frame: Frame): AV {
  const inner = new Frame(frame, true, e);
  const clauses = e.children.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  const body = child(e, 'body');
  it.journal.begin();
  for (const c of clauses) {
    if (c.type === 'for_in_clause') {
      const right = child(c, 'right');
      const left = child(c, 'left');
      const coll = right ? evalExpr(it, right, inner) : CLEAN;
      if (left) bindTarget(it, left, it.readIndex(coll, right), inner, () => it.step(left, 'each item'));
    } else {
      const cond = c.children[0];
      if (cond) {
        evalExpr(it, cond, inner);
        for (const n of it.narrowings(cond, true, inner)) n();
      }
    }
  }
  let out: AV = CLEAN;
  if (body?.type === 'pair') {
    const k = child(body, 'key');
    const v = child(body, 'value');
    const kv = k ? evalExpr(it, k, inner) : CLEAN;
    const vv = v ? evalExpr(it, v, inner) : CLEAN;
    out = { ...join(dataOnly(it.materialize(kv)), dataOnly(it.materialize(vv))), elem: vv };
  } else if (body) out = { elem: evalExpr(it, body, inner), props: new Map() };
  it.journal.rollback();
  return out;
}

/**
 * Evaluates alternatives, each after the narrowings its polarity of `cond` proves (allow-list
 * checks), and keeps their other writes as in a branch. Cheap when the condition proves nothing.
 */
export function narrowed(it: Interp, cond: PyNode, frame: Frame, arms: { polarity: boolean; run: () => AV }[]): AV[] {
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
  // One arm alone may not run (`a and b`): the state before it stays possible.
  it.journal.merge(writes, writes.map(() => false), arms.length === 1);
  return out;
}
