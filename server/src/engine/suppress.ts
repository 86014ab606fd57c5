// Suppression comments. In YAML and Python `# faasguard-ignore <rule-id>: <reason>`, in JS/TS
// `// faasguard-ignore <rule-id>: <reason>` (or a block comment). On its own line it covers the next
// line; after code it covers its own line. `faasguard-ignore-file <rule-id>: <reason>` covers the
// whole file. Several ids may be given, comma-separated. A suppression without a reason, for an
// unknown rule, or that hides nothing, is reported itself.
import * as path from 'node:path';
import { ENGINE_CODES, type Finding, type Fix, type Span } from './types.js';
import type { LineIndex } from './util/lines.js';

export interface Suppression {
  rules: string[];
  reason: string;
  fileLevel: boolean;
  /** 0-based line the suppression covers (unused for file-level ones). */
  targetLine: number;
  span: Span;
  used: boolean;
}

export type CommentStyle = 'hash' | 'slash' | 'none';

export function commentStyle(file: string): CommentStyle {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.yml' || ext === '.yaml' || ext === '.py' || ext === '.template' || ext === '.tf' || ext === '.tfvars') return 'hash';
  if (ext === '.json') return 'none';
  return 'slash';
}

const MARKER = /(^|\s)(#|\/\/|\/\*)\s*faasguard-ignore(-file)?(?=\s|:|$)([^\n]*)$/;
const BODY = /^\s*([a-z0-9][a-z0-9-]*(?:\s*,\s*[a-z0-9][a-z0-9-]*)*)?\s*(?::([^\n]*))?$/;

export function parseSuppressions(file: string, lines: LineIndex): Suppression[] {
  const style = commentStyle(file);
  if (style === 'none') return [];
  const out: Suppression[] = [];
  // The line a comment on its own line covers: the next line that is not blank or a comment. Known
  // once per line, so that 10,000 comment lines in a row are read once, not once per comment.
  const nextCode = new Map<number, number>();
  const targetAfter = (line: number): number => {
    const visited: number[] = [];
    let t = line + 1;
    while (t < lines.lineCount && !nextCode.has(t) && isSkippable(lines.lineText(t), style)) visited.push(t++);
    const found = nextCode.get(t) ?? t;
    for (const v of visited) nextCode.set(v, found);
    return found;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!text.includes('faasguard-ignore')) continue;
    const m = MARKER.exec(text);
    if (!m) continue;
    if ((style === 'hash') !== (m[2] === '#')) continue;
    const fileLevel = m[3] === '-file';
    const body = BODY.exec(m[4].replace(/\*\/\s*$/, ''));
    const rules = body?.[1] ? body[1].split(',').map((s) => s.trim()) : [];
    const reason = (body?.[2] ?? '').trim();
    const commentStart = m.index + m[1].length;
    const ownLine = text.slice(0, commentStart).trim() === '';
    const target = ownLine ? targetAfter(line) : line;
    const start = lines.lineStart(line) + commentStart;
    out.push({ rules, reason, fileLevel, targetLine: target, span: { file, start, end: lines.lineEnd(line) }, used: false });
  }
  return out;
}

function isSkippable(text: string, style: CommentStyle): boolean {
  const t = text.trim();
  return t === '' || (style === 'hash' ? t.startsWith('#') : t.startsWith('//'));
}

/**
 * Marks suppressed findings and returns the findings about the suppressions themselves.
 * `knownRules` are the ids that ran on this file: a suppression naming a rule that did not run is
 * neither used nor unused.
 */
export function applySuppressions(findings: Finding[], sups: Suppression[], lines: LineIndex, allRules: ReadonlySet<string>, ranRules: ReadonlySet<string>): Finding[] {
  // The first suppression (in source order) for each covered line and rule, and for each rule file-wide:
  // a finding looks up two keys, whatever the number of suppressions.
  const first = new Map<string, Suppression>();
  for (const x of sups) {
    if (x.reason === '') continue;
    for (const r of x.rules) {
      const key = `${x.fileLevel ? 'file' : x.targetLine}|${r}`;
      if (!first.has(key)) first.set(key, x);
    }
  }
  for (const f of findings) {
    if (f.category === 'internal') continue;
    const line = lines.positionAt(f.suppressAt ?? f.span.start).line;
    const a = first.get(`${line}|${f.ruleId}`);
    const b = first.get(`file|${f.ruleId}`);
    const s = a && b ? (a.span.start <= b.span.start ? a : b) : a ?? b;
    if (s) {
      s.used = true;
      f.suppressed = { reason: s.reason, span: s.span };
    }
  }
  const meta: Finding[] = [];
  for (const s of sups) {
    const base = { category: 'internal' as const, span: s.span };
    if (s.rules.length === 0) {
      meta.push({ ...base, ruleId: ENGINE_CODES.suppressionWithoutReason, severity: 'warning', message: 'This faasguard-ignore comment names no rule. Write `faasguard-ignore <rule-id>: <reason>`.' });
      continue;
    }
    const unknown = s.rules.filter((r) => !allRules.has(r));
    if (unknown.length > 0) {
      meta.push({ ...base, ruleId: ENGINE_CODES.unknownRuleInSuppression, severity: 'warning', message: `Unknown rule in faasguard-ignore: ${unknown.join(', ')}.` });
    }
    if (s.reason === '') {
      meta.push({ ...base, ruleId: ENGINE_CODES.suppressionWithoutReason, severity: 'warning', message: `Suppression of ${s.rules.join(', ')} has no reason, so it suppresses nothing. Add one after a colon: \`faasguard-ignore ${s.rules[0]}: <why this is safe>\`.` });
      continue;
    }
    const relevant = s.rules.filter((r) => ranRules.has(r));
    if (!s.used && relevant.length > 0 && unknown.length === 0) {
      const where = s.fileLevel ? 'in this file' : `on line ${s.targetLine + 1}`;
      meta.push({ ...base, ruleId: ENGINE_CODES.unusedSuppression, severity: 'info', message: `This suppression matches no ${relevant.join(', ')} finding ${where}. Remove it.` });
    }
  }
  return meta;
}

/** The "Ignore this finding" fix: a comment line above the finding, with the reason selected. */
export function ignoreFix(f: Finding, lines: LineIndex): Fix | undefined {
  const style = commentStyle(f.span.file);
  if (style === 'none') return undefined;
  const line = lines.positionAt(f.suppressAt ?? f.span.start).line;
  const lineText = lines.lineText(line);
  const indent = /^[ \t]*/.exec(lineText)![0];
  const opener = style === 'hash' ? '#' : '//';
  const placeholder = 'reason';
  const prefix = `${indent}${opener} faasguard-ignore ${f.ruleId}: `;
  const at = lines.lineStart(line);
  const reasonStart = at + prefix.length;
  return {
    id: 'ignore',
    title: `Ignore this ${f.ruleId} finding (with a reason)`,
    edits: [{ file: f.span.file, start: at, end: at, newText: `${prefix}${placeholder}${lines.eol}` }],
    select: { file: f.span.file, start: reasonStart, end: reasonStart + placeholder.length },
  };
}
