// Finding which logical ids a value refers to: `Ref X`, `GetAtt X.Attr`, `Sub '...${X.Arn}...'`
// (also `Sub [text, {vars}]`), in short and long form.
import type { Val } from '../config/val.js';

const SUB_VAR = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g;

/** The ids each value refers to, found once per value (rules ask again for every role and statement). */
const found = new WeakMap<Val, Set<string>>();

/** Logical ids referenced anywhere inside `val` (bounded walk). Do not change the set returned. */
export function referencedIds(val: Val | undefined, maxNodes = 5_000): Set<string> {
  if (!val) return new Set();
  const known = maxNodes === 5_000 ? found.get(val) : undefined;
  if (known) return known;
  const out = new Set<string>();
  if (maxNodes === 5_000) found.set(val, out);
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

const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

/**
 * The text of a `Fn::Sub` argument (`'...'` or `['...', {vars}]`), with the partition and URL
 * suffix filled in, literal variables of the list form and parameters with a default substituted,
 * `${!X}` unescaped, and every other `${...}` replaced by `unknown`. Undefined when the template is
 * not a literal.
 */
export function subText(arg: Val, unknown: string): string | undefined {
  const template = arg.str() ?? (arg.kind === 'seq' ? arg.items()[0]?.str() : undefined);
  if (template === undefined) return undefined;
  // `!Sub [text, {vars}]`; a string inside a JSON document written in such text reads the same variables.
  const vars = arg.kind === 'seq' ? arg.items()[1] : arg.doc.embedded?.vars;
  return template.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    if (name.startsWith('!')) return '${' + name.slice(1) + '}';
    if (PSEUDO[name] !== undefined) return PSEUDO[name];
    const v = vars?.kind === 'map' ? vars.get(name)?.str() : undefined;
    // A template parameter with a default reads as the default (model/params.ts).
    return v ?? arg.env.params?.get(name)?.text ?? unknown;
  });
}

/** A value as literal text when it can be known: a string, or a `Fn::Sub` without unknown parts. */
export function literalText(v: Val, unknown = '\u0000'): string | undefined {
  // The intrinsic first: a tagged scalar may carry serverless-resolved text that is not its value.
  const i = v.intrinsic();
  if (!i) return v.str();
  if (i?.fn === 'Fn::Sub') return subText(i.arg, unknown);
  if (i?.fn === 'Ref') {
    const t = i.arg.str();
    return t !== undefined && PSEUDO[t] !== undefined ? PSEUDO[t] : v.paramRef()?.text;
  }
  if (i?.fn === 'Fn::Join') {
    const sep = i.arg.items()[0]?.str();
    const parts = i.arg.items()[1];
    if (sep === undefined || !parts || parts.kind !== 'seq' || parts.intrinsic()) return undefined;
    return parts.items().map((p) => literalText(p, unknown) ?? unknown).join(sep);
  }
  return undefined;
}
