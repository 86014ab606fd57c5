// Function code written inside a template (SAM `InlineCode`, CloudFormation `Code.ZipFile`): the
// text of the string with the source offset of each character, so that the code rules can analyse
// it like a file and their findings land on the token inside the template. The string may be a
// literal, a `Fn::Sub` text (its `${...}` kept as written: they are substituted at deploy time) or a
// `Fn::Join` of literals and intrinsics (an intrinsic part reads as its logical id).
import * as YAML from 'yaml';
import type { Val } from './val.js';
import { decodeScalar, styleOf } from './scalar-offsets.js';

export interface InlineText {
  text: string;
  /** offsets[i]: the template offset of text[i]; offsets[text.length]: the end of the string. */
  offsets: number[];
  /** Every character maps to its source (else a character maps to the start of its part). */
  exact: boolean;
}

/** At most this many characters: Lambda's ZipFile limit is 4 KB; SAM inlines up to the package limit. */
const MAX_INLINE = 512 * 1024;

function literalPiece(v: Val): { value: string; offsets: number[] | undefined } | undefined {
  const n = v.node;
  if (!YAML.isScalar(n) || typeof n.value !== 'string' || v.tag?.startsWith('!')) return undefined;
  const style = styleOf(n.type);
  const r = n.range;
  if (!style || !r) return { value: n.value, offsets: undefined };
  const map = v.doc.toOriginal ?? ((x: number) => x);
  const start = map(r[0]);
  const end = map(r[1]);
  const decoded = decodeScalar(v.doc.text.slice(start, end), start, style);
  return { value: n.value, offsets: decoded && decoded.value === n.value ? decoded.offsets : undefined };
}

/** The code text of `v`, when it is a string the template writes out (not a parameter, not opaque). */
export function inlineText(v: Val | undefined): InlineText | undefined {
  if (!v?.node || v.kind === 'opaque') return undefined;
  const i = v.intrinsic();
  let parts: Val[];
  let sep: string | undefined;
  if (!i) parts = [v];
  else if (i.fn === 'Fn::Sub') {
    const t = i.arg.kind === 'seq' ? i.arg.items()[0] : i.arg;
    if (!t) return undefined;
    t.untagged = true;
    parts = [t];
  } else if (i.fn === 'Fn::Join') {
    sep = i.arg.items()[0]?.str();
    const list = i.arg.items()[1];
    if (sep === undefined || !list || list.kind !== 'seq' || list.intrinsic()) return undefined;
    parts = list.items();
  } else return undefined;

  let text = '';
  const offsets: number[] = [];
  let exact = true;
  const append = (s: string, at: number[] | number) => {
    for (let k = 0; k < s.length; k++) offsets.push(typeof at === 'number' ? at : at[k]);
    text += s;
  };
  for (let n = 0; n < parts.length; n++) {
    const p = parts[n];
    if (n > 0 && sep) {
      exact = false;
      append(sep, p.span.start);
    }
    const lit = literalPiece(p);
    if (lit) {
      if (!lit.offsets) exact = false;
      append(lit.value, lit.offsets ?? p.span.start);
    } else {
      // An intrinsic part of a Join (`!Ref Table`): its value is not known here; its id stands in.
      const t = p.refTarget();
      append((t ? (t.attr ? `${t.id}_${t.attr}` : t.id) : 'VALUE').replace(/[^\w]/g, '_'), p.span.start);
      exact = false;
    }
    if (text.length > MAX_INLINE) return undefined;
  }
  if (!text.trim()) return undefined;
  offsets.push(v.span.end);
  return { text, offsets, exact };
}
