// Checks that narrow a value in the branch where they passed: membership in an allow-list
// (`x in ALLOWED`, `x not in {"a", "b"}` then return), equality with a constant, `isinstance(x, int)`,
// `x.isdigit()`/`isalnum()`, an anchored pattern (`re.fullmatch(r"[a-z0-9]+", x)`, a compiled
// `PATTERN.fullmatch(x)`), validator functions by name, and `real.startswith(base)` for a
// normalised path (`os.path.realpath`, `Path.resolve()`). With `if not check: return`, the code
// after the `if` is the branch where the check passed.
import type { PyNode } from '../../code/python-ast.js';
import type { Frame } from '../env.js';
import type { PyInterp as Interp } from './interp.js';
import { hasData, sanitize, type AV } from '../values.js';
import type { SinkFamily } from '../types.js';
import { callArgs, child, isConstantName, isLiteral, literalText, unwrap } from './syntax.js';
import { dottedName, parameterNames } from '../../code/python-exports.js';
import { ext } from './ext.js';
import { isCaught } from '../errors.js';

type Families = readonly SinkFamily[] | 'all';
/** A narrowing, and what it narrows (for checks joined with `or`, where only what both sides narrow holds). */
export type Narrowing = (() => void) & { on?: { target: PyNode; families: Families; key: string } };

const SAFE_STR_CHECKS = new Set(['isdigit', 'isnumeric', 'isdecimal', 'isalnum', 'isalpha', 'isidentifier', 'isascii_alnum']);
const NUMERIC_TYPES = /^(?:int|float|bool|complex|Decimal|UUID|(?:uuid|decimal)\.(?:UUID|Decimal)|datetime|date)$/;
const VALIDATOR = /^(?:is_(?:valid(?:_\w+)?|uuid|int|integer|numeric|alphanumeric|alpha|hex|safe(?:_\w+)?|allowed(?:_\w+)?)|validate_\w+|valid_\w+)$/;

