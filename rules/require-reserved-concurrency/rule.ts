import { type ApiModel, defineRule, flatItems, type FunctionModel, listNames, type RouteModel } from '../../server/src/engine/rule-kit.js';

/** The REST stage throttles the route: a MethodSettings rate limit for `/*` or for its path and method. */
function throttled(apis: readonly ApiModel[], r: RouteModel): boolean {
  const api = apis.find((a) => a.id === r.api && a.file === r.file && a.kind === 'rest');
  if (!api) return false;
  const items = [...flatItems(api.methodSettings), ...flatItems(api.defaults?.get('MethodSettings'))];
  return items.some((i) => {
    if (i.get('ThrottlingRateLimit')?.num() === undefined) return false;
    const path = i.get('ResourcePath')?.str();
    const method = i.get('HttpMethod')?.str()?.toUpperCase();
    return (path === '/*' || path === r.path) && (method === '*' || method === r.method);
  });
}

export default defineRule({
  id: 'require-reserved-concurrency',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'info',
    title: 'Function behind a public route has no reserved concurrency',
    description:
      "A function that anyone on the internet can invoke (an API route or load balancer rule without an authorizer, a public function URL) shares the account's concurrency with every other function. One abusive client can use it all up, and the account's other functions are throttled. Reserved concurrency caps what this function can take.",
    cwe: ['CWE-770', 'CWE-400'],
    owasp: ['SAS-7 Denial of Service and Financial Resource Exhaustion', 'API4:2023 Unrestricted Resource Consumption'],
    fix: 'none',
    messages: {
      'no-reserved-concurrency': "A function anyone can invoke has no reserved concurrency.",
    },
  },
  check(ctx) {
    const open = new Map<FunctionModel, string[]>();
    const add = (fn: FunctionModel, what: string) => (open.get(fn) ?? open.set(fn, []).get(fn)!).push(what);
    // The REST APIs of the model, listed once (not once per route) and in the same order.
    const apis = ctx.model.configs.flatMap((c) => c.apis ?? []).filter((a) => a.kind === 'rest');
    for (const r of ctx.model.routes) {
      if (r.fn && r.auth.kind === 'none' && r.method !== 'OPTIONS' && !throttled(apis, r)) add(r.fn, r.label);
    }
    for (const fn of ctx.model.functions) {
      const auth = fn.settings.url?.authType;
      if (auth && (auth.state === 'unset' || (auth.state === 'set' && auth.value === 'NONE'))) add(fn, 'its function URL');
    }
    for (const [fn, what] of open) {
      const s = fn.settings.reservedConcurrency;
      if (s.state !== 'unset') continue;
      ctx.report({
        span: s.anchor,
        message: `Function ${fn.id} can be invoked by anyone (${listNames([...new Set(what)])}) and has no reserved concurrency: a flood of requests can take the whole account's concurrency and throttle every other function. Reserve a concurrency limit for it${s.targets[0] ? ` (${s.targets[0].where})` : ''}, or throttle the API.`,
      });
    }
  },
});
