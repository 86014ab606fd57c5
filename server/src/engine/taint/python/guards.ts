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
import { dottedName } from '../../code/python-exports.js';
import { ext } from './ext.js';
import { isCaught } from '../errors.js';

type Families = readonly SinkFamily[] | 'all';
export type Narrowing = () => void;

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
function trusted(it: Interp, e: PyNode, frame: Frame): boolean {
  e = unwrap(e);
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
function peek(it: Interp, e: PyNode, frame: Frame): AV | undefined {
  e = unwrap(e);
  if (e.type === 'identifier') return it.lookup(e.text, frame);
  if (e.type === 'attribute') {
    const obj = child(e, 'object');
    const name = child(e, 'attribute')?.text;
    if (obj?.type === 'identifier' && name) return it.readProp(it.lookup(obj.text, frame), name);
  }
  return undefined;
}

export function narrowings(it: Interp, cond: PyNode, polarity: boolean, frame: Frame): Narrowing[] {
  const e = unwrap(cond);
  if (e.type === 'not_operator') {
    const arg = child(e, 'argument') ?? e.children[0];
    return arg ? narrowings(it, arg, !polarity, frame) : [];
  }
  if (e.type === 'boolean_operator') {
    const op = e.ops?.[0];
    const l = child(e, 'left');
    const r = child(e, 'right');
    if (!l || !r) return [];
    if ((op === 'and' && polarity) || (op === 'or' && !polarity)) return [...narrowings(it, l, polarity, frame), ...narrowings(it, r, polarity, frame)];
    return [];
  }
  if (e.type === 'comparison_operator' && e.children.length === 2 && e.ops?.length === 1) {
    const [l, r] = e.children;
    const op = e.ops[0];
    if ((op === 'in' && polarity) || (op === 'not in' && !polarity)) return trusted(it, r, frame) && !isLiteral(l) ? narrow(it, l, 'all', frame) : [];
    if ((op === '==' && polarity) || (op === '!=' && !polarity)) {
      if ((isLiteral(r) || isConstantName(r)) && !isLiteral(l)) return narrow(it, l, 'all', frame);
      if ((isLiteral(l) || isConstantName(l)) && !isLiteral(r)) return narrow(it, r, 'all', frame);
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
    if (types.every((x) => NUMERIC_TYPES.test(dottedName(x) ?? ''))) return narrow(it, args.positional[0], 'all', frame);
    // isinstance(e, ValidationError) on a caught error: an expected one, whose message is for the caller.
    const v = peek(it, args.positional[0], frame);
    return v && isCaught(v) && !types.some((x) => /^(Exception|BaseException)$/.test(dottedName(x) ?? '')) ? narrow(it, args.positional[0], ['error-detail'], frame) : [];
  }
  if (SAFE_STR_CHECKS.has(method) && recvNode && args.positional.length === 0) return narrow(it, recvNode, 'all', frame);
  // re.fullmatch(pattern, x) / re.match(r"^...$", x)
  if (/^(?:re|regex)\.(?:fullmatch|match)$/.test(fname) && args.positional.length >= 2) {
    const p = literalText(args.positional[0]);
    return p !== undefined && strictPattern(p, true, fname.endsWith('fullmatch')) ? narrow(it, args.positional[1], 'all', frame) : [];
  }
  // PATTERN.fullmatch(x) with PATTERN = re.compile(r"...")
  if ((method === 'fullmatch' || method === 'match') && recvNode && args.positional[0]) {
    const source = ext(peek(it, recvNode, frame) ?? {})?.regex;
    return source !== undefined && strictPattern(source, true, method === 'fullmatch') ? narrow(it, args.positional[0], 'all', frame) : [];
  }
  // real.startswith(base) / resolved.is_relative_to(base): only a normalised path is contained by it.
  if ((method === 'startswith' || method === 'is_relative_to') && recvNode) {
    const v = peek(it, recvNode, frame) ?? it.expr(recvNode, frame);
    const m = it.materialize(v);
    if (m.taints?.length && m.taints.every((t) => t.sanitized.has('normalized-path'))) return narrow(it, recvNode, ['path'], frame);
    return [];
  }
  // is_valid_uuid(x), validate_name(x): a validator by name.
  const last = fname.split('.').pop() ?? '';
  if (VALIDATOR.test(last)) return args.positional.flatMap((a) => narrow(it, a, 'all', frame));
  return [];
}

function narrow(it: Interp, target: PyNode, families: Families, frame: Frame): Narrowing[] {
  const t = unwrap(target);
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
