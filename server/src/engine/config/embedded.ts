// JSON documents written inside a string of a template: a policy as `!Sub '{"Statement": ...}'`,
// a JSON string in a JSON template, or `Fn::Join` of JSON text. The text is decoded with the source
// offset of every character (scalar-offsets.ts) and parsed as its own document whose spans map back
// into the string, so diagnostics land on the token inside it. Quick fixes that edit inside the
// string are re-encoded for its quoting and verified by decoding the result; those that cannot be
// written there correctly are dropped (fitFixes).
import * as YAML from 'yaml';
import type { Fix, TextEdit } from '../types.js';
import type { ParsedDocument } from './parse.js';
import { Val, type ValEnv } from './val.js';
import { findExcessiveNesting, MAX_NESTING } from './parse.js';
import { decodeScalar, encodeFor, styleOf, type ScalarStyle } from './scalar-offsets.js';

/** One literal piece of the string (the whole string, or one part of a `Fn::Join`), in source offsets. */
interface Piece {
  style: ScalarStyle;
  /** The scalar's full source range (quotes or block header included). */
  start: number;
  end: number;
  /** Where its characters went in the combined text. */
  textStart: number;
  textEnd: number;
  offsets: number[];
}

/** Where an embedded document came from: its host string, for fixes and suppressions. */
export interface EmbeddedHost {
  outer: ParsedDocument;
  /** `Fn::Sub` text: `${...}` in a string is a substitution, not a literal. */
  sub: boolean;
  /** The variables of `!Sub [text, {vars}]`. */
  vars?: Val;
  /** Offsets are exact (every character maps to its source); else spans cover the whole string and no fix is offered. */
  exact: boolean;
  pieces: Piece[];
  /** The host value, its tag included: a suppression for a finding inside a multi-line string goes above it. */
  start: number;
  end: number;
}

export type EmbeddedResult = { root: Val; host: EmbeddedHost } | { error: string; span: { file: string; start: number; end: number } };

/** Per string node (and the variable environment it was read with): documents are parsed once per version of a file. */
const cache = new WeakMap<YAML.Node, { env: ValEnv; result: EmbeddedResult | undefined }>();

/** The scalar's decoded text and offsets, checked against the parser's own value. */
function piece(doc: ParsedDocument, node: YAML.Scalar, textStart: number): Piece | undefined {
  const style = styleOf(node.type);
  const r = node.range;
  if (!style || !r || typeof node.value !== 'string') return undefined;
  const map = doc.toOriginal ?? ((n: number) => n);
  const start = map(r[0]);
  const end = map(r[1]);
  const decoded = decodeScalar(doc.text.slice(start, end), start, style);
  if (!decoded || decoded.value !== node.value) return undefined;
  return { style, start, end, textStart, textEnd: textStart + decoded.value.length, offsets: decoded.offsets };
}

/** The tagged start of a value (`!Sub '...'` starts at the tag). */
function taggedStart(v: Val): number {
  const s = v.span.start;
  if (!v.tag?.startsWith('!')) return s;
  const text = v.doc.text;
  let i = s;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const m = /!{1,2}[^\s,[\]{}!]*$/.exec(text.slice(Math.max(0, i - 64), i));
  return m ? i - m[0].length : s;
}

/** Tracks whether text appended so far ends inside a JSON string (each character is looked at once). */
class StringState {
  inside = false;
  private escaped = false;

  feed(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.escaped) this.escaped = false;
      else if (c === 92 /* \ */ && this.inside) this.escaped = true;
      else if (c === 34 /* " */) this.inside = !this.inside;
    }
  }
}

/**
 * The JSON document inside `v`, when `v` is a string (a plain literal, `Fn::Sub`, or `Fn::Join` of
 * literals and intrinsics) whose text is a JSON object or array. Undefined when it is not one; an
 * error when it looks like one and does not parse.
 */
export function embeddedJson(v: Val): EmbeddedResult | undefined {
  if (!v.node || v.kind === 'opaque') return undefined;
  const cached = cache.get(v.node);
  if (cached && cached.env === v.env) return cached.result;
  const result = readEmbedded(v);
  cache.set(v.node, { env: v.env, result });
  return result;
}

