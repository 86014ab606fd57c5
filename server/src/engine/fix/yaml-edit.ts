// Text edits to YAML and JSON configs that keep comments and formatting: values are rendered in the
// file's own syntax (short-form tags in YAML, long-form intrinsics in JSON) and inserted at the spans
// the model holds. The document is never re-serialised.
import type { Val } from '../config/val.js';
import type { TextEdit } from '../types.js';
import { LineIndex } from '../util/lines.js';
import { jsonDocKind } from '../config/terraform/evaluate.js';
import * as hcl from './hcl-edit.js';
import * as tse from './ts-edit.js';

import { renderBlockEntry, renderInline, renderJsonEntry, yamlString, type Out } from './yaml-render.js';
export { renderBlockEntry, renderInline, renderJsonEntry, str, type Out } from './yaml-render.js';

export function isJson(val: Val): boolean {
  return val.doc.format === 'json';
}

/**
 * Values read from another format are written in that format (fix/hcl-edit.ts for Terraform). JSON
 * inside a Terraform heredoc is JSON whose references are `${...}` strings: the Out is rewritten so,
 * and written by the JSON helpers; a JSON file read by `file()` can only take literal values.
 */
function foreign(val: Val, v?: Out): 'hcl' | 'ts' | { out: Out } | { edit: TextEdit } | undefined {
  const f = val.doc.format;
  if (f === 'hcl' || f === 'ts') return f;
  if (f !== 'json' || !v || !hcl.hasIntrinsic(v)) return undefined;
  const kind = jsonDocKind(val.doc);
  if (kind === 'heredoc') {
    const out = hcl.heredocOut(val, v);
    return 'file' in out ? { edit: out } : { out };
  }
  if (kind === 'file') return { edit: hcl.unsupported(val, 'a JSON file read by file() cannot hold a reference') };
  return undefined;
}



/** Where a value sits in its line: a block sequence item, a mapping value, or inside a flow collection. */
export function valueContext(text: string, start: number): { kind: 'block-item' | 'block-value' | 'flow'; indent: string; itemIndent?: string } {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineIndent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  if (text[i] === '-' && (i === lineStart || /\s/.test(text[i - 1]))) {
    return { kind: 'block-item', indent: lineIndent, itemIndent: ' '.repeat(i - lineStart) };
  }
  // Inside an unclosed flow collection on the way back?
  let depth = 0;
  for (let j = start - 1; j >= 0 && j >= start - 20_000; j--) {
    const c = text[j];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return { kind: 'flow', indent: lineIndent };
      depth--;
    } else if (c === '\n' && depth === 0) {
      // A block line: stop at the first line whose indentation is less than ours.
      const ls = j + 1;
      const ind = /^[ \t]*/.exec(text.slice(ls))![0].length;
      if (ind < lineIndent.length && text.slice(ls + ind, ls + ind + 1) !== '#') break;
    }
  }
  return { kind: 'block-value', indent: lineIndent };
}

/** Replaces one value with another, its short-form tag included (`!Sub '...'` is replaced whole). */
export function replaceValue(val: Val, v: Out): TextEdit {
  const f = foreign(val, v);
  if (f === 'hcl') return hcl.hclReplaceValue(val, v);
  if (f === 'ts') return tse.tsReplaceValue(val, v);
  if (f && 'edit' in f) return f.edit;
  if (f) return replaceValue(val, f.out);
  const s = taggedSpan(val);
  return { file: s.file, start: s.start, end: s.end, newText: renderInline(v, isJson(val)) };
}

/** The indentation used for the entries of a block mapping (from its first entry). */
function entryIndent(map: Val): string | undefined {
  const first = map.entries()[0];
  if (!first) return undefined;
  const text = map.doc.text;
  const ls = text.lastIndexOf('\n', first.keySpan.start - 1) + 1;
  const before = text.slice(ls, first.keySpan.start);
  return /^[ \t]*$/.test(before) ? before : before.replace(/[^ \t]/g, ' ').replace(/-/g, ' ');
}

