// Text and JSON output of a scan (`faasguard scan`), and its one-line summary.
import type { Located } from './locate.js';
import type { Locator } from './ranges.js';

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
