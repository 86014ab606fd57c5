import { type CodeRuleContext, defineRule, flowProperties } from '../../server/src/engine/rule-kit.js';

export default defineRule({
  id: 'no-error-details-in-response',
  scope: 'code',
  languages: ['js', 'python'],
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'Error details returned to the caller',
    description:
      "A handler behind an API (API Gateway, a function URL, an ALB, AppSync) puts a stack trace, or the message of an error it did not expect, in its response. Stack traces and driver or SDK messages name files, libraries and versions, tables and queries, roles and account ids: a map for the next attack. Log the details and answer with a generic message.",
    cwe: ['CWE-209'],
    owasp: ['A04:2021 Insecure Design', 'SAS-10 Improper Exception Handling and Verbose Error Messages'],
    fix: 'none',
    messages: {
      'error-in-response': "An error, its message or its stack is returned to the caller.",
    },
  },
  check(ctx: CodeRuleContext) {
    for (const f of ctx.flows()) {
      if (f.sink.family !== 'error-detail') continue;
      const what = f.source.label.charAt(0).toUpperCase() + f.source.label.slice(1);
      ctx.report({
        span: f.span,
        message: `${what} (${f.source.path}) is returned to the caller in ${f.sink.label}. Log it, and answer with a generic message (and a request id to find the log).`,
        related: f.steps.map((s) => ({ span: s.span, message: s.message })),
        properties: flowProperties(f),
      });
    }
  },
});
