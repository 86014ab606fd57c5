import { defineRule, type ModelRuleContext } from '../../server/src/engine/rule.js';
import type { Val } from '../../server/src/engine/config/val.js';
import { uncheckableServerless } from '../../server/src/engine/model/apis.js';
import type { ConfigModel, FunctionModel } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { ensurePath, replaceValue, str } from '../../server/src/engine/fix/yaml-edit.js';

const fixTitle = (where: string) => `Turn on X-Ray tracing (${where})`;

function isActive(v: Val | undefined): boolean | undefined {
  if (!v) return undefined;
  const s = v.str();
  if (s === undefined) return v.kind === 'opaque' || v.intrinsic() ? true : undefined; // unknown: assume fine
  return s === 'Active' || s.toLowerCase() === 'true';
}

function slsCheck(ctx: ModelRuleContext, c: ConfigModel): void {
  const provider = c.provider;
  const tracing = provider?.get('tracing');
  const providerTracing = tracing?.get('lambda');
  // `tracing: ${self:custom.tracing}` that cannot be resolved: unknown, assume fine.
  const providerOn = tracing && (tracing.kind === 'opaque' || tracing.intrinsic()) ? true : isActive(providerTracing);
  const off: FunctionModel[] = [];
  for (const fn of c.functions) {
    const own = fn.val.get('tracing');
    const on = isActive(own);
    if (on === false) {
      ctx.report({ span: own!.span, message: `Tracing is ${own!.source} for function ${fn.id}: its requests cannot be traced across services.`, fixes: [{ id: 'enable-tracing', title: fixTitle('Active'), edits: [replaceValue(own!, str('Active'))] }] });
    } else if (on === undefined && !providerOn) off.push(fn);
  }
  if (off.length === 0) return;
  if (providerOn === false) {
    ctx.report({ span: providerTracing!.span, message: `provider.tracing.lambda is ${providerTracing!.source}: ${off.length} function(s) run without X-Ray tracing.`, fixes: [{ id: 'enable-tracing', title: fixTitle('provider.tracing.lambda: true'), edits: [replaceValue(providerTracing!, { raw: 'true' })] }] });
    return;
  }
  // No `provider.tracing` at all, and the framework creates a REST API: trace it too, in the same key
  // (`tracing: { lambda: true, apiGateway: true }`; require-api-tracing's fix writes the same).
  const withApi = !tracing && (c.apis ?? []).some((a) => a.origin === 'sls' && a.kind === 'rest');
  const edit = withApi
    ? ensurePath(c.root, ['provider', 'tracing'], { map: [['lambda', { raw: 'true' }], ['apiGateway', { raw: 'true' }]] })
    : ensurePath(c.root, ['provider', 'tracing', 'lambda'], { raw: 'true' });
  const anchor = c.root.entry('provider')?.keySpan ?? off[0].keySpan;
  ctx.report({
    span: anchor,
    message: `X-Ray tracing is not enabled: ${off.map((f) => f.id).join(', ')} run${off.length === 1 ? 's' : ''} without it. Set provider.tracing.lambda: true.`,
    fixes: edit ? [{ id: 'enable-tracing', title: fixTitle(withApi ? 'provider.tracing: { lambda: true, apiGateway: true }' : 'provider.tracing.lambda: true'), edits: [edit] }] : [],
  });
}

function samOrCfnCheck(ctx: ModelRuleContext, c: ConfigModel): void {
  const globalTracing = c.globals?.get('Function')?.get('Tracing');
  for (const fn of c.functions) {
    if (fn.format === 'serverless') continue;
    let value: Val | undefined;
    if (fn.format === 'sam') value = fn.val.get('Tracing') ?? globalTracing;
    else {
      const config = fn.val.get('TracingConfig');
      // `TracingConfig: !If [...]` (or a parameter): decided at deployment, assume fine.
      if (config && (config.kind === 'opaque' || config.intrinsic())) continue;
      value = config?.get('Mode');
    }
    const on = isActive(value);
    if (on) continue;
    const fixes: Fix[] = [];
    if (value && on === false) {
      fixes.push({ id: 'enable-tracing', title: fixTitle('Active'), edits: [replaceValue(value, str('Active'))] });
      ctx.report({ span: value.span, message: `Tracing is ${value.source} for ${fn.id}: its requests cannot be traced across services.`, fixes });
      continue;
    }
    if (fn.format === 'sam') {
      const g = ensurePath(c.root, ['Globals', 'Function', 'Tracing'], str('Active'));
      if (g) fixes.push({ id: 'enable-tracing-globals', title: fixTitle('Globals.Function.Tracing: Active, for every function'), edits: [g], isPreferred: true });
      if (fn.val.kind === 'map') fixes.push({ id: 'enable-tracing', title: fixTitle(`Tracing: Active on ${fn.id}`), edits: [ensurePath(fn.val, ['Tracing'], str('Active'))!] });
    } else if (fn.val.kind === 'map') {
      const e = ensurePath(fn.val, ['TracingConfig', 'Mode'], str('Active'));
      if (e) fixes.push({ id: 'enable-tracing', title: fixTitle('TracingConfig.Mode: Active'), edits: [e] });
    }
    ctx.report({ span: fn.keySpan, message: `Function ${fn.id} runs without X-Ray tracing (${fn.format === 'sam' ? 'Tracing: Active' : 'TracingConfig.Mode: Active'} is not set).`, fixes });
  }
}

export default defineRule({
  id: 'require-function-tracing',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'info',
    title: 'Function runs without X-Ray tracing',
    description:
      'Without active tracing, a request cannot be followed from its trigger through the function to the services it calls. During an incident you cannot see which calls an attacker made, or where time and errors went. Provider or Globals defaults are honoured, and a function-level setting overrides them.',
    cwe: ['CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'safe',
  },
  check(ctx) {
    for (const c of ctx.model.configs) {
      if (uncheckableServerless(c)) continue;
      if (c.format === 'serverless') slsCheck(ctx, c);
      else samOrCfnCheck(ctx, c);
    }
  },
});
