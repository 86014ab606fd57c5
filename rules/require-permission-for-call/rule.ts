import { defineRule, missingCalls, missingFix, type ModelRuleContext } from '../../server/src/engine/rule-kit.js';

export default defineRule({
  id: 'require-permission-for-call',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'error',
    title: 'AWS call that the function role does not allow',
    description:
      'The code makes an AWS call whose IAM action, on the resource it names, no statement, policy template or known managed policy of the function\'s role allows. It fails at run time with AccessDenied. Functions whose role is defined outside the template, or holds a managed policy whose content is unknown, are not checked.',
    cwe: ['CWE-755', 'CWE-284'],
    owasp: ['A05:2021 Security Misconfiguration', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'unsafe',
    messages: {
      'call-not-allowed': "Code makes an AWS call that its function's role does not allow.",
    },
  },
  check(ctx: ModelRuleContext) {
    const load = ctx.loadCode;
    if (!load) return;
    const byCall = new Map<string, ReturnType<typeof missingCalls>>();
    for (const m of missingCalls(ctx.model, load)) {
      const k = `${m.needs[0].call.span.file}:${m.needs[0].call.span.start}`;
      (byCall.get(k) ?? byCall.set(k, []).get(k)!).push(m);
    }
    for (const list of byCall.values()) {
      const first = list[0];
      const call = first.needs[0].call;
      const actions = [...new Set(list.flatMap((m) => m.needs.map((n) => n.action)))];
      const target = first.needs[0].target;
      const on = first.needs[0].kmsFor ? ` on ${first.needs[0].target?.label ?? 'the KMS key'} (it encrypts ${first.needs[0].kmsFor.label})` : target ? ` on ${target.label}` : '';
      const fns = list.map((m) => m.fn.id);
      ctx.report({
        span: call.span,
        message: `${call.text} needs ${actions.join(' and ')}${on}, which the role of ${fns.join(' and ')} does not allow: the call fails with AccessDenied.`,
        related: list.map((m) => ({ span: m.role.span, message: `the role of ${m.fn.id}` })),
        fixes: list.flatMap((m) => [missingFix(m, m.config)].filter((f) => !!f)).slice(0, 1),
      });
    }
  },
});
