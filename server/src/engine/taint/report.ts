// Shared reporting for injection rules: one diagnostic per sink argument, naming the source and the
// trigger, with each step from the source as related information.
import type { CodeRuleContext, RuleMeta } from '../rule.js';
import { defineRule } from '../rule.js';
import type { SinkFamily, TaintFlow } from './types.js';

export function flowMessage(f: TaintFlow): string {
  const label = f.source.label.charAt(0).toUpperCase() + f.source.label.slice(1);
  return `${label} (${f.source.path}) reaches ${f.sink.label}`;
}

export function reportFlows(ctx: CodeRuleContext, families: readonly SinkFamily[]): void {
  for (const f of ctx.flows()) {
    if (!families.includes(f.sink.family)) continue;
    const crossFile = f.span.file !== ctx.code.file;
    ctx.report({
      span: f.span,
      message: flowMessage(f) + (crossFile ? ` (called from ${relativeName(f.span.file, ctx.code.file)})` : ''),
      related: f.steps.map((s) => ({ span: s.span, message: s.message })),
      fixes: f.fixes,
    });
  }
}

function relativeName(from: string, file: string): string {
  const a = from.split('/');
  const b = file.split('/');
  let i = 0;
  while (i < a.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i, -1).map(() => '..'), ...b.slice(i)].join('/');
}

/** An injection rule: the flows of some sink families, reported at the sink. */
export function defineInjectionRule(id: string, families: readonly SinkFamily[], meta: Omit<RuleMeta, 'category'>) {
  return defineRule({
    id,
    scope: 'code' as const,
    languages: ['js' as const],
    meta: { ...meta, category: 'injection' as const },
    check: (ctx: CodeRuleContext) => reportFlows(ctx, families),
  });
}
