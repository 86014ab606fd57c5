// Moving findings through an edit that did not change what the code means (code/same-meaning.ts):
// offsets before the edit stay, offsets after it move by its length. A finding is moved only when
// no line it touches (its span, its steps, its fixes' edits) holds part of the edit: what a rule
// wrote from the text around a span (a fix's indentation, a quoted expression) is then unchanged.
// Otherwise the caller analyses the file again.
import type { Finding, Fix, RelatedLocation, Span, TextEdit } from './types.js';
import { changeRange } from './code/parse.js';

export interface TextShift {
  file: string;
  /** The edited range of the old text, and its new end. */
  start: number;
  oldEnd: number;
  newEnd: number;
  /** The text before the edit (for the lines of the spans). */
  oldText: string;
  /** Line breaks added or removed by the edit: a finding whose text names a line is then not moved. */
  linesMoved: boolean;
}

/** The edit between two texts, as one range: common prefix and suffix removed. */
export function shiftBetween(file: string, oldText: string, newText: string): TextShift {
  const r = changeRange(oldText, newText);
  const start = r.span.start;
  const oldEnd = start + r.span.length;
  const newEnd = start + r.newLength;
  const breaks = (t: string, from: number, to: number) => {
    let n = 0;
    for (let i = t.indexOf('\n', from); i >= 0 && i < to; i = t.indexOf('\n', i + 1)) n++;
    return n;
  };
  return { file, start, oldEnd, newEnd, oldText, linesMoved: breaks(oldText, start, oldEnd) !== breaks(newText, start, newEnd) };
}

/** Moves the findings through the edit; undefined when one of them touches it (see above). */
export function shiftFindings(list: readonly Finding[], s: TextShift, memo: Map<Finding, Finding | null>): Finding[] | undefined {
  let changed = false;
  const out: Finding[] = [];
  for (const f of list) {
    let g = memo.get(f);
    if (g === undefined) {
      g = shiftFinding(f, s) ?? null;
      memo.set(f, g);
    }
    if (g === null) return undefined;
    if (g !== f) changed = true;
    out.push(g);
  }
  return changed ? out : (list as Finding[]);
}

/** Whether any of the findings has a span in the edited file. */
export function touchesFile(list: readonly Finding[], file: string): boolean {
  return list.some((f) => spansOf(f).some((sp) => sp.file === file));
}

function spansOf(f: Finding): Span[] {
  const out: Span[] = [f.span];
  for (const r of f.related ?? []) out.push(r.span);
  for (const x of f.fixes ?? []) {
    for (const e of x.edits) out.push(e);
    if (x.select) out.push(x.select);
  }
  if (f.suppressed) out.push(f.suppressed.span);
  return out;
}

function shiftFinding(f: Finding, s: TextShift): Finding | undefined {
  const spans = spansOf(f).filter((sp) => sp.file === s.file);
  if (f.suppressAt !== undefined && f.span.file === s.file) spans.push({ file: s.file, start: f.suppressAt, end: f.suppressAt });
  if (spans.length === 0) return f;
  for (const sp of spans) if (touches(sp, s)) return undefined;
  // Wholly before the edit: the same finding (and whatever is cached for it downstream).
  if (spans.every((sp) => sp.end <= s.start)) return f;
  const span = moveSpan(f.span, s);
  const related = f.related?.map((r): RelatedLocation => ({ ...r, span: moveSpan(r.span, s) }));
  const fixes = f.fixes?.map((x): Fix => ({ ...x, edits: x.edits.map((e) => moveSpan(e, s) as TextEdit), ...(x.select ? { select: moveSpan(x.select, s) } : {}) }));
  return {
    ...f,
    span,
    ...(related ? { related } : {}),
    ...(fixes ? { fixes } : {}),
    ...(f.suppressed ? { suppressed: { ...f.suppressed, span: moveSpan(f.suppressed.span, s) } } : {}),
    ...(f.suppressAt !== undefined && f.span.file === s.file ? { suppressAt: moveOffset(f.suppressAt, s) } : {}),
  };
}

/** The span's lines (from the start of its first to the end of its last) meet the edited range. */
function touches(sp: Span, s: TextShift): boolean {
  const t = s.oldText;
  const from = sp.start === 0 ? 0 : t.lastIndexOf('\n', sp.start - 1) + 1;
  const nl = t.indexOf('\n', sp.end);
  const to = nl < 0 ? t.length : nl;
  return s.start <= to && s.oldEnd >= from;
}

function moveOffset(o: number, s: TextShift): number {
  return o < s.oldEnd ? o : o + (s.newEnd - s.oldEnd);
}

function moveSpan<T extends Span>(sp: T, s: TextShift): T {
  if (sp.file !== s.file) return sp;
  const start = moveOffset(sp.start, s);
  const end = moveOffset(sp.end, s);
  return start === sp.start && end === sp.end ? sp : { ...sp, start, end };
}
