import { configOf, defineRule, fnList, type ModelRuleContext, unusedFix, unusedGrants, usageHover, whatIsCalled } from '../../server/src/engine/rule-kit.js';

export default defineRule({
  id: 'no-unused-permission',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'warning',
    title: 'Permission granted that no code of the function uses',
    description:
      'The role grants an action, or a SAM policy template, that no AWS call in the code of any function holding the role needs, and that the Lambda service does not use for the function (logs, X-Ray, VPC interfaces, polling its queue or stream, its dead-letter queue). It is only reported when every call of every function on the role is known. An unused grant is attack surface: whoever gets code running in the function gets it too.',
    cwe: ['CWE-250', 'CWE-272'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'unsafe',
    messages: {
      unused: "A permission is granted that no code of the functions holding it needs.",
      'narrower-template': "A SAM policy template grants more than the code needs, and a narrower template covers what it calls.",
    },
  },
  check(ctx: ModelRuleContext) {
    const load = ctx.loadCode;
    if (!load) return;
    // A CDK grant (`bucket.grantRead(fn)`) is one token that stands for many actions: one finding for it, naming them.
    const unused = unusedGrants(ctx.model, load);
    const bySpan = new Map<string, typeof unused>();
    for (const u of unused) {
      if (u.grant.kind !== 'statement') continue;
      const k = `${u.grant.item.span.file}|${u.grant.item.span.start}|${u.grant.item.span.end}`;
      (bySpan.get(k) ?? bySpan.set(k, []).get(k)!).push(u);
    }
    for (const group of bySpan.values()) {
      const u = group[0];
      if (u.grant.kind !== 'statement') continue;
      const config = configOf(ctx.model, u.role);
      const called = whatIsCalled(u.usage, config, load);
      const fns = fnList(u.functions);
      const patterns = group.map((x) => (x.grant.kind === 'statement' ? x.grant.pattern : ''));
      const granted = patterns.length === 1 ? `${patterns[0]} is granted` : `${patterns.length} actions (${patterns.slice(0, 3).join(', ')}${patterns.length > 3 ? ` and ${patterns.length - 3} more` : ''}) are granted here`;
      ctx.report({
        span: u.grant.item.span,
        messageId: 'unused',
        message: `${granted} but no code of ${fns} needs ${patterns.length === 1 ? 'it' : 'them'}: ${called}.`,
        hover: usageHover(group.flatMap((x) => (x.grant.kind === 'statement' ? x.grant.actions.map((a) => `${a.service}:${a.name}`) : [])), u.usage, config, load),
        fixes: group.length === 1 ? [unusedFix(u)].filter((f) => !!f) : [],
      });
    }
    for (const u of unused) {
      const config = configOf(ctx.model, u.role);
      const called = whatIsCalled(u.usage, config, load);
      const fns = fnList(u.functions);
      const g = u.grant;
      if (g.kind === 'template') {
        const message = u.narrower
          ? `${g.ref.name} grants ${g.def.actions.length} actions but ${fns} needs only ${u.usedActions.length === 1 ? 'one' : u.usedActions.length} of them (${whatIsCalled(u.usage, config, load, u.usedActions)}): ${u.narrower} covers ${u.usedActions.length === 1 ? 'it' : 'them'}.`
          : `${g.ref.name} is granted but no code of ${fns} needs it: ${called}.`;
        ctx.report({ span: g.ref.keySpan, messageId: u.narrower ? 'narrower-template' : 'unused', message, hover: usageHover(g.def.actions, u.usage, config, load), fixes: [unusedFix(u)].filter((f) => !!f) });
      }
    }
  },
});