/** A pattern that is anchored (at the end; `match` and `fullmatch` anchor the start) and has no wildcard. */
function strictPattern(p: string, anchoredStart: boolean, anchoredEnd: boolean): boolean {
  let body = p;
  if (body.startsWith('^')) {
    anchoredStart = true;
    body = body.slice(1);
  }
  if (body.endsWith('$') || body.endsWith('\\Z') || body.endsWith('\\z')) anchoredEnd = true;
  return anchoredStart && anchoredEnd && !/(^|[^\\])\.|\\S|\\W|\\D|\[\^/.test(body);
}

/** A value the code itself defines (a literal collection, a module constant, a value with no data). */
function trusted(it: Interp, e: PyNode, frame: Frame, sub?: Subst): boolean {
  e = unwrap(e);
  if (sub && e.type === 'identifier' && sub.has(e.text)) {
    const m = sub.get(e.text);
    return !!m && trusted(it, m, frame);
  }
  if (isLiteral(e)) return true;
  if (['list', 'tuple', 'set', 'dictionary'].includes(e.type)) return e.children.every((c) => isLiteral(c) || isConstantName(c) || (c.type === 'pair' && !!child(c, 'key') && isLiteral(child(c, 'key')!)));
  if (e.type === 'identifier' || e.type === 'attribute') {
    const v = peek(it, e, frame);
    return !!v && !hasData(it.materialize(v)) && !v.sym;
  }
  if (e.type === 'call') {
    // ALLOWED.keys(), set(ALLOWED), frozenset(...)
    const f = child(e, 'function');
    if (f?.type === 'attribute' && ['keys', 'values'].includes(child(f, 'attribute')?.text ?? '')) return trusted(it, child(f, 'object')!, frame);
    if (f?.type === 'identifier' && ['set', 'frozenset', 'list', 'tuple'].includes(f.text)) return callArgs(e).positional.every((a) => trusted(it, a, frame));
  }
  return false;
}

/** The value of a name or `a.b`, without side effects. */
function peek(it: Interp, e: PyNode, frame: Frame, sub?: Subst): AV | undefined {
  const t = mapped(e, sub);
  if (!t) return undefined;
  e = t;
  if (e.type === 'identifier') return it.lookup(e.text, frame);
  if (e.type === 'attribute') {
    const obj = child(e, 'object');
    const name = child(e, 'attribute')?.text;
    if (obj?.type === 'identifier' && name) return it.readProp(it.lookup(obj.text, frame), name);
  }
  return undefined;
}

export function narrowings(it: Interp, cond: PyNode, polarity: boolean, frame: Frame, sub?: Subst, depth = 0): Narrowing[] {
  const e = unwrap(cond);
  // `ok = name in ALLOWED` then `if not ok: return`: the stored check narrows as if written inline.
  if (e.type === 'identifier' && !sub && depth < MAX_HELPER_DEPTH) {
    const init = storedCheck(e);
    return init ? narrowings(it, init, polarity, frame, undefined, depth + 1) : [];
  }
  if (e.type === 'not_operator') {
    const arg = child(e, 'argument') ?? e.children[0];
    return arg ? narrowings(it, arg, !polarity, frame, sub, depth) : [];
  }
  if (e.type === 'boolean_operator') {
    const op = e.ops?.[0];
    const l = child(e, 'left');
    const r = child(e, 'right');
    if (!l || !r) return [];
    if ((op === 'and' && polarity) || (op === 'or' && !polarity)) return [...narrowings(it, l, polarity, frame, sub, depth), ...narrowings(it, r, polarity, frame, sub, depth)];
    // `not p.startswith(root) and p != root` failed (or `a or b` passed): one of the two holds.
    return either(it, narrowings(it, l, polarity, frame, sub, depth), narrowings(it, r, polarity, frame, sub, depth), frame);
  }
  if (e.type === 'comparison_operator' && e.children.length === 2 && e.ops?.length === 1) {
    const [l, r] = e.children;
    const op = e.ops[0];
    if ((op === 'in' && polarity) || (op === 'not in' && !polarity)) return trusted(it, r, frame, sub) && !isLiteral(l) ? narrow(it, l, 'all', frame, sub) : [];
    if ((op === '==' && polarity) || (op === '!=' && !polarity)) {
      if ((isLiteral(r) || isConstantName(r)) && !isLiteral(l)) return narrow(it, l, 'all', frame, sub);
      if ((isLiteral(l) || isConstantName(l)) && !isLiteral(r)) return narrow(it, r, 'all', frame, sub);
    }
    return [];
  }
  if (!polarity || e.type !== 'call') return [];
  const f = child(e, 'function');
  const args = callArgs(e);
  if (!f) return [];
  const fname = dottedName(f) ?? '';
  const method = f.type === 'attribute' ? child(f, 'attribute')?.text ?? '' : '';
  const recvNode = f.type === 'attribute' ? child(f, 'object') : undefined;
  // isinstance(x, int), isinstance(x, (int, float))
  if (fname === 'isinstance' && args.positional.length === 2) {
    const t = unwrap(args.positional[1]);
    const types = t.type === 'tuple' ? t.children : [t];
    if (types.every((x) => NUMERIC_TYPES.test(dottedName(x) ?? ''))) return narrow(it, args.positional[0], 'all', frame, sub);
    // isinstance(e, ValidationError) on a caught error: an expected one, whose message is for the caller.
    const v = peek(it, args.positional[0], frame, sub);
    return v && isCaught(v) && !types.some((x) => /^(Exception|BaseException)$/.test(dottedName(x) ?? '')) ? narrow(it, args.positional[0], ['error-detail'], frame, sub) : [];
  }
  if (SAFE_STR_CHECKS.has(method) && recvNode && args.positional.length === 0) return narrow(it, recvNode, 'all', frame, sub);
  // re.fullmatch(pattern, x) / re.match(r"^...$", x)
  if (/^(?:re|regex)\.(?:fullmatch|match)$/.test(fname) && args.positional.length >= 2) {
    const p = literalText(args.positional[0]);
    return p !== undefined && strictPattern(p, true, fname.endsWith('fullmatch')) ? narrow(it, args.positional[1], 'all', frame, sub) : [];
  }
  // PATTERN.fullmatch(x) with PATTERN = re.compile(r"...")
  if ((method === 'fullmatch' || method === 'match') && recvNode && args.positional[0]) {
    const source = ext(peek(it, recvNode, frame, sub) ?? {})?.regex;
    return source !== undefined && strictPattern(source, true, method === 'fullmatch') ? narrow(it, args.positional[0], 'all', frame, sub) : [];
  }
  // real.startswith(base) / resolved.is_relative_to(base): only a normalised path is contained by it.
  if ((method === 'startswith' || method === 'is_relative_to') && recvNode) {
    const v = peek(it, recvNode, frame, sub) ?? (sub ? undefined : it.expr(recvNode, frame));
    if (!v) return [];
    const m = it.materialize(v);
    // In a helper's summary the path is the parameter's data (deps), not yet a source's.
    const marks = [...(m.taints ?? []), ...(m.deps ?? [])];
    if (marks.length && marks.every((t) => t.sanitized.has('normalized-path'))) return narrow(it, recvNode, ['path'], frame, sub);
    return [];
  }
  // is_valid_uuid(x), validate_name(x): a validator by name.
  const last = fname.split('.').pop() ?? '';
  if (VALIDATOR.test(last)) return args.positional.flatMap((a) => narrow(it, a, 'all', frame, sub));
  // `if not is_inside(p): return`: a local helper whose result is a check of its parameters.
  if (f.type === 'identifier' && depth < MAX_HELPER_DEPTH) {
    const fn = helperOf(it, f, frame, sub);
    const result = fn && returnedCheck(fn);
    if (fn && result) return narrowings(it, result, polarity, frame, helperSubst(fn, args.positional, sub), depth + 1);
  }
  return [];
}

/**
 * Inside a helper's check, its parameters stand for the caller's arguments: `sub` maps a parameter's
 * name to the argument node (in the caller's frame). The helper's other names narrow nothing.
 */
type Subst = Map<string, PyNode | undefined>;
const MAX_HELPER_DEPTH = 3;

/**
 * After `check_inside(p)` (a local helper that raises unless its check passes), the check passed:
 * each top-level `if cond: raise` of the helper, before anything that could return, narrows as the
 * same `if` inline would.
 */
export function callNarrowings(it: Interp, call: PyNode, frame: Frame, sub?: Subst, depth = 0): Narrowing[] {
  const e = unwrap(call.type === 'await' ? call.children[0] ?? call : call);
  if (e.type !== 'call' || depth >= MAX_HELPER_DEPTH) return [];
  const f = child(e, 'function');
  if (f?.type !== 'identifier') return [];
  const fn = helperOf(it, f, frame, sub);
  const body = fn && child(fn, 'body');
  if (!fn || !body) return [];
  const inner = helperSubst(fn, callArgs(e).positional, sub);
  const out: Narrowing[] = [];
  for (const st of body.children) {
    if (st.type === 'if_statement' && !st.children.some((c) => c.field === 'alternative') && raises(child(st, 'consequence'))) {
      const cond = child(st, 'condition');
      if (cond) out.push(...narrowings(it, cond, false, frame, inner, depth + 1));
    } else if (st.type === 'expression_statement' && st.children[0]?.type === 'call') out.push(...callNarrowings(it, st.children[0], frame, inner, depth + 1));
    else if (st.type !== 'expression_statement' || hasReturn(st)) break;
  }
  return out;
}

function raises(block: PyNode | undefined): boolean {
  const last = block?.children[block.children.length - 1];
  return !!last && last.type === 'raise_statement' && !block!.children.some(hasReturn);
}

function hasReturn(n: PyNode): boolean {
  if (n.type === 'return_statement') return true;
  if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return false;
  return n.children.some(hasReturn);
}

/** The local function a call names, when its parameters are plain names. */
function helperOf(it: Interp, f: PyNode, frame: Frame, sub: Subst | undefined): PyNode | undefined {
  if (sub?.has(f.text)) return undefined;
  const node = it.lookup(f.text, frame).fn?.node as PyNode | undefined;
  if (!node || node.type !== 'function_definition') return undefined;
  return parameterNames(node).every((p) => p.kind === 'plain') ? node : undefined;
}

/** The expression a helper returns, when its body is that one `return`. */
function returnedCheck(fn: PyNode): PyNode | undefined {
  const body = child(fn, 'body');
  const stmts = body?.children.filter((c) => c.type !== 'expression_statement' || c.children[0]?.type !== 'string') ?? [];
  return stmts.length === 1 && stmts[0].type === 'return_statement' ? stmts[0].children[0] : undefined;
}

/** The helper's parameters, mapped to the caller's arguments (through the caller's own mapping). */
function helperSubst(fn: PyNode, args: PyNode[], outer: Subst | undefined): Subst {
  const m: Subst = new Map();
  parameterNames(fn).forEach((p, i) => {
    const a = args[i] ? unwrap(args[i]) : undefined;
    const mappedArg = a && outer ? (a.type === 'identifier' ? outer.get(a.text) : isLiteral(a) || isConstantName(a) ? a : undefined) : a;
    m.set(p.name, mappedArg);
  });
  return m;
}

/** What `e` of a helper stands for in the caller (undefined: a name of the helper's own). */
function mapped(e: PyNode, sub: Subst | undefined): PyNode | undefined {
  e = unwrap(e);
  if (!sub) return e;
  if (e.type === 'identifier') return sub.has(e.text) ? sub.get(e.text) : isConstantName(e) ? e : undefined;
  if (e.type === 'attribute' || e.type === 'subscript') {
    const field = e.type === 'attribute' ? 'object' : 'value';
    const obj = child(e, field);
    const to = obj?.type === 'identifier' ? sub.get(obj.text) : undefined;
    if (!to || unwrap(to).type !== 'identifier') return undefined;
    const replaced: PyNode = { ...unwrap(to), field };
    return { ...e, children: e.children.map((c) => (c === obj ? replaced : c)) };
  }
  return undefined;
}

/**
 * The writes of each name in a function (or module), nested functions, classes and lambdas left out,
 * in document order: assignments, augmented assignments, `:=`, and `for`/`with`/`as` targets. Kept
 * per scope node: an unchanged function's statement is taken over by the next version of the file,
 * so a keystroke walks only the function it is in.
 */
const writesIn = new WeakMap<PyNode, Map<string, PyNode[]>>();

function writesOf(scope: PyNode): Map<string, PyNode[]> {
  let out = writesIn.get(scope);
  if (out) return out;
  const m = new Map<string, PyNode[]>();
  const push = (name: string, n: PyNode) => {
    const list = m.get(name);
    if (!list) m.set(name, [n]);
    else if (list[list.length - 1] !== n) list.push(n);
  };
  const visit = (n: PyNode): void => {
    if (n !== scope && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) return;
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'named_expression') {
      const target = child(n, n.type === 'named_expression' ? 'name' : 'left')?.text;
      if (target) push(target, n);
    }
    if (n.type === 'for_statement' || n.type === 'with_item' || n.type === 'as_pattern') for (const c of n.children) if (c.type === 'identifier') push(c.text, n);
    for (const c of n.children) visit(c);
  };
  visit(scope);
  writesIn.set(scope, (out = m));
  return out;
}

