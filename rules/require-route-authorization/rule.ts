import { defineRule, handlerChecks, handlerReadable } from '../../server/src/engine/rule-kit.js';

export default defineRule({
  id: 'require-route-authorization',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'API route open to anyone: no authorizer, and no authentication in the handler',
    description:
      'An API Gateway route or load balancer rule invokes the function with no authorizer, no IAM auth and no API key, and the handler does not authenticate the caller itself (no JWT verification, no authorizer claims, no signature, API key or session check). Anyone who finds the URL can call it. Routes whose handler checks the caller, such as webhooks that verify a signature, are not reported.',
    cwe: ['CWE-306', 'CWE-862'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-2 Broken Authentication'],
    fix: 'none',
    messages: {
      'open-route': "An API route (or load balancer rule) has no authorizer and its handler does not authenticate the caller; a route marked public on purpose is said to be.",
    },
  },
  check(ctx) {
    for (const route of ctx.model.routes) {
      if (route.auth.kind !== 'none' || route.method === 'OPTIONS') continue; // a CORS preflight carries no credentials
      const fn = route.fn;
      // Nothing to say without the handler: it may check the caller itself.
      if (!fn || !handlerReadable(ctx, fn) || handlerChecks(ctx, fn).length > 0) continue;
      const explicit = route.auth.explicit;
      const where = route.kind === 'alb' ? 'load balancer rule' : 'route';
      ctx.report({
        span: explicit ?? route.span,
        severity: explicit ? 'info' : undefined,
        message: explicit
          ? `The ${where} ${route.label} of ${fn.id} is marked public (no authorizer on purpose) and its handler does not authenticate the caller. If it must be public, make sure it serves nothing private; otherwise add an authorizer.`
          : `The ${where} ${route.label} of ${fn.id} has no authorizer, and its handler does not authenticate the caller (no token, signature, API key or session check): anyone can call it. Add an authorizer (Cognito, JWT, Lambda or IAM), or verify the caller in the handler.`,
      });
    }
  },
});