/** Inserts `key: value` into a mapping, after its last entry, in the mapping's style. */
export function insertEntry(map: Val, key: string, v: Out): TextEdit {
  const f = foreign(map, v);
  if (f === 'hcl') return hcl.hclInsertEntry(map, key, v);
  if (f === 'ts') return tse.tsInsertEntry(map, key, v);
  if (f && 'edit' in f) return f.edit;
  if (f) return insertEntry(map, key, f.out);
  const text = map.doc.text;
  const file = map.file;
  const json = isJson(map);
  const entries = map.entries().filter((e) => e.val.file === map.file);
  const last = entries[entries.length - 1];
  const flow = json || /^\s*\{/.test(text.slice(map.span.start, map.span.start + 1)) || text[map.span.start] === '{';
  if (json) {
    const indent = entryIndent(map) ?? '  ';
    if (!last) {
      const at = map.span.start + 1;
      return { file, start: at, end: at, newText: `\n${renderJsonEntry(key, v, indent + '  ')}\n${indent}` };
    }
    const at = last.val.span.end;
    return { file, start: at, end: at, newText: `,\n${renderJsonEntry(key, v, indent)}` };
  }
  if (flow) {
    const at = last ? last.val.span.end : map.span.start + 1;
    return { file, start: at, end: at, newText: `${last ? ', ' : ' '}${yamlString(key)}: ${renderInline(v, false)}${last ? '' : ' '}` };
  }
  const indent = entryIndent(map) ?? '  ';
  const lines = new LineIndex(text);
  // After the last entry's value, at the end of its last line (keeping any trailing comment there).
  const endLine = lines.positionAt(Math.max(map.span.end - 1, map.span.start)).line;
  const at = lines.lineEnd(endLine);
  return { file, start: at, end: at, newText: `${lines.eol}${renderBlockEntry(key, v, indent)}` };
}

/**
 * Sets `path` (a chain of mapping keys, creating the missing ones) to `v` under `root`. When the
 * deepest existing mapping is found, the rest is inserted there as a nested block.
 */
export function ensurePath(root: Val, path: string[], v: Out): TextEdit | undefined {
  let cur = root;
  let i = 0;
  for (; i < path.length - 1; i++) {
    const next = cur.get(path[i]);
    if (!next) break;
    if (next.kind !== 'map') return undefined; // a scalar in the way: do not guess
    cur = next;
  }
  let value = v;
  for (let j = path.length - 1; j > i; j--) value = { map: [[path[j], value]] };
  if (cur.kind !== 'map') return undefined;
  return insertEntry(cur, path[i], value);
}

/**
 * Appends an item to a list, in the list's own style: a block item (`- x`, a mapping written as a
 * block under its dash), a flow or JSON item after the last one (on its own line when the list is
 * written one item per line).
 */
export function appendItem(seq: Val, v: Out): TextEdit | undefined {
  const f = foreign(seq, v);
  if (f === 'hcl') return hcl.hclAppendItem(seq, v);
  if (f === 'ts') return tse.tsAppendItem(seq, v);
  if (f && 'edit' in f) return f.edit;
  if (f) return appendItem(seq, f.out);
  if (seq.kind !== 'seq' || seq.intrinsic()) return undefined;
  const text = seq.doc.text;
  const file = seq.file;
  const json = isJson(seq);
  const items = seq.items().filter((i) => i.file === seq.file);
  const last = items[items.length - 1];
  const flow = json || text[seq.span.start] === '[';
  if (!last) {
    if (!flow) return undefined;
    const at = seq.span.start + 1;
    return { file, start: at, end: at, newText: renderInline(v, json) };
  }
  const lines = new LineIndex(text);
  // A short-form tag (`- !Sub ...`) is not part of the node's range: start the item at the tag.
  const lastStart = json ? last.span.start : taggedSpan(last).start;
  const lastLine = lines.positionAt(lastStart).line;
  const lineStart = text.lastIndexOf('\n', lastStart - 1) + 1;
  const before = text.slice(lineStart, lastStart);
  if (flow) {
    const multiline = lines.positionAt(seq.span.start).line !== lastLine && /^[ \t]*$/.test(before);
    return { file, start: last.span.end, end: last.span.end, newText: multiline ? `,${lines.eol}${before}${renderInline(v, json)}` : `, ${renderInline(v, json)}` };
  }
  const ctx = valueContext(text, lastStart);
  if (ctx.kind !== 'block-item' || ctx.itemIndent === undefined) return undefined;
  const at = lines.lineEnd(lines.positionAt(Math.max(last.span.end - 1, last.span.start)).line);
  const dash = `${ctx.itemIndent}- `;
  let item: string;
  if ('map' in v && v.map.length > 0) {
    const inner = ' '.repeat(dash.length);
    item = v.map.map(([k, x]) => renderBlockEntry(k, x, inner)).join(lines.eol).slice(inner.length);
  } else item = renderInline(v, false);
  return { file, start: at, end: at, newText: `${lines.eol}${dash}${item}` };
}

/** Several insertions at the same offset, as one edit whose text keeps their order. */
export function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.file === e.file && o.start === e.start && o.end === e.end && e.start === e.end);
    if (same) {
      same.newText += e.newText;
      if (e.unsupported) same.unsupported = e.unsupported;
    } else out.push({ ...e });
  }
  return out;
}

