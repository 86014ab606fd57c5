// Shared reporting for injection rules: one diagnostic per sink argument, naming the source and the
// trigger, with each step from the source as related information. A source on a trigger the config
// does not name is said to be inferred, in the message and in the finding's properties, and is
// reported one level lower unless the field itself says where it came from (an HTTP request body).
import type { CodeRuleContext, RuleMeta } from '../rule.js';
import { defineRule } from '../rule.js';
import type { Severity } from '../types.js';
import type { SinkFamily, TaintFlow } from './types.js';

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

export function flowMessage(f: TaintFlow): string {
  const label = f.source.label.charAt(0).toUpperCase() + f.source.label.slice(1);
  return `${label} (${f.source.path}) reaches ${f.sink.label}${inferredNote(f)}`;
}

/** What the message says about a trigger the config does not name. */
export function inferredNote(f: TaintFlow): string {
  if (!f.source.inferred) return '';
  if (f.source.trigger === 'unknown') return " (no config names this function's trigger, and its code does not say which event it handles)";
  return ' (no config names the trigger: inferred from the event fields the code reads)';
}

/** The severity of a flow: one level lower on a guessed source. */
export function flowSeverity(f: TaintFlow, meta: Pick<RuleMeta, 'severity'>): Severity | undefined {
  return f.source.inferred && !f.source.unambiguous ? LOWER[meta.severity] : undefined;
}

export function flowProperties(f: TaintFlow): Record<string, string | boolean> {
  return { trigger: f.source.trigger, triggerInferred: !!f.source.inferred };
}

export function reportFlows(ctx: CodeRuleContext, families: readonly SinkFamily[], meta: Pick<RuleMeta, 'severity'>): void {
  for (const f of ctx.flows()) {
    if (!families.includes(f.sink.family)) continue;
    const crossFile = f.span.file !== ctx.code.file;
    ctx.report({
      span: f.span,
      messageId: 'flow',
      message: flowMessage(f) + (crossFile ? ` (called from ${relativeName(f.span.file, ctx.code.file)})` : ''),
      severity: flowSeverity(f, meta),
      related: f.steps.map((s) => ({ span: s.span, message: s.message })),
      fixes: f.fixes,
      properties: flowProperties(f),
    });
  }
}

export function relativeName(from: string, file: string): string {
  const a = from.split('/');
  const b = file.split('/');
  let i = 0;
  while (i < a.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i, -1).map(() => '..'), ...b.slice(i)].join('/');
}

/** The one kind of message of an injection rule (reportFlows). */
export const FLOW_MESSAGES = { flow: 'Event data from a named source (and trigger) reaches the sink; the related locations are the steps between them.' };

/** An injection rule: the flows of some sink families, reported at the sink. */
export function defineInjectionRule(id: string, families: readonly SinkFamily[], meta: Omit<RuleMeta, 'category' | 'messages'> & Partial<Pick<RuleMeta, 'messages'>>, languages: ('js' | 'python')[] = ['js', 'python']) {
  return defineRule({
    id,
    scope: 'code' as const,
    languages,
    meta: { messages: FLOW_MESSAGES, ...meta, category: 'injection' as const },
    check: (ctx: CodeRuleContext) => reportFlows(ctx, families, meta),
  });
}
