import { defineRule, type ModelRuleContext } from '../../server/src/engine/rule.js';
import type { Val } from '../../server/src/engine/config/val.js';
import { uncheckableServerless } from '../../server/src/engine/model/apis.js';
import type { ConfigModel, FunctionModel } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { ensurePath, replaceValue, str } from '../../server/src/engine/fix/yaml-edit.js';

type Verdict = 'json' | 'unknown' | 'missing' | { off: Val };

function verdict(v: Val | undefined): Verdict {
  if (!v) return 'missing';
  if (v.kind === 'opaque' || v.intrinsic()) return 'unknown';
  const s = v.str();
  if (s === undefined) return v.kind === 'null' ? 'missing' : 'unknown';
  return s.toUpperCase() === 'JSON' ? 'json' : { off: v };
}

/** A map that is an intrinsic (`!If`) could hold anything: the format is unknown. */
const opaqueMap = (m: Val | undefined) => !!m && (m.kind === 'opaque' || m.intrinsic() !== undefined);

function reportOff(ctx: ModelRuleContext, v: Val, who: string, seen: Set<string>): void {
  const k = `${v.file}:${v.span.start}`;
  if (seen.has(k)) return; // a Globals value shared by several functions: one finding
  seen.add(k);
  ctx.report({
    span: v.span,
    message: `${who} writes plain-text logs (log format ${v.source}): they cannot be queried by field.`,
    fixes: [{ id: 'enable-json-logs', title: 'Write JSON logs (LogFormat: JSON)', edits: [replaceValue(v, str('JSON'))], isPreferred: true, changesBehaviour: true }],
  });
}

function samCfnCheck(ctx: ModelRuleContext, c: ConfigModel, seen: Set<string>): void {
  const gLogging = c.globals?.get('Function')?.get('LoggingConfig');
  for (const fn of c.functions) {
    const own = fn.val.get('LoggingConfig');
    if (opaqueMap(own) || (fn.format === 'sam' && opaqueMap(gLogging))) continue;
    // SAM deep-merges Globals.Function.LoggingConfig into the function's own.
    const value = own?.get('LogFormat') ?? (fn.format === 'sam' ? gLogging?.get('LogFormat') : undefined);
    const v = verdict(value);
    if (v === 'json' || v === 'unknown') continue;
    if (v !== 'missing') {
      reportOff(ctx, v.off, `Function ${fn.id}`, seen);
      continue;
    }
    const fixes: Fix[] = [];
    if (fn.format === 'sam') {
      const g = ensurePath(c.root, ['Globals', 'Function', 'LoggingConfig', 'LogFormat'], str('JSON'));
      if (g) fixes.push({ id: 'enable-json-logs-globals', title: 'Write JSON logs for every function (Globals.Function.LoggingConfig.LogFormat: JSON)', edits: [g], isPreferred: true, changesBehaviour: true });
    }
    const ownFix = fn.val.kind === 'map' ? ensurePath(fn.val, ['LoggingConfig', 'LogFormat'], str('JSON')) : undefined;
    if (ownFix) fixes.push({ id: 'enable-json-logs', title: `Write JSON logs (LoggingConfig.LogFormat: JSON on ${fn.id})`, edits: [ownFix], changesBehaviour: true });
    ctx.report({
      span: fn.keySpan,
      message: `Function ${fn.id} writes plain-text logs (LoggingConfig.LogFormat: JSON is not set): its log lines and Lambda's own records cannot be queried by field.`,
      fixes,
    });
  }
}

/** Serverless Framework v1-v3 have no native setting (v4 and the oss-serverless v3 fork do): skip those. */
function pinnedBeforeV4(c: ConfigModel): boolean {
  const v = c.root.get('frameworkVersion')?.str();
  if (!v) return false;
  if (v.includes('>') && !v.includes('<')) return false; // open-ended (`>=2.24.0`): v4 satisfies it
  const m = /(\d+)/.exec(v);
  return !!m && Number(m[1]) < 4;
}

/** serverless's logical id of a function: `users-create` -> `UsersDashcreateLambdaFunction`. */
function slsFunctionId(key: string): string {
  const n = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}LambdaFunction`;
}

function slsCheck(ctx: ModelRuleContext, c: ConfigModel, seen: Set<string>): void {
  if (pinnedBeforeV4(c)) return;
  const provider = c.provider;
  const logs = provider?.get('logs');
  // `logs: ${file(...)}` (or `lambda:` from a variable) that cannot be read: unknown.
  if (opaqueMap(logs) || opaqueMap(logs?.get('lambda'))) return;
  const providerFormat = logs?.get('lambda')?.get('logFormat');
  const resources = c.root.get('resources');
  const parts = resources?.kind === 'seq' ? resources.items() : resources ? [resources] : [];
  // `resources.extensions.<Fn>LambdaFunction.Properties.LoggingConfig` overrides the generated function.
  const extended = (fn: FunctionModel) => parts.map((p) => p.get('extensions')?.get(slsFunctionId(fn.id))?.get('Properties')?.get('LoggingConfig')?.get('LogFormat')).find(Boolean);
  const plain: FunctionModel[] = [];
  for (const fn of c.functions) {
    const value = fn.val.get('logs')?.get('logFormat') ?? extended(fn) ?? providerFormat;
    const v = verdict(value);
    if (v === 'json' || v === 'unknown') continue;
    if (v === 'missing') plain.push(fn);
    else reportOff(ctx, v.off, value === providerFormat ? 'provider.logs.lambda' : `Function ${fn.id}`, seen);
  }
  if (plain.length === 0) return;
  const edit = ensurePath(c.root, ['provider', 'logs', 'lambda', 'logFormat'], str('JSON'));
  ctx.report({
    span: c.root.entry('provider')?.keySpan ?? plain[0].keySpan,
    message: `${plain.map((f) => f.id).join(', ')} write${plain.length === 1 ? 's' : ''} plain-text logs: set provider.logs.lambda.logFormat: JSON so that log lines can be queried by field.`,
    fixes: edit ? [{ id: 'enable-json-logs', title: 'Write JSON logs (provider.logs.lambda.logFormat: JSON)', edits: [edit], isPreferred: true, changesBehaviour: true }] : [],
  });
}

export default defineRule({
  id: 'require-structured-logging',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'info',
    title: 'Function logs are plain text, not structured JSON',
    description:
      "With Lambda's JSON log format, every log line and Lambda's own platform records carry the request id, level and timestamp as fields, so an investigation can filter and correlate them with CloudWatch Logs Insights. Plain-text logs must be parsed by hand, and levels cannot be filtered at the source.",
    cwe: ['CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'unsafe',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const c of ctx.model.configs) {
      if (uncheckableServerless(c)) continue;
      if (c.format === 'serverless') slsCheck(ctx, c, seen);
      else samCfnCheck(ctx, c, seen);
    }
  },
});