/**
 * Inserts `key: value` into a mapping just before one of its entries (and before the comment lines
 * above that entry), at that entry's indentation: a new resource can sit next to the one it serves.
 */
export function insertEntryBefore(map: Val, beforeKey: string, key: string, v: Out): TextEdit | undefined {
  const f = foreign(map, v);
  if (f === 'hcl') return hcl.hclInsertEntryBefore(map, beforeKey, key, v);
  if (f === 'ts') return undefined;
  if (f && 'edit' in f) return f.edit;
  if (f) return insertEntryBefore(map, beforeKey, key, f.out);
  const target = map.entries().find((e) => e.key === beforeKey && e.val.file === map.file);
  if (!target) return undefined;
  const text = map.doc.text;
  const lines = new LineIndex(text);
  const line = lines.positionAt(target.keySpan.start).line;
  const lineStart = text.lastIndexOf('\n', target.keySpan.start - 1) + 1;
  const indent = text.slice(lineStart, target.keySpan.start);
  if (!/^[ \t]*$/.test(indent)) return undefined; // `{ A: ..., B: ... }` on one line: use insertEntry
  if (isJson(map)) {
    const at = target.keySpan.start;
    return { file: map.file, start: at, end: at, newText: `${renderJsonEntry(key, v, indent).slice(indent.length)},${lines.eol}${indent}` };
  }
  let first = line;
  while (first > 0) {
    const prev = lines.lineText(first - 1);
    if (!prev.trim().startsWith('#') || /^[ \t]*/.exec(prev)![0] !== indent) break;
    first--;
  }
  const at = lines.lineStart(first);
  return { file: map.file, start: at, end: at, newText: `${renderBlockEntry(key, v, indent)}${lines.eol}` };
}

/**
 * Replaces one list item (or a lone value that AWS reads as a list, when `inList` is false) with
 * several items, writing mappings as blocks under their dash in YAML (`- S3CrudPolicy:` then its
 * parameters below), inline in flow lists and JSON. A lone value becomes a list.
 */
