import {
  ACCESS_LOG_FORMAT,
  addResource,
  type ApiModel,
  type ConfigModel,
  defineRule,
  ensurePath,
  type Fix,
  insertEntry,
  logGroupResource,
  mergeInsertions,
  type ModelRuleContext,
  type Out,
  replaceValue,
  RETENTION_DAYS,
  type Span,
  str,
  type TextEdit,
  uniqueId,
  type Val,
} from '../../server/src/engine/rule-kit.js';

type Verdict = { state: 'on' | 'unknown' | 'missing' } | { state: 'off'; val: Val; why: string; fixTo?: Out };

const KIND_NAME = { rest: 'REST API', http: 'HTTP API', websocket: 'websocket API' } as const;
const SLS_KEY = { rest: 'restApi', http: 'httpApi', websocket: 'websocket' } as const;

const unknown = (v: Val) => v.kind === 'opaque' || v.intrinsic() !== undefined;

/** serverless.yml `provider.logs.restApi` / `httpApi` / `websocket`: `true`, or a map (`accessLogging` defaults to true). */
function slsVerdict(api: ApiModel): Verdict {
  const v = api.accessLog;
  if (!v) return { state: 'missing' };
  if (unknown(v)) return { state: 'unknown' };
  const b = v.bool();
  if (b === true) return { state: 'on' };
  if (b === false) return { state: 'off', val: v, why: `provider.logs.${SLS_KEY[api.kind]} is false`, fixTo: { raw: 'true' } };
  if (v.kind === 'map') {
    const a = api.kind === 'http' ? undefined : v.get('accessLogging');
    if (a && a.bool() === false) return { state: 'off', val: a, why: 'accessLogging is false', fixTo: { raw: 'true' } };
    return { state: 'on' };
  }
  if (v.kind === 'null') return { state: 'off', val: v, why: `provider.logs.${SLS_KEY[api.kind]} is empty` };
  return { state: 'unknown' };
}

/** SAM/CloudFormation AccessLogSetting(s): a map with a DestinationArn. */
function cfnVerdict(api: ApiModel): Verdict {
  const v = api.accessLog;
  if (!v) return { state: 'missing' };
  if (unknown(v)) return { state: 'unknown' };
  // SAM deep-merges a Globals map into the API's own: the destination may come from either.
  const inherited = api.defaults?.get(api.kind === 'rest' ? 'AccessLogSetting' : 'AccessLogSettings');
  const dest = (v.kind === 'map' ? v.get('DestinationArn') : undefined) ?? (inherited?.kind === 'map' ? inherited.get('DestinationArn') : undefined);
  if (!dest || dest.kind === 'null') return { state: 'off', val: v, why: 'it has no DestinationArn' };
  return { state: 'on' };
}

function describe(api: ApiModel): string {
  const events = api.events.map((e) => e.trigger.label ?? e.fn.id);
  const list = events.length > 3 ? `${events.slice(0, 3).join(', ')}...` : events.join(', ');
  switch (api.origin) {
    case 'sam-implicit':
      return `The implicit ${KIND_NAME[api.kind]} ${api.id}, created by ${events.length} event${events.length === 1 ? '' : 's'} (${list}),`;
    case 'cfn-deployment':
      return `The stage that Deployment ${api.id} creates (${api.resource?.props?.get('StageName')?.str() ?? 'StageName'})`;
    case 'cfn-stage':
    case 'cfn-v2-stage':
      return `Stage ${api.id} of the ${KIND_NAME[api.kind]}`;
    default:
      return `${KIND_NAME[api.kind]} ${api.id}`;
  }
}

function missingSetting(api: ApiModel): string {
  const key = api.kind === 'rest' ? 'AccessLogSetting' : 'AccessLogSettings';
  if (api.origin === 'sam-implicit') return `set ${api.defaultsPath!.join('.')}.${key}`;
  if (api.origin === 'cfn-deployment') return 'StageDescription.AccessLogSetting is not set';
  return `${key} is not set${api.defaults ? ` here or in ${api.defaultsPath!.join('.')}` : ''}`;
}

/** The access log setting plus a new log group with a retention period, next to the API. */
function samCfnFix(c: ConfigModel, api: ApiModel): Fix | undefined {
  const taken = c.resources.map((r) => r.id);
  const lg = uniqueId(`${api.id}AccessLogs`, taken);
  const key = api.kind === 'rest' ? 'AccessLogSetting' : 'AccessLogSettings';
  const value: Out = { map: [['DestinationArn', { getAtt: [lg, 'Arn'] }], ['Format', str(ACCESS_LOG_FORMAT[api.kind])]] };
  const setting = api.origin === 'sam-implicit'
    ? ensurePath(c.root, [...api.defaultsPath!, key], value)
    : api.resource?.val.kind === 'map' ? ensurePath(api.resource.val, [...api.settingsPath, key], value) : undefined;
  const resource = addResource(c.root, c.format, lg, logGroupResource(), api.resource?.id);
  if (!setting || !resource) return undefined;
  return {
    id: 'enable-access-logging',
    title: `Send access logs to a new log group ${lg} (${RETENTION_DAYS}-day retention)`,
    edits: mergeInsertions([setting, resource]),
    isPreferred: true,
  };
}

