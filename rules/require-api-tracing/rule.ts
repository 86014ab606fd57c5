import {
  type ApiModel,
  appendItem,
  type ConfigModel,
  defineRule,
  ensurePath,
  type Fix,
  insertEntry,
  type ModelRuleContext,
  type Out,
  replaceValue,
  str,
  type TextEdit,
  type Val,
  writeSetting,
} from '../../server/src/engine/rule-kit.js';

type Verdict = 'on' | 'unknown' | 'missing' | { off: Val; why: string; fixTo: Out };

const LEVELS = new Set(['INFO', 'ERROR']);
const isUnknown = (v: Val) => v.kind === 'opaque' || v.intrinsic() !== undefined;

/** From the stage's tracing setting (its reader knows where TracingEnabled lives, and where a fix writes it). */
function tracingVerdict(api: ApiModel): Verdict {
  const s = api.tracingSetting;
  if (!s || s.state === 'unset') return 'missing';
  if (s.state === 'unknown' || s.value) return s.state === 'unknown' ? 'unknown' : 'on';
  return { off: s.val!, why: `${s.replace.where} is ${s.text}`, fixTo: { raw: 'true' } };
}

function levelVerdict(level: Val): Verdict {
  if (isUnknown(level)) return 'unknown';
  const s = level.str()?.toUpperCase();
  if (s && LEVELS.has(s)) return 'on';
  return { off: level, why: `LoggingLevel is ${level.source}`, fixTo: str('ERROR') };
}

/** Execution logging: serverless `logs.restApi.executionLogging`, or a LoggingLevel in MethodSettings / StageDescription. */
function executionVerdict(api: ApiModel): Verdict {
  if (api.origin === 'sls') {
    // No `logs.restApi` at all is require-api-access-logging's finding, and its fix turns both on.
    const e = api.accessLog?.kind === 'map' ? api.accessLog.get('executionLogging') : undefined;
    return e?.bool() === false ? { off: e, why: 'executionLogging is false', fixTo: { raw: 'true' } } : 'on';
  }
  // SAM concatenates a Globals list with the API's own: either may hold the level.
  const inherited = api.defaults?.get('MethodSettings');
  const verdicts = [
    api.loggingLevel ? levelVerdict(api.loggingLevel) : 'missing',
    methodSettingsVerdict(api.methodSettings),
    methodSettingsVerdict(inherited),
  ];
  if (verdicts.includes('on')) return 'on';
  if (verdicts.includes('unknown')) return 'unknown';
  return verdicts.find((v) => typeof v === 'object') ?? 'missing';
}

function methodSettingsVerdict(ms: Val | undefined): Verdict {
  if (!ms) return 'missing';
  if (isUnknown(ms)) return 'unknown';
  let off: Verdict | undefined;
  for (const item of ms.items()) {
    if (item.kind !== 'map') return 'unknown';
    const level = item.get('LoggingLevel');
    if (!level) continue;
    const v = levelVerdict(level);
    if (v === 'on' || v === 'unknown') return v;
    off ??= v;
  }
  return off ?? 'missing';
}

function label(api: ApiModel): string {
  if (api.origin === 'sls') return 'The REST API of this service';
  if (api.origin === 'sam-implicit') return `The implicit REST API ${api.id} (created by ${api.events.length} Api event${api.events.length === 1 ? '' : 's'})`;
  if (api.origin === 'cfn-deployment') return `The stage that Deployment ${api.id} creates`;
  if (api.origin === 'cfn-stage') return `Stage ${api.id}`;
  return `REST API ${api.id}`;
}

/** Where a new setting goes: `provider`, `Globals.Api`, or the stage's own settings map. */
function settingEdit(c: ConfigModel, api: ApiModel, path: string[], v: Out): TextEdit | undefined {
  if (api.origin === 'sls') return ensurePath(c.root, ['provider', ...path], v);
  if (api.origin === 'sam-implicit') return ensurePath(c.root, [...api.defaultsPath!, ...path], v);
  const res = api.resource?.val;
  return res?.kind === 'map' ? ensurePath(res, [...api.settingsPath, ...path], v) : undefined;
}

