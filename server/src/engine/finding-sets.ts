// Small helpers over lists of findings, shared by the engine's entry points.
import type { Finding } from './types.js';

/** One finding per rule and span: a sink reached from several handlers is reported once. */
export function onePerSpan(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.span.start}|${f.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = m.get(f.span.file);
    if (list) list.push(f);
    else m.set(f.span.file, [f]);
  }
  return m;
}