export function replaceWithBlockItems(val: Val, items: Out[], inList: boolean): TextEdit {
  const f = foreign(val, { seq: items });
  if (f === 'hcl' || f === 'ts') return hcl.unsupported(val, 'SAM policy templates are not written in this format');
  if (f && 'edit' in f) return f.edit;
  if (f && 'seq' in f.out) return replaceWithBlockItems(val, f.out.seq, inList);
  const s = val.span;
  const text = val.doc.text;
  if (isJson(val)) {
    const inner = items.map((x) => renderInline(x, true)).join(', ');
    return { file: s.file, start: s.start, end: s.end, newText: inList ? inner : `[${inner}]` };
  }
  const ctx = valueContext(text, s.start);
  if (ctx.kind === 'flow') {
    const inner = items.map((x) => renderInline(x, false)).join(', ');
    return { file: s.file, start: s.start, end: s.end, newText: inList ? inner : `[${inner}]` };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = (v: Out, dash: string): string => {
    if (!('map' in v) || v.map.length === 0) return renderInline(v, false);
    const inner = ' '.repeat(dash.length);
    return v.map.map(([k, x]) => renderBlockEntry(k, x, inner)).join(eol).slice(inner.length);
  };
  if (ctx.kind === 'block-item' && ctx.itemIndent !== undefined) {
    const dash = `${ctx.itemIndent}- `;
    return { file: s.file, start: s.start, end: s.end, newText: items.map((x) => block(x, dash)).join(`${eol}${dash}`) };
  }
  // `Policies: AmazonS3FullAccess` (a lone value): a block list under the key.
  const dash = `${ctx.indent}  - `;
  let start = s.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { file: s.file, start, end: s.end, newText: items.map((x) => `${eol}${dash}${block(x, dash)}`).join('') };
}

/**
 * The span of a value including its short-form tag: the node range of `!Sub 'x'` or `!If [...]`
 * starts after the tag. The argument of a tag (an untagged view) keeps its own span.
 */
export function taggedSpan(val: Val): { file: string; start: number; end: number } {
  if (val.doc.format === 'hcl' || val.doc.format === 'ts') return val.span;
  const s = val.span;
  if (!val.tag?.startsWith('!')) return s;
  const text = val.doc.text;
  let i = s.start;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const m = /!{1,2}[^\s,[\]{}!]*$/.exec(text.slice(Math.max(0, i - 64), i));
  return m ? { file: s.file, start: i - m[0].length, end: s.end } : s;
}

/** True when the value sits directly after `key:` (a lone value AWS reads as a one-item list), not in a list. */
function isLoneValue(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ':';
}

/**
 * Replaces one item of a list, or a lone value that AWS reads as a list, with several items, in the
 * list's own style. The value's tag is replaced with it (`!Sub '...:*'`), and a lone value in JSON or
 * in a YAML flow mapping becomes a `[...]` list.
 */
export function replaceItems(val: Val, items: Out[], oneValue = false): TextEdit {
  const f = foreign(val, { seq: items });
  if (f === 'hcl') return hcl.hclReplaceItems(val, items, oneValue);
  if (f === 'ts') return tse.tsReplaceItems(val, items);
  if (f && 'edit' in f) return f.edit;
  if (f && 'seq' in f.out) return replaceItems(val, f.out.seq, oneValue);
  const s = taggedSpan(val);
  const text = val.doc.text;
  const json = isJson(val);
  // `oneValue`: the value is a branch of `Fn::If` (or any position that must stay a single node).
  const lone = oneValue || isLoneValue(text, s.start);
  if (oneValue && items.length > 1) {
    return { file: s.file, start: s.start, end: s.end, newText: `[${items.map((x) => renderInline(x, json)).join(', ')}]` };
  }
  const edit = (start: number, newText: string): TextEdit => ({ file: s.file, start, end: s.end, newText });
  const inline = items.map((x) => renderInline(x, json));
  if (json) return edit(s.start, lone && items.length > 1 ? `[${inline.join(', ')}]` : inline.join(', '));
  const ctx = valueContext(text, s.start);
  if (ctx.kind === 'block-item') return edit(s.start, inline.join(`${eolOf(text)}${ctx.itemIndent}- `));
  if (ctx.kind === 'flow' || items.length === 1) return edit(s.start, lone && items.length > 1 ? `[${inline.join(', ')}]` : inline.join(', '));
  // `Resource: '*'` (a lone block value): a block list under the key, without a blank at the end of the key's line.
  let start = s.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return edit(start, inline.map((x) => `${eolOf(text)}${ctx.indent}  - ${x}`).join(''));
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Removes one item from a list (block, flow or JSON), with its dash or its comma. */
export function removeItem(val: Val): TextEdit | undefined {
  const f = foreign(val);
  if (f === 'hcl') return hcl.hclRemoveItem(val);
  if (f === 'ts') return tse.tsRemoveItem(val);
  const s = taggedSpan(val);
  const text = val.doc.text;
  if (isLoneValue(text, s.start)) return undefined;
  const ctx = isJson(val) ? undefined : valueContext(text, s.start);
  if (ctx?.kind === 'block-item') {
    const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
    const nl = text.indexOf('\n', s.end);
    return { file: s.file, start: lineStart, end: nl < 0 ? text.length : nl + 1, newText: '' };
  }
  // Flow or JSON: take the comma after the item, else the one before it.
  let j = s.end;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === ',') {
    j++;
    while (j < text.length && /[ \t]/.test(text[j])) j++;
    return { file: s.file, start: s.start, end: j, newText: '' };
  }
  let i = s.start;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (text[i - 1] === ',') return { file: s.file, start: i - 1, end: s.end, newText: '' };
  return undefined;
}