const ALL_METHODS: Out = { map: [['ResourcePath', str('/*')], ['HttpMethod', str('*')], ['LoggingLevel', str('ERROR')]] };

function executionFix(c: ConfigModel, api: ApiModel): TextEdit | undefined {
  if (api.origin === 'cfn-deployment') return settingEdit(c, api, ['LoggingLevel'], str('ERROR'));
  const ms = api.methodSettings;
  if (!ms) return settingEdit(c, api, ['MethodSettings'], { seq: [ALL_METHODS] });
  // A `/*` + `*` entry already there (for metrics or throttling): give it a level, do not duplicate it.
  const all = ms.items().find((i) => i.get('ResourcePath')?.str() === '/*' && i.get('HttpMethod')?.str() === '*');
  return all ? insertEntry(all, 'LoggingLevel', str('ERROR')) : appendItem(ms, ALL_METHODS);
}

function check(ctx: ModelRuleContext, c: ConfigModel, seen: Set<string>): void {
  for (const api of c.apis ?? []) {
    if (api.kind !== 'rest' || api.origin === 'cfn-quick-create') continue;
    const tracing = tracingVerdict(api);
    const execution = executionVerdict(api);
    for (const v of [tracing, execution]) {
      if (typeof v !== 'object') continue;
      const k = `${v.off.file}:${v.off.span.start}`;
      if (seen.has(k)) continue; // a Globals value shared by several APIs: one finding
      seen.add(k);
      const what = v === tracing ? 'X-Ray tracing' : 'execution logging';
      ctx.report({
        span: v.off.span,
        messageId: 'tracing-off', message: `${label(api)} runs without ${what}: ${v.why}.`,
        fixes: [{ id: v === tracing ? 'enable-api-tracing' : 'enable-execution-logging', title: `Turn on ${what}`, edits: [replaceValue(v.off, v.fixTo)], isPreferred: true }],
      });
    }
    const missing = [tracing === 'missing' ? 'X-Ray tracing' : undefined, execution === 'missing' ? 'execution logging' : undefined].filter(Boolean);
    if (missing.length === 0) continue;
    const fixes: Fix[] = [];
    if (tracing === 'missing' && api.tracingSetting?.state === 'unset') {
      // serverless.yml with no `provider.tracing` at all: the target writes `{ lambda: true, apiGateway: true }`, as require-function-tracing's does.
      fixes.push(...writeSetting(api.tracingSetting, true, { id: () => 'enable-api-tracing', title: 'Turn on X-Ray tracing for the API' }));
    }
    if (execution === 'missing') {
      const e = executionFix(c, api);
      if (e) fixes.push({ id: 'enable-execution-logging', title: 'Turn on execution logging at ERROR level (needs the account\'s API Gateway CloudWatch role)', edits: [e] });
    }
    const notSet = api.origin === 'sls' ? ['provider.tracing.apiGateway']
      : [tracing === 'missing' ? 'TracingEnabled' : '', execution === 'missing' ? (api.origin === 'cfn-deployment' ? 'StageDescription.LoggingLevel' : 'a MethodSettings LoggingLevel') : ''].filter(Boolean);
    ctx.report({
      span: api.anchor,
      messageId: 'tracing-unset', message: `${label(api)} runs without ${missing.join(' and ')} (${notSet.join(' and ')} ${notSet.length === 1 ? 'is' : 'are'} not set).`,
      fixes,
    });
  }
}

export default defineRule({
  id: 'require-api-tracing',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'info',
    title: 'REST API runs without X-Ray tracing or execution logging',
    description:
      'Without X-Ray tracing on the API stage, a request cannot be followed from API Gateway into the function and the services it calls; without execution logging, authorizer decisions, integration errors and throttling leave no trace. Both are what an investigation needs to explain what happened to a request.',
    cwe: ['CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'safe',
    messages: {
      'tracing-off': "X-Ray tracing or execution logging of a REST API stage is set, but off (the message says why).",
      'tracing-unset': "A REST API stage does not set X-Ray tracing or execution logging.",
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const c of ctx.model.configs) check(ctx, c, seen);
  },
});
