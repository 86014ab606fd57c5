// Findings to LSP diagnostics. A diagnostic carries its rule id (code), its docs (codeDescription),
// its flow (relatedInformation) and, in `data`, everything its quick fixes and hover need, so a code
// action is a pure function of the diagnostic.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/types.js';
import { RangeMaker } from '../report/ranges.js';
import { ruleDocUri } from '../docs.js';
export { RangeMaker } from '../report/ranges.js';

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

export function uriOf(file: string): string {
  // Several times per diagnostic (its edits, steps, selection): the last files' URIs are kept.
  let uri = uris.get(file);
  if (uri === undefined) {
    if (uris.size >= 10_000) uris.clear();
    uri = pathToFileURL(file).href;
    uris.set(file, uri);
  }
  return uri;
}

const uris = new Map<string, string>();

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