function readEmbedded(v: Val): EmbeddedResult | undefined {
  const i = v.intrinsic();
  let sub = false;
  let vars: Val | undefined;
  let parts: Val[];
  let sep: Val | undefined;
  if (!i) {
    if (v.str() === undefined || !YAML.isScalar(v.node)) return undefined;
    parts = [v];
  } else if (i.fn === 'Fn::Sub') {
    sub = true;
    const template = i.arg.kind === 'seq' ? i.arg.items()[0] : i.arg;
    vars = i.arg.kind === 'seq' ? i.arg.items()[1] : undefined;
    if (!template || !YAML.isScalar(template.node)) return undefined;
    parts = [template];
  } else if (i.fn === 'Fn::Join') {
    sub = true; // the intrinsic parts become `${...}` placeholders
    sep = i.arg.items()[0];
    const list = i.arg.items()[1];
    if (!sep || sep.str() === undefined || !list || list.kind !== 'seq' || list.intrinsic()) return undefined;
    parts = list.items();
  } else return undefined;
  const first = parts[0];
  const firstText = first && YAML.isScalar(first.node) && typeof first.node.value === 'string' ? first.node.value : '';
  if (!/^\s*[[{]/.test(firstText)) return undefined;

  const outer = v.doc;
  const text: string[] = [];
  const offsets: number[] = [];
  const pieces: Piece[] = [];
  let exact = true;
  let length = 0;
  const state = new StringState();
  const append = (s: string, at: number[] | number) => {
    for (let k = 0; k < s.length; k++) offsets.push(typeof at === 'number' ? at : at[k]);
    text.push(s);
    state.feed(s);
    length += s.length;
  };
  parts.forEach((p, n) => {
    if (n > 0 && sep) {
      const sp = YAML.isScalar(sep.node) ? piece(outer, sep.node, length) : undefined;
      if (sp) append(String(sep.str()), sp.offsets);
      else append(sep.str() ?? '', sep.span.start);
    }
    const literal = YAML.isScalar(p.node) && !p.tag?.startsWith('!') && typeof p.node.value === 'string';
    if (literal) {
      const pc = piece(outer, p.node as YAML.Scalar, length);
      if (pc) {
        pieces.push(pc);
        append(String((p.node as YAML.Scalar).value), pc.offsets);
      } else {
        exact = false;
        append(String((p.node as YAML.Scalar).value), p.span.start);
      }
      return;
    }
    // An intrinsic part of a Join: a placeholder whose value is not known here.
    const t = p.refTarget();
    const name = t ? (t.attr ? `${t.id}.${t.attr}` : t.id) : '?';
    const placeholder = state.inside ? `\${${name}}` : `"\${${name}}"`;
    append(placeholder, p.span.start);
  });
  const joined = text.join('');
  offsets.push(pieces.length > 0 ? pieces[pieces.length - 1].end : v.span.end);
  const hostStart = taggedStart(v);
  const host: EmbeddedHost = { outer, sub, vars, exact, pieces, start: hostStart, end: v.span.end };
  const deep = findExcessiveNesting(joined);
  if (deep >= 0) return { error: `nests deeper than ${MAX_NESTING} levels`, span: { file: v.file, start: hostStart, end: v.span.end } };
  let parsed: YAML.Document.Parsed;
  try {
    parsed = YAML.parseDocument(joined, { uniqueKeys: false, merge: false, prettyErrors: false, strict: false });
  } catch {
    return { error: 'could not be parsed as JSON', span: { file: v.file, start: hostStart, end: v.span.end } };
  }
  const contents = parsed.contents as YAML.Node | null;
  if (parsed.errors.length > 0 || !contents || !(YAML.isMap(contents) || YAML.isSeq(contents))) {
    return { error: `is not valid JSON (${(parsed.errors[0]?.message ?? 'no document').split('\n')[0]})`, span: { file: v.file, start: hostStart, end: v.span.end } };
  }
  const end = v.span.end;
  const toOriginal = exact ? (o: number) => offsets[Math.min(Math.max(o, 0), offsets.length - 1)] : (o: number) => (o >= joined.length ? end : hostStart);
  const doc: ParsedDocument = {
    file: outer.file, text: outer.text, lines: outer.lines, format: 'json', doc: parsed,
    aliasDerefs: 0, aliasLimitHit: false, toOriginal, embedded: host,
  };
  return { root: new Val(contents, doc, v.env), host };
}

// ---- quick fixes inside a string ----

/** The decoded index of a source offset inside a piece, when the offset is a character boundary there. */
function decodedIndex(p: Piece, offset: number): number | undefined {
  let lo = 0;
  let hi = p.offsets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = p.offsets[mid];
    if (o === offset) {
      // The first character at this offset (an escape decodes to one, a fold to one).
      let k = mid;
      while (k > 0 && p.offsets[k - 1] === offset) k--;
      return k;
    }
    if (o < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * An edit inside a host string, rewritten for the string's quoting; undefined when it cannot be
 * written there correctly (a newline in a single-quoted line, a substitution in `Fn::Sub` text, an
 * intrinsic inside JSON text, an edit across pieces), or when decoding the result gives anything
 * but the intended text.
 */
function fitEdit(e: TextEdit, host: EmbeddedHost): TextEdit | undefined {
  if (!host.exact) return undefined;
  const p = host.pieces.find((x) => e.start >= x.start && e.end <= x.end);
  if (!p) return undefined;
  const ds = decodedIndex(p, e.start);
  const de = decodedIndex(p, e.end);
  if (ds === undefined || de === undefined || de < ds) return undefined;
  // JSON whitespace: a line break and its indentation may become one space where a string cannot hold one.
  const raw = p.style === 'literal' || p.style === 'double' ? e.newText : e.newText.replace(/\r?\n[ \t]*/g, ' ');
  if (/"(?:Ref|Fn::[A-Za-z]+)"\s*:/.test(raw) || (host.sub && raw.includes('${'))) return undefined;
  const encoded = encodeFor(p.style, raw);
  if (encoded === undefined) return undefined;
  const text = host.outer.text;
  const before = text.slice(p.start, p.end);
  const after = before.slice(0, e.start - p.start) + encoded + before.slice(e.end - p.start);
  const old = decodeScalar(before, p.start, p.style);
  const now = decodeScalar(after, p.start, p.style);
  if (!old || !now || now.value !== old.value.slice(0, ds) + raw + old.value.slice(de)) return undefined;
  return { ...e, newText: encoded };
}

/** The host an edit reaches into: it overlaps the host's range without replacing all of it. */
function hostsAt(hosts: readonly EmbeddedHost[], file: string, start: number, end: number): EmbeddedHost | undefined {
  return hosts.find((h) => h.outer.file === file && start < h.end && end > h.start && !(start <= h.start && end >= h.end));
}

/** The fixes of a finding, with edits inside host strings rewritten, and those that cannot be written there dropped. */
export function fitFixes(fixes: Fix[] | undefined, hosts: readonly EmbeddedHost[]): Fix[] | undefined {
  if (!fixes || hosts.length === 0) return fixes;
  const out: Fix[] = [];
  for (const fix of fixes) {
    const edits: TextEdit[] = [];
    let ok = true;
    for (const e of fix.edits) {
      const h = hostsAt(hosts, e.file, e.start, e.end);
      if (!h) {
        edits.push(e);
        continue;
      }
      const fitted = fitEdit(e, h);
      if (!fitted) {
        ok = false;
        break;
      }
      edits.push(fitted);
    }
    if (ok) out.push({ ...fix, edits });
  }
  return out;
}

/** Where a suppression comment for a finding at `start` goes: above the host string when the finding sits inside one that spans lines. */
export function suppressionAnchor(hosts: readonly EmbeddedHost[], file: string, start: number): number | undefined {
  const h = hosts.find((x) => x.outer.file === file && start >= x.start && start < x.end);
  if (!h) return undefined;
  const lines = h.outer.lines;
  return lines.positionAt(h.start).line === lines.positionAt(start).line ? undefined : h.start;
}
