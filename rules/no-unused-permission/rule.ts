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
    for (const u of unusedGrants(ctx.model, load)) {
      const config = configOf(ctx.model, u.role);
      const called = whatIsCalled(u.usage, config, load);
      const fns = fnList(u.functions);
      const g = u.grant;
      if (g.kind === 'statement') {
        ctx.report({
          span: g.item.span,
          messageId: 'unused', message: `${g.pattern} is granted but no code of ${fns} needs it: ${called}.`,
          hover: usageHover(g.actions.map((a) => `${a.service}:${a.name}`), u.usage, config, load),
          fixes: [unusedFix(u)].filter((f) => !!f),
        });
      } else if (g.kind === 'template') {
        const message = u.narrower
          ? `${g.ref.name} grants ${g.def.actions.length} actions but ${fns} needs only ${u.usedActions.length === 1 ? 'one' : u.usedActions.length} of them (${whatIsCalled(u.usage, config, load, u.usedActions)}): ${u.narrower} covers ${u.usedActions.length === 1 ? 'it' : 'them'}.`
          : `${g.ref.name} is granted but no code of ${fns} needs it: ${called}.`;
        ctx.report({ span: g.ref.keySpan, messageId: u.narrower ? 'narrower-template' : 'unused', message, hover: usageHover(g.def.actions, u.usage, config, load), fixes: [unusedFix(u)].filter((f) => !!f) });
      }
    }
  },
});