/** The value assigned to `id` once, in the function (or module) around it, before it. */
function storedCheck(id: PyNode): PyNode | undefined {
  let scope = id.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return undefined;
  const found = writesOf(scope).get(id.text) ?? [];
  const [only] = found;
  if (found.length !== 1 || only.type !== 'assignment' || only.end > id.start) return undefined;
  const right = child(only, 'right');
  if (!right || !['comparison_operator', 'call', 'boolean_operator', 'not_operator'].includes(right.type)) return undefined;
  // The checked names must still hold what was checked: no write to them before the `if`.
  const names = new Set<string>();
  const collect = (n: PyNode): void => {
    if (n.type === 'identifier') names.add(n.text);
    n.children.forEach(collect);
  };
  collect(right);
  let rewritten = false;
  const scan = (n: PyNode): void => {
    if (rewritten || n.end < only.end || n.start > id.start) return;
    if ((n.type === 'assignment' || n.type === 'augmented_assignment') && n.start > only.end && names.has(child(n, 'left')?.text ?? '')) rewritten = true;
    n.children.forEach(scan);
  };
  scan(scope);
  return rewritten ? undefined : right;
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

function narrow(it: Interp, target: PyNode, families: Families, frame: Frame, sub?: Subst): Narrowing[] {
  const m = mapped(target, sub);
  if (!m) return [];
  const t = unwrap(m);
  const key = t.type === 'identifier' ? t.text : t.type === 'attribute' || t.type === 'subscript' ? textKey(t) : undefined;
  const ns = narrowOf(it, t, families, frame);
  return key ? ns.map((n) => Object.assign(n, { on: { target: t, families, key } })) : ns;
}

/** A key for `obj.attr` / `obj["k"]` on a name. */
function textKey(t: PyNode): string | undefined {
  const obj = child(t, t.type === 'attribute' ? 'object' : 'value');
  const k = t.type === 'attribute' ? child(t, 'attribute')?.text : child(t, 'subscript') ? literalText(child(t, 'subscript')!) : undefined;
  return obj?.type === 'identifier' && k !== undefined ? `${obj.text}.${k}` : undefined;
}

function narrowOf(it: Interp, t: PyNode, families: Families, frame: Frame): Narrowing[] {
  if (t.type === 'identifier') return [() => it.setVar(t.text, sanitize(it.materialize(it.lookup(t.text, frame)), families), frame)];
  // `body["sort"]` / `obj.attr` on a name: narrow that key of the object.
  if ((t.type === 'attribute' || t.type === 'subscript') && child(t, t.type === 'attribute' ? 'object' : 'value')?.type === 'identifier') {
    const objName = child(t, t.type === 'attribute' ? 'object' : 'value')!.text;
    const keyNode = t.type === 'attribute' ? child(t, 'attribute') : child(t, 'subscript');
    const key = t.type === 'attribute' ? keyNode?.text : keyNode ? literalText(keyNode) : undefined;
    if (key === undefined) return [];
    return [() => {
      const obj = it.lookup(objName, frame);
      const props = new Map(obj.props ?? []);
      props.set(key, sanitize(it.materialize(it.readProp(obj, key)), families));
      it.setVar(objName, { ...obj, props }, frame);
    }];
  }
  // `x.get("sort")` in a check: narrow that key of x.
  if (t.type === 'call') {
    const f = child(t, 'function');
    const obj = f?.type === 'attribute' ? child(f, 'object') : undefined;
    const key = callArgs(t).positional[0];
    const k = key ? literalText(key) : undefined;
    if (f?.type === 'attribute' && child(f, 'attribute')?.text === 'get' && obj?.type === 'identifier' && k !== undefined) {
      return [() => {
        const o = it.lookup(obj.text, frame);
        const props = new Map(o.props ?? []);
        props.set(k, sanitize(it.materialize(it.readProp(o, k)), families));
        it.setVar(obj.text, { ...o, props }, frame);
      }];
    }
  }
  return [];
}
