import { allowsEveryRequest, defineRule, type Fix, listNames, plural } from '../../server/src/engine/rule-kit.js';

export default defineRule({
  id: 'no-ineffective-authorizer',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'Authorizer that lets every request through, or that protects no route',
    description:
      'A Lambda authorizer whose handler answers Allow (or isAuthorized: true) on every path, whatever the request carries, authorizes anyone: the routes behind it are as open as routes without one. An authorizer declared but attached to no route, while routes of the same API have none, usually means someone meant to protect them and did not.',
    cwe: ['CWE-285', 'CWE-862'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-2 Broken Authentication'],
    fix: 'unsafe',
    messages: {
      'allows-every-request': "A Lambda authorizer's handler allows on every path.",
      'protects-no-route': "An authorizer is declared but attached to no route, while routes of the same API have none.",
    },
  },
  check(ctx) {
    for (const a of ctx.model.authorizers) {
      // 1. A Lambda authorizer that allows everything.
      const fn = a.fn;
      const file = fn?.handler?.codeFile;
      const code = file && a.type === 'lambda' ? ctx.loadCode?.(file) : undefined;
      const all = code && fn?.handler ? allowsEveryRequest(code, fn.handler.exportPath) : undefined;
      if (all && fn) {
        const routes = a.routes.length > 0 ? ` (${plural(a.routes.length, 'route')}: ${listNames(a.routes.map((r) => r.label))})` : '';
        ctx.report({
          span: a.span,
          messageId: 'allows-every-request', message: `Authorizer ${a.id} allows every request: its handler ${fn.id} answers ${a.simpleResponses ? 'isAuthorized: true' : 'an Allow policy'} on every path${routes}. Verify the caller's token or signature and deny when it fails.`,
          related: [{ span: all.span, message: `${fn.id}: every way out allows (${plural(all.exits, 'return')})` }],
        });
        continue;
      }
      // 2. Declared, attached to nothing, while routes of its API go without an authorizer.
      if (a.routes.length > 0 || a.isDefault || a.maybeReferenced) continue;
      const open = ctx.model.routes.filter((r) => r.file === a.file && r.api === a.api && r.auth.kind === 'none' && r.method !== 'OPTIONS');
      if (open.length === 0) continue;
      const edits = a.attachAsDefault?.();
      const fixes: Fix[] = edits ? [{ id: 'make-default-authorizer', title: `Make ${a.id} the API's default authorizer (every route then needs it; changes who can call them)`, edits, changesBehaviour: true }] : [];
      ctx.report({
        span: a.span,
        messageId: 'protects-no-route', message: `Authorizer ${a.id} is declared but protects no route, while ${plural(open.length, 'route')} of the same API ${open.length === 1 ? 'has' : 'have'} no authorizer (${listNames(open.map((r) => r.label))}). Attach it to those routes, or remove it.`,
        related: open.slice(0, 5).map((r) => ({ span: r.span, message: `${r.label}: no authorizer` })),
        fixes,
      });
    }
  },
});
