// Text edits to YAML and JSON configs that keep comments and formatting: values are rendered in the
// file's own syntax (short-form tags in YAML, long-form intrinsics in JSON) and inserted at the spans
// the model holds. The document is never re-serialised.
import type { Val } from '../config/val.js';
import type { TextEdit } from '../types.js';
import { LineIndex } from '../util/lines.js';

/** A value to write: a string, an intrinsic, or a collection of them. */
export type Out =
  | { str: string }
  | { raw: string } // already rendered for YAML and JSON alike (numbers, booleans)
  | { ref: string }
  | { getAtt: [string, string] }
  | { sub: string }
  | { map: [string, Out][] }
  | { seq: Out[] };

export const str = (s: string): Out => ({ str: s });

const PLAIN_SAFE = /^[A-Za-z0-9_/.][A-Za-z0-9_./:@$*-]*$/;
const YAML_RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function yamlString(s: string): string {
  if (PLAIN_SAFE.test(s) && !YAML_RESERVED.test(s) && !/^[-+]?(\d|\.\d)/.test(s) && !s.includes(': ') && !s.endsWith(':')) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

/** Renders a value inline (flow style in YAML, compact JSON). */
export function renderInline(v: Out, json: boolean): string {
  if ('str' in v) return json ? JSON.stringify(v.str) : yamlString(v.str);
  if ('raw' in v) return v.raw;
  if ('ref' in v) return json ? `{"Ref": ${JSON.stringify(v.ref)}}` : `!Ref ${v.ref}`;
  if ('getAtt' in v) return json ? `{"Fn::GetAtt": [${JSON.stringify(v.getAtt[0])}, ${JSON.stringify(v.getAtt[1])}]}` : `!GetAtt ${v.getAtt[0]}.${v.getAtt[1]}`;
  if ('sub' in v) return json ? `{"Fn::Sub": ${JSON.stringify(v.sub)}}` : `!Sub ${yamlString(v.sub)}`;
  if ('seq' in v) return `[${v.seq.map((x) => renderInline(x, json)).join(', ')}]`;
  const entries = v.map.map(([k, x]) => `${json ? JSON.stringify(k) : yamlString(k)}: ${renderInline(x, json)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** Renders `key: value` lines in YAML block style at `indent`, for inserting new entries. */
export function renderBlockEntry(key: string, v: Out, indent: string, step = '  '): string {
  if ('map' in v && v.map.length > 0) {
    return `${indent}${yamlString(key)}:\n` + v.map.map(([k, x]) => renderBlockEntry(k, x, indent + step, step)).join('\n');
  }
  if ('seq' in v && v.seq.length > 0) {
    return `${indent}${yamlString(key)}:\n` + v.seq.map((x) => `${indent}${step}- ${renderInline(x, false)}`).join('\n');
  }
  return `${indent}${yamlString(key)}: ${renderInline(v, false)}`;
}

/** Renders `"key": value` for JSON at `indent`, pretty-printed over several lines. */
export function renderJsonEntry(key: string, v: Out, indent: string, step = '  '): string {
  return `${indent}${JSON.stringify(key)}: ${renderJsonValue(v, indent, step)}`;
}

function renderJsonValue(v: Out, indent: string, step: string): string {
  if ('map' in v && v.map.length > 0) {
    return `{\n${v.map.map(([k, x]) => renderJsonEntry(k, x, indent + step, step)).join(',\n')}\n${indent}}`;
  }
  return renderInline(v, true);
}

export function isJson(val: Val): boolean {
  return val.doc.format === 'json';
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

/** Replaces one value with another. */
export function replaceValue(val: Val, v: Out): TextEdit {
  const s = val.span;
  const json = isJson(val);
  let text = renderInline(v, json);
  if (!json && 'map' in v && valueContext(val.doc.text, s.start).kind === 'block-value' && v.map.length === 1) text = renderInline(v, false);
  return { file: s.file, start: s.start, end: s.end, newText: text };
}

/**
 * Replaces one item of a list (or a lone value that AWS reads as a list) with several items, in the
 * list's own style.
 */
export function replaceWithItems(val: Val, items: Out[]): TextEdit {
  const s = val.span;
  const json = isJson(val);
  const text = val.doc.text;
  if (json) return { file: s.file, start: s.start, end: s.end, newText: items.map((x) => renderInline(x, true)).join(', ') };
  const ctx = valueContext(text, s.start);
  if (ctx.kind === 'block-item') {
    return { file: s.file, start: s.start, end: s.end, newText: items.map((x) => renderInline(x, false)).join(`\n${ctx.itemIndent}- `) };
  }
  if (ctx.kind === 'flow') return { file: s.file, start: s.start, end: s.end, newText: items.map((x) => renderInline(x, false)).join(', ') };
  // `Action: 's3:*'` (a lone value): becomes a block list under the key.
  if (items.length === 1) return { file: s.file, start: s.start, end: s.end, newText: renderInline(items[0], false) };
  const indent = ctx.indent + '  ';
  // Drop the space after the colon, so no line ends in a blank.
  let start = s.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { file: s.file, start, end: s.end, newText: '\n' + items.map((x) => `${indent}- ${renderInline(x, false)}`).join('\n') };
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
