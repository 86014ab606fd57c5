// Findings to LSP diagnostics. A diagnostic carries its rule id (code), its docs (codeDescription),
// its flow (relatedInformation) and, in `data`, everything its quick fixes and hover need, so a code
// action is a pure function of the diagnostic.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Position, type Range } from 'vscode-languageserver/node';
import type { Finding, Severity, Span } from '../engine/types.js';
import { LineIndex } from '../engine/util/lines.js';
import { ruleDocUri } from '../docs.js';

export const SOURCE = 'faasguard';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface FixData {
  title: string;
  id: string;
  isPreferred?: boolean;
  changesBehaviour?: boolean;
  edits: { uri: string; range: Range; newText: string }[];
  select?: { uri: string; range: Range };
}

export interface DiagnosticData {
  ruleId: string;
  /** The document version the ranges were computed for (undefined: the file on disk). */
  version?: number;
  fixes: FixData[];
  hover?: string;
  flow?: string[];
}

/** Converts spans of any file to ranges, reading each file's current text once. */
export class RangeMaker {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(private readonly read: (file: string) => string | undefined) {}

  range(span: Span): Range {
    let idx = this.indexes.get(span.file);
    if (!idx) {
      idx = new LineIndex(this.read(span.file) ?? '');
      this.indexes.set(span.file, idx);
    }
    return { start: idx.positionAt(span.start), end: idx.positionAt(span.end) };
  }

  /**
   * A span whose offsets are into the file as it will be once `edits` are applied (a fix's
   * `select`), as a range in that edited text. Mapped through the edits, without re-reading the file.
   */
  rangeAfter(span: Span, edits: readonly { file: string; start: number; end: number; newText: string }[]): Range {
    const mine = edits.filter((e) => e.file === span.file).sort((a, b) => a.start - b.start);
    return { start: this.positionAfter(span.file, span.start, mine), end: this.positionAfter(span.file, span.end, mine) };
  }

  private positionAfter(file: string, offset: number, edits: readonly { start: number; end: number; newText: string }[]): Position {
    let delta = 0; // how much longer the edited text is than the original, before the current edit
    for (const e of edits) {
      const newStart = e.start + delta;
      if (offset < newStart) break;
      if (offset <= newStart + e.newText.length) {
        // Inside this edit's new text: from where the edit starts, through the inserted lines.
        const at = this.range({ file, start: e.start, end: e.start }).start;
        const inserted = e.newText.slice(0, offset - newStart);
        const nl = inserted.lastIndexOf('\n');
        if (nl < 0) return { line: at.line, character: at.character + inserted.length };
        return { line: at.line + inserted.split('\n').length - 1, character: inserted.length - nl - 1 };
      }
      delta += e.newText.length - (e.end - e.start);
    }
    return this.range({ file, start: offset - delta, end: offset - delta }).start;
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export function toDiagnostic(f: Finding, ranges: RangeMaker, version: number | undefined): Diagnostic {
  const href = ruleDocUri(f.ruleId);
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    version,
    fixes: (f.fixes ?? []).map((x) => ({
      title: x.title,
      id: x.id,
      isPreferred: x.isPreferred,
      changesBehaviour: x.changesBehaviour,
      edits: x.edits.map((e) => ({ uri: uriOf(e.file), range: ranges.range(e), newText: e.newText })),
      select: x.select ? { uri: uriOf(x.select.file), range: ranges.rangeAfter(x.select, x.edits) } : undefined,
    })),
    hover: f.hover,
    flow: f.related?.map((r) => r.message),
  };
  const d: Diagnostic = {
    range: ranges.range(f.span),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: SOURCE,
    message: f.message,
    data,
  };
  if (href) d.codeDescription = { href };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: uriOf(r.span.file), range: ranges.range(r.span) }, message: r.message }));
  }
  if (f.ruleId === 'unused-suppression') d.tags = [DiagnosticTag.Unnecessary];
  return d;
}
