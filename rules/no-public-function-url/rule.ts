import { defineRule, handlerChecks, type ModelRuleContext, replaceSetting, writeSetting } from '../../server/src/engine/rule-kit.js';

export default defineRule({
  id: 'no-public-function-url',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'Function URL open to anyone (AuthType NONE)',
    description:
      'The function has a Lambda function URL that does not require IAM authentication: anyone on the internet who learns the URL can invoke it, with no throttling by API Gateway, no WAF and no authorizer. Unless the code authenticates every request itself (a webhook signature, a token), require AWS_IAM or put the function behind API Gateway.',
    cwe: ['CWE-306', 'CWE-284'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-2 Broken Authentication'],
    fix: 'unsafe',
    messages: {
      'public-url': "A function URL has AuthType NONE (the message says when the handler appears to check a signature or token itself).",
    },
  },
  check(ctx: ModelRuleContext) {
    for (const fn of ctx.model.functions) {
      const url = fn.settings.url;
      if (!url) continue;
      const auth = url.authType;
      // An unset AuthType is the default: none (serverless.yml `url: { cors: true }`).
      if (auth.state === 'unknown' || (auth.state === 'set' && auth.value !== 'NONE')) continue;
      const verifies = handlerChecks(ctx, fn).length > 0;
      const opts = { id: 'require-iam-auth', title: 'Require IAM authentication on the function URL (callers must sign requests; changes who can call it)', changesBehaviour: true };
      ctx.report({
        span: auth.state === 'set' ? auth.span : url.span,
        severity: verifies ? 'info' : undefined,
        message: verifies
          ? `The function URL of ${fn.id} is public (no IAM auth); its handler appears to check a signature or token itself. Make sure every request path does.`
          : `The function URL of ${fn.id} is public: anyone can invoke it without credentials. Require AWS_IAM, or authenticate every request in the handler.`,
        fixes: auth.state === 'set' ? replaceSetting(auth, 'AWS_IAM', opts) : writeSetting(auth, 'AWS_IAM', opts),
      });
    }
  },
});
