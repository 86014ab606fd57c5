// Text and JSON output for `faasguard scan`, and turning spans into relative paths and positions.
import * as path from 'node:path';
import type { Finding, Span } from '../engine/types.js';
import { LineIndex, type Position } from '../engine/util/lines.js';

export interface Place {
  /** Path relative to the scanned folder, with forward slashes. */
  rel: string;
  start: Position;
  end: Position;
}

export class Locator {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(
    readonly root: string,
    private readonly read: (f: string) => string | undefined,
  ) {}

  rel(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/') || path.basename(file);
  }

  place(span: Span): Place {
    let idx = this.indexes.get(span.file);
    if (!idx) {
      idx = new LineIndex(this.read(span.file) ?? '');
      this.indexes.set(span.file, idx);
    }
    return { rel: this.rel(span.file), start: idx.positionAt(span.start), end: idx.positionAt(span.end) };
  }
}

export interface Located extends Place {
  finding: Finding;
}

export function locate(loc: Locator, results: Map<string, Finding[]>): Located[] {
  const out: Located[] = [];
  for (const [, findings] of [...results].sort(([a], [b]) => a.localeCompare(b))) {
    for (const f of findings) out.push({ finding: f, ...loc.place(f.span) });
  }
  return out;
}

export function formatText(items: Located[]): string {
  return items
    .filter((i) => !i.finding.suppressed)
    .map((i) => `${i.rel}:${i.start.line + 1}:${i.start.character + 1}  ${i.finding.severity}  ${i.finding.ruleId}  ${i.finding.message}`)
    .join('\n');
}

export function summarise(items: Located[], fileCount: number): string {
  const live = items.filter((i) => !i.finding.suppressed);
  const count = (s: string) => live.filter((i) => i.finding.severity === s).length;
  const files = new Set(live.map((i) => i.rel)).size;
  const suppressed = items.length - live.length;
  return `${live.length} finding${live.length === 1 ? '' : 's'} (${count('error')} error, ${count('warning')} warning, ${count('info')} info) in ${files} of ${fileCount} file${fileCount === 1 ? '' : 's'}${suppressed ? `; ${suppressed} suppressed` : ''}`;
}

export function formatJson(items: Located[], loc: Locator): string {
  return JSON.stringify(
    items.map((i) => ({
      file: i.rel,
      line: i.start.line + 1,
      column: i.start.character + 1,
      endLine: i.end.line + 1,
      endColumn: i.end.character + 1,
      severity: i.finding.severity,
      ruleId: i.finding.ruleId,
      category: i.finding.category,
      message: i.finding.message,
      ...(i.finding.suppressed ? { suppressed: { reason: i.finding.suppressed.reason } } : {}),
      ...(i.finding.related?.length
        ? { related: i.finding.related.map((r) => { const p = loc.place(r.span); return { file: p.rel, line: p.start.line + 1, column: p.start.character + 1, message: r.message }; }) }
        : {}),
      ...(i.finding.fixes?.length ? { fixes: i.finding.fixes.filter((f) => f.id !== 'ignore').map((f) => f.title) } : {}),
    })),
    null,
    2,
  );
}
