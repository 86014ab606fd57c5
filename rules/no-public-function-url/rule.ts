import { defineRule, type ModelRuleContext } from '../../server/src/engine/rule.js';
import type { Val } from '../../server/src/engine/config/val.js';
import type { FunctionModel, Trigger } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { replaceValue, str, type Out } from '../../server/src/engine/fix/yaml-edit.js';

/** Code that checks a request signature or token itself: the URL is public on purpose. */
const VERIFIES = /timingSafeEqual|createHmac|jwt\.verify|jwtVerify|verifySignature|validateSignature|webhooks\.constructEvent|verifyKey\(|x-hub-signature|stripe-signature|x-slack-signature|svix/;

function authValue(fn: FunctionModel, t: Trigger): { val: Val; fixTo: Out } | undefined {
  if (fn.format === 'serverless') {
    // `url: true`, or `url: { cors: ... }` without `authorizer: aws_iam`.
    if (t.val.kind === 'scalar') return { val: t.val, fixTo: { map: [['authorizer', str('aws_iam')]] } };
    return undefined;
  }
  // SAM FunctionUrlConfig holds AuthType; an AWS::Lambda::Url resource holds it in Properties.
  const auth = t.val.get('AuthType') ?? t.val.get('Properties')?.get('AuthType');
  return auth ? { val: auth, fixTo: str('AWS_IAM') } : undefined;
}

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
  },
  check(ctx: ModelRuleContext) {
    for (const fn of ctx.model.functions) {
      for (const t of fn.triggers) {
        if (t.kind !== 'functionUrl' || !t.explicitlyPublic) continue;
        const a = authValue(fn, t);
        const span = a?.val.span ?? t.span;
        const code = fn.handler?.codeFile ? ctx.readFile(fn.handler.codeFile) : undefined;
        const verifies = !!code && VERIFIES.test(code);
        const fixes: Fix[] = a
          ? [{ id: 'require-iam-auth', title: 'Require IAM authentication on the function URL (callers must sign requests; changes who can call it)', edits: [replaceValue(a.val, a.fixTo)], changesBehaviour: true }]
          : [];
        ctx.report({
          span,
          severity: verifies ? 'info' : undefined,
          message: verifies
            ? `The function URL of ${fn.id} is public (no IAM auth); its handler appears to check a signature or token itself. Make sure every request path does.`
            : `The function URL of ${fn.id} is public: anyone can invoke it without credentials. Require AWS_IAM, or authenticate every request in the handler.`,
          fixes,
        });
      }
    }
  },
});
