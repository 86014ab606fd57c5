// Finding which logical ids a value refers to: `Ref X`, `GetAtt X.Attr`, `Sub '...${X.Arn}...'`
// (also `Sub [text, {vars}]`), in short and long form.
import type { Val } from '../config/val.js';

const SUB_VAR = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g;

/** Logical ids referenced anywhere inside `val` (bounded walk). */
export function referencedIds(val: Val | undefined, maxNodes = 5_000): Set<string> {
  const out = new Set<string>();
  if (!val) return out;
  val.walk((v) => {
    const i = v.intrinsic();
    if (!i) return;
    if (i.fn === 'Ref' || i.fn === 'Fn::GetAtt') {
      const t = v.refTarget();
      if (t) out.add(t.id);
      return false;
    }
    if (i.fn === 'Fn::Sub') {
      const text = i.arg.str() ?? i.arg.items()[0]?.str();
      if (text) for (const m of text.matchAll(SUB_VAR)) if (!m[1].startsWith('AWS')) out.add(m[1]);
    }
    return undefined;
  }, maxNodes);
  return out;
}

/** A readable rendering of a value for messages: the literal, or the intrinsic as written. */
export function describeVal(v: Val): string {
  const s = v.str();
  if (s !== undefined) return s;
  const t = v.refTarget();
  if (t) return t.attr ? `${t.id}.${t.attr}` : t.id;
  const src = v.source.replace(/\s+/g, ' ').trim();
  return src.length > 60 ? src.slice(0, 57) + '...' : src;
}