function slsMissing(ctx: ModelRuleContext, c: ConfigModel, apis: ApiModel[]): void {
  const keys = apis.map((a) => SLS_KEY[a.kind]);
  const logs = c.provider?.get('logs');
  let edits: TextEdit[] | undefined;
  const value = (): Out => ({ map: keys.map((k): [string, Out] => [k, { raw: 'true' }]) });
  if (!logs) {
    const e = ensurePath(c.root, ['provider', 'logs'], value());
    edits = e ? [e] : undefined;
  } else if (logs.kind === 'map') edits = mergeInsertions(keys.map((k) => insertEntry(logs, k, { raw: 'true' })));
  const names = apis.map((a) => `the ${KIND_NAME[a.kind]} (${a.events.length} ${SLS_KEY[a.kind] === 'restApi' ? 'http' : SLS_KEY[a.kind]} event${a.events.length === 1 ? '' : 's'})`);
  ctx.report({
    span: apis[0].anchor,
    messageId: 'sls-logs-off', message: `API Gateway access logging is off for ${names.join(' and ')}: requests to ${apis.length === 1 ? 'it' : 'them'} leave no record. Set ${keys.map((k) => `provider.logs.${k}: true`).join(' and ')}.`,
    fixes: edits ? [{ id: 'enable-access-logging', title: `Turn on access logging (${keys.map((k) => `logs.${k}: true`).join(', ')})`, edits, isPreferred: true }] : [],
  });
}

function check(ctx: ModelRuleContext, c: ConfigModel, seen: Set<string>): void {
  const slsMissingApis: ApiModel[] = [];
  const key = (s: Span) => `${s.file}:${s.start}`;
  for (const api of c.apis ?? []) {
    if (api.origin === 'cfn-quick-create') {
      ctx.report({
        span: api.anchor,
        messageId: 'quick-create', message: `HTTP API ${api.id} uses quick create (Target): the $default stage it gets cannot log access. Remove Target and declare an AWS::ApiGatewayV2::Stage with AccessLogSettings.`,
      });
      continue;
    }
    const v = api.origin === 'sls' ? slsVerdict(api) : cfnVerdict(api);
    if (v.state === 'on' || v.state === 'unknown') continue;
    if (v.state === 'off') {
      // A Globals value shared by several APIs is one mistake: report it once.
      if (seen.has(key(v.val.span))) continue;
      seen.add(key(v.val.span));
      const span = v.val.kind === 'scalar' ? v.val.span : v.val.anchorSpan;
      ctx.report({
        span,
        messageId: 'logging-off', message: `Access logging is off for ${describe(api).replace(/,$/, '')}: ${v.why}.`,
        fixes: v.fixTo ? [{ id: 'enable-access-logging', title: 'Turn on access logging', edits: [replaceValue(v.val, v.fixTo)], isPreferred: true }] : [],
      });
      continue;
    }
    if (api.origin === 'sls') {
      slsMissingApis.push(api);
      continue;
    }
    const fix = samCfnFix(c, api);
    ctx.report({
      span: api.anchor,
      messageId: 'no-access-logging', message: `${describe(api)} has no access logging: requests to it leave no record (${missingSetting(api)}).`,
      fixes: fix ? [fix] : [],
    });
  }
  if (slsMissingApis.length > 0) slsMissing(ctx, c, slsMissingApis);
}

export default defineRule({
  id: 'require-api-access-logging',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'warning',
    title: 'API Gateway stage does not log access',
    description:
      'Without access logs, an API keeps no record of who called which route, from where, and with what result. Probing, credential stuffing and data exfiltration through the API cannot be seen or investigated. Covers serverless.yml provider.logs, SAM APIs (explicit, and the implicit ones events create) and CloudFormation stages.',
    cwe: ['CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'safe',
    messages: {
      'sls-logs-off': "serverless.yml: access logging is off for the REST or HTTP API of the service.",
      'quick-create': "An HTTP API made with quick create (Target) gets a $default stage that cannot log access.",
      'logging-off': "Access logging of an API stage is set, but off or unusable (the message says why).",
      'no-access-logging': "An API stage has no access log settings.",
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const c of ctx.model.configs) check(ctx, c, seen);
  },
});
