// Hover on a diagnostic: what the rule is about, the flow for a taint finding, and the docs link.
import type { Diagnostic, Hover, Position } from 'vscode-languageserver/node';
import type { DiagnosticData } from './convert.js';
import type { RuleInfo } from './worker-protocol.js';

function contains(d: Diagnostic, p: Position): boolean {
  const { start, end } = d.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

export function hoverFor(diagnostics: readonly Diagnostic[], position: Position, rules: ReadonlyMap<string, RuleInfo>): Hover | null {
  const hits = diagnostics.filter((d) => contains(d, position));
  if (hits.length === 0) return null;
  const parts: string[] = [];
  for (const d of hits) {
    const data = d.data as DiagnosticData | undefined;
    const rule = rules.get(String(d.code));
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    const lines: string[] = [`**FaaSGuard: ${d.code}**${rule ? ` (${rule.category}, ${rule.severity})` : ''}`, '', message];
    if (rule) lines.push('', rule.description);
    if (data?.hover) lines.push('', data.hover);
    if (data?.flow?.length) {
      lines.push('', 'Flow:');
      data.flow.forEach((step, i) => lines.push(`${i + 1}. ${step}`));
    }
    if (rule?.cwe.length) lines.push('', rule.cwe.join(', '));
    if (d.codeDescription?.href) lines.push('', `[Rule documentation](${d.codeDescription.href})`);
    parts.push(lines.join('\n'));
  }
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: hits[0].range };
}
