// pydantic models: a model validated from event data holds, in each field, what the field's type
// lets through. A field typed `Literal[...]`, a number, a boolean, a UUID, a date, an `Enum` of the
// workspace, or a constrained number (`conint`...) cannot carry a payload; a `str` field still can.
import type { PyNode } from '../../code/python-ast.js';
import type { PyInterp as Interp } from './interp.js';
import { CLEAN, dataOnly, join, type AV } from '../values.js';
import { child } from './syntax.js';
import { ext } from './ext.js';
import type { PyCall } from './sinks.js';

const SAFE_TYPE = /^(?:int|float|bool|complex|Decimal|UUID|UUID[1-5]|datetime|date|time|timedelta|PositiveInt|NegativeInt|NonNegativeInt|NonPositiveInt|PositiveFloat|NegativeFloat|NonNegativeFloat|StrictInt|StrictBool|StrictFloat|conint|confloat|condecimal|Literal|IPvAnyAddress|IPv4Address|IPv6Address)$/;
const WRAPPERS = /^(?:Optional|Annotated|Union|List|list|Set|set|Tuple|tuple|FrozenSet|Sequence)$/;

/** Whether a field's annotation only admits values that cannot carry a payload. */
function safeAnnotation(it: Interp, t: PyNode | undefined, frame: AV | undefined, depth = 0): boolean {
  if (!t || depth > 6) return false;
  if (t.type === 'type') return safeAnnotation(it, t.children[0], frame, depth + 1);
  if (t.type === 'none') return true;
  if (t.type === 'identifier' || t.type === 'attribute') {
    const name = (t.type === 'identifier' ? t.text : child(t, 'attribute')?.text) ?? '';
    if (SAFE_TYPE.test(name)) return true;
    // An Enum of the workspace.
    const v = t.type === 'identifier' ? it.lookup(name, it.moduleFrame(it.file)) : undefined;
    return !!v?.cls && isEnum(it, v);
  }
  if (t.type === 'binary_operator') return t.children.filter((c) => c.field === 'left' || c.field === 'right').every((c) => safeAnnotation(it, c, frame, depth + 1));
  if (t.type === 'subscript' || t.type === 'generic_type') {
    const base = child(t, 'value') ?? t.children[0];
    const baseName = base?.type === 'attribute' ? child(base, 'attribute')?.text : base?.text;
    if (baseName === 'Literal') return true;
    if (baseName === 'Annotated') return safeAnnotation(it, t.children.find((c) => c !== base), frame, depth + 1);
    if (baseName && WRAPPERS.test(baseName)) return t.children.filter((c) => c !== base).every((c) => safeAnnotation(it, c, frame, depth + 1));
    return false;
  }
  if (t.type === 'call') {
    const f = child(t, 'function');
    return !!f && SAFE_TYPE.test(f.type === 'attribute' ? (child(f, 'attribute')?.text ?? '') : f.text);
  }
  if (t.type === 'type_parameter') return t.children.every((c) => safeAnnotation(it, c, frame, depth + 1));
  return false;
}

function isEnum(it: Interp, cls: AV): boolean {
  const node = cls.cls as PyNode;
  const supers = child(node, 'superclasses');
  return !!supers?.children.some((b) => /(^|\.)(Enum|IntEnum|StrEnum|Flag|IntFlag)$/.test(b.type === 'attribute' ? `x.${child(b, 'attribute')?.text}` : b.text));
}

/** The fields of a model class (and its workspace bases), with their annotations. */
function fields(it: Interp, cls: AV, depth = 0): Map<string, PyNode | undefined> {
  const out = new Map<string, PyNode | undefined>();
  const node = cls.cls as PyNode | undefined;
  if (!node || depth > 5) return out;
  for (const b of ext(cls)?.bases ?? []) {
    const bv = it.classes.get(b);
    if (bv) for (const [k, v] of fields(it, bv, depth + 1)) out.set(k, v);
  }
  for (const st of child(node, 'body')?.children ?? []) {
    const a = st.type === 'expression_statement' ? st.children[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const left = child(a, 'left');
    if (left?.type === 'identifier' && child(a, 'type')) out.set(left.text, child(a, 'type'));
  }
  return out;
}

/** A model validated from a call's data: `Model(**data)`, `Model(name=x)`, `Model.model_validate(data)`. */
export function pydanticInstance(it: Interp, cls: AV, c: PyCall, method?: string): AV {
  const fromText = method === 'model_validate_json' || method === 'parse_raw' || method === 'parse_file';
  const source: AV = method ? (c.positional[0] ?? CLEAN) : (c.splat?.value ?? CLEAN);
  const props = new Map<string, AV>();
  for (const [name, annotation] of fields(it, cls)) {
    if (safeAnnotation(it, annotation, undefined)) {
      props.set(name, CLEAN);
      continue;
    }
    const kw = method ? undefined : c.keywords.get(name)?.value;
    const fromSource = fromText ? dataOnly(it.materialize(source)) : it.readProp(source, name);
    props.set(name, join(kw, fromSource));
  }
  return { cls: cls.cls, props };
}
