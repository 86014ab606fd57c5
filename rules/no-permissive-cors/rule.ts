import { defineRule, REFLECTED, replaceSetting } from '../../server/src/engine/rule-kit.js';

export default defineRule({
  id: 'no-permissive-cors',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'CORS allows any origin, or reflects it, together with credentials',
    description:
      "A CORS configuration that allows every origin ('*'), or sends back whatever origin the caller claims, and also allows credentials, lets any website make requests with your users' cookies or authorization headers and read the answers. Covers HTTP APIs, REST APIs and their gateway responses, serverless.yml cors settings and function URLs.",
    cwe: ['CWE-942', 'CWE-346'],
    owasp: ['A05:2021 Security Misconfiguration', 'A01:2021 Broken Access Control'],
    fix: 'unsafe',
    messages: {
      'any-origin': "CORS allows any origin ('*') together with credentials.",
      'reflected-origin': "CORS sends back the caller's own origin together with credentials.",
    },
  },
  check(ctx) {
    for (const c of ctx.model.cors) {
      const o = c.allowOrigins;
      const cred = c.allowCredentials;
      if (o.state !== 'set' || cred.state !== 'set' || !cred.value) continue;
      const any = o.value.includes('*');
      const reflected = o.value.includes(REFLECTED);
      if (!any && !reflected) continue;
      ctx.report({
        span: o.span,
        messageId: any ? 'any-origin' : 'reflected-origin', message: any
          ? `CORS of ${c.label} allows any origin ('*') with credentials: any website could make requests with your users' cookies or tokens (browsers refuse a literal '*' with credentials, so such setups end up echoing the caller's origin). List the origins that need access.`
          : `CORS of ${c.label} sends back the caller's own origin with credentials: any website can make requests with your users' cookies or tokens and read the answers. Allow a fixed list of origins.`,
        related: [{ span: cred.span, message: 'credentials allowed here' }],
        fixes: replaceSetting(cred, false, { id: 'disallow-credentials', title: 'Stop allowing credentials in cross-origin requests (changes what browsers send)', changesBehaviour: true }),
      });
    }
  },
});
