// API Gateway APIs and stages, with the settings that decide whether their requests are logged and
// traced. Where a setting lives depends on who creates the stage:
//  - serverless.yml: the framework creates one REST, one HTTP and one websocket API when events need
//    them (unless `provider.apiGateway.restApiId` / `httpApi.id` / `apiGateway.websocketApiId` attach
//    to an external one); their logs and tracing are `provider.logs.*` and `provider.tracing.apiGateway`.
//  - SAM: `AWS::Serverless::Api` / `HttpApi` (with `Globals.Api` / `Globals.HttpApi` defaults), and the
//    IMPLICIT `ServerlessRestApi` / `ServerlessHttpApi` that `Api` / `HttpApi` events create when they
//    name no `RestApiId` / `ApiId` (only Globals can configure those).
//  - CloudFormation: `AWS::ApiGateway::Stage`, the stage an `AWS::ApiGateway::Deployment` with a
//    `StageName` creates (configured by its `StageDescription`), `AWS::ApiGatewayV2::Stage`, and the
//    `$default` stage of a quick-create `AWS::ApiGatewayV2::Api` (`Target`), which cannot be configured.
// The model only collects the values; rules decide what they mean.
import type { Val } from '../config/val.js';
import type { Span } from '../types.js';
import type { ConfigModel, FunctionModel, ResourceModel, Trigger } from './types.js';
import type { Setting } from './settings.js';
import { boolCodec, pathTarget, resolve, type Layer } from './settings-yaml.js';
import { slsTracingBoth } from './settings-sls.js';

export type ApiKind = 'rest' | 'http' | 'websocket';

export type ApiOrigin =
  | 'sls' // created by the Serverless Framework for the service's events
  | 'sam-api' // AWS::Serverless::Api
  | 'sam-httpapi' // AWS::Serverless::HttpApi
  | 'sam-implicit' // ServerlessRestApi / ServerlessHttpApi, created by events
  | 'cfn-stage' // AWS::ApiGateway::Stage
  | 'cfn-deployment' // the stage of an AWS::ApiGateway::Deployment with StageName
  | 'cfn-v2-stage' // AWS::ApiGatewayV2::Stage
  | 'cfn-quick-create'; // AWS::ApiGatewayV2::Api with Target: its $default stage has no settings

export interface ApiEvent {
  fn: FunctionModel;
  trigger: Trigger;
}

export interface ApiModel {
  /** Logical id; `ServerlessRestApi` / `ServerlessHttpApi` for SAM's implicit APIs; `rest` / `http` / `websocket` for serverless.yml. */
  id: string;
  kind: ApiKind;
  origin: ApiOrigin;
  file: string;
  /** Where something missing is reported: the logical id, the first event creating an implicit API, or `provider:`. */
  anchor: Span;
  /** The resource entry (SAM/CFN), so that fixes can create `Properties` when it has none. */
  resource?: ResourceModel;
  /** Key path, from the resource entry, of the map the settings are written in. */
  settingsPath: string[];
  /** The map the settings are written in, when it exists (Properties, StageDescription, `provider`). */
  settings?: Val;
  /** Defaults the API inherits: SAM `Globals.Api` / `Globals.HttpApi`. */
  defaults?: Val;
  /** Path of the defaults from the template root, e.g. ['Globals', 'Api']. */
  defaultsPath?: string[];
  /** The events (SAM/sls) routed to this API. */
  events: ApiEvent[];
  /** Access logging: SAM/CFN AccessLogSetting(s); sls `provider.logs.restApi` / `httpApi` / `websocket`. */
  accessLog?: Val;
  /** REST only: TracingEnabled; sls `provider.tracing.apiGateway`. */
  tracing?: Val;
  /** REST only: X-Ray tracing of the stage, resolved with its defaults and where a fix writes it. */
  tracingSetting?: Setting<boolean>;
  /** REST: MethodSettings (a list); websocket V2 stages: DefaultRouteSettings. */
  methodSettings?: Val;
  /** A Deployment's StageDescription.LoggingLevel (execution logging for every method). */
  loggingLevel?: Val;
}

/** A setting, from the API's own map, else from its defaults. */
function setting(own: Val | undefined, defaults: Val | undefined, key: string): Val | undefined {
  return own?.get(key) ?? defaults?.get(key);
}

/**
 * A serverless.yml whose API settings cannot be checked against AWS defaults: its whole `provider`
 * is a value we cannot read (`provider: ${file(./missing.yml)}`). (A serverless.yml for another cloud
 * never reaches the model: build.ts leaves it out.)
 */
export function uncheckableServerless(c: Pick<ConfigModel, 'format' | 'provider'>): boolean {
  if (c.format !== 'serverless') return false;
  if (c.provider && (c.provider.kind === 'opaque' || c.provider.intrinsic())) return true;
  const name = c.provider?.get('name')?.str();
  return name !== undefined && name.toLowerCase() !== 'aws';
}

export function readApis(c: Omit<ConfigModel, 'apis'>): ApiModel[] {
  const out: ApiModel[] = [];
  if (uncheckableServerless(c)) return out;
  if (c.format === 'serverless') out.push(...slsApis(c));
  if (c.format === 'sam') out.push(...samApis(c));
  out.push(...cfnStages(c.resources));
  for (const api of out) if (api.kind === 'rest' && api.origin !== 'cfn-quick-create') api.tracingSetting = tracingSetting(c, api);
  return out;
}

/** A REST stage's TracingEnabled: its own value, else the SAM Globals one; a fix writes it where the stage is configured. */
function tracingSetting(c: Omit<ConfigModel, 'apis'>, api: ApiModel): Setting<boolean> {
  if (api.origin === 'sls') {
    const layer: Layer<boolean> = { base: c.provider, path: ['tracing', 'apiGateway'], from: 'shared', where: 'provider.tracing.apiGateway', codec: boolCodec };
    const target = c.provider?.get('tracing') ? pathTarget(c.root, ['provider', 'tracing', 'apiGateway'], boolCodec, 'provider.tracing.apiGateway', 'shared') : slsTracingBoth(c.root);
    return resolve([layer], () => ({ anchor: api.anchor, targets: [target] }));
  }
  const ownPath = api.origin === 'cfn-deployment' ? ['StageDescription', 'TracingEnabled'] : ['TracingEnabled'];
  const layers: Layer<boolean>[] = [];
  if (api.origin !== 'sam-implicit') layers.push({ base: api.resource?.props, path: ownPath, from: 'function', where: 'TracingEnabled', codec: boolCodec });
  if (api.defaults) layers.push({ base: api.defaults, path: ['TracingEnabled'], from: 'shared', where: `${api.defaultsPath!.join('.')}.TracingEnabled`, codec: boolCodec });
  const target = api.origin === 'sam-implicit'
    ? pathTarget(c.root, [...api.defaultsPath!, 'TracingEnabled'], boolCodec, `${api.defaultsPath!.join('.')}.TracingEnabled`, 'shared')
    : pathTarget(api.resource?.val, [...api.settingsPath, 'TracingEnabled'], boolCodec, 'TracingEnabled', 'function');
  return resolve(layers, () => ({ anchor: api.anchor, targets: [target] }));
}

function slsApis(c: Omit<ConfigModel, 'apis'>): ApiModel[] {
  const provider = c.provider;
  const anchor = c.root.entry('provider')?.keySpan;
  // A value we cannot read (`${ssm:...}`, an unresolved include) stands for every key below it.
  const under = (v: Val | undefined, key: string) => (v && (v.kind === 'opaque' || v.intrinsic()) ? v : v?.get(key));
  const logs = provider?.get('logs');
  const events = (kind: Trigger['kind']) => c.functions.flatMap((fn) => fn.triggers.filter((t) => t.kind === kind).map((trigger) => ({ fn, trigger })));
  const make = (id: ApiKind, evs: ApiEvent[], accessLog: Val | undefined, tracing?: Val): ApiModel => ({
    id, kind: id, origin: 'sls', file: c.file, anchor: anchor ?? evs[0].trigger.span, settingsPath: [], settings: provider, events: evs, accessLog, tracing,
  });
  const out: ApiModel[] = [];
  const rest = events('api');
  // An external API (restApiId, httpApi.id, websocketApiId) is configured where it is created, not here.
  if (rest.length > 0 && !provider?.get('apiGateway')?.get('restApiId')) {
    out.push(make('rest', rest, under(logs, 'restApi'), under(provider?.get('tracing'), 'apiGateway')));
  }
  const http = events('httpApi');
  if (http.length > 0 && !provider?.get('httpApi')?.get('id')) out.push(make('http', http, under(logs, 'httpApi')));
  const ws = events('websocket');
  if (ws.length > 0 && !provider?.get('apiGateway')?.get('websocketApiId')) out.push(make('websocket', ws, under(logs, 'websocket')));
  return out;
}

function samApis(c: Omit<ConfigModel, 'apis'>): ApiModel[] {
  const out: ApiModel[] = [];
  const gApi = c.globals?.get('Api');
  const gHttp = c.globals?.get('HttpApi');
  const byId = new Map<string, ApiModel>();
  for (const r of c.resources) {
    if (r.type !== 'AWS::Serverless::Api' && r.type !== 'AWS::Serverless::HttpApi') continue;
    const rest = r.type === 'AWS::Serverless::Api';
    const defaults = rest ? gApi : gHttp;
    const api: ApiModel = {
      id: r.id, kind: rest ? 'rest' : 'http', origin: rest ? 'sam-api' : 'sam-httpapi', file: r.file, anchor: r.keySpan, resource: r,
      settingsPath: ['Properties'], settings: r.props, defaults, defaultsPath: ['Globals', rest ? 'Api' : 'HttpApi'], events: [],
      accessLog: setting(r.props, defaults, rest ? 'AccessLogSetting' : 'AccessLogSettings'),
      tracing: rest ? setting(r.props, defaults, 'TracingEnabled') : undefined,
      methodSettings: rest ? setting(r.props, defaults, 'MethodSettings') : undefined,
    };
    byId.set(r.id, api);
    out.push(api);
  }
  const implicit: Partial<Record<'rest' | 'http', ApiModel>> = {};
  for (const fn of c.functions) {
    if (fn.format !== 'sam') continue;
    for (const trigger of fn.triggers) {
      // Only SAM events create APIs (triggers inferred from permissions or integrations do not).
      const type = trigger.val.get('Type')?.str();
      if (type !== 'Api' && type !== 'HttpApi') continue;
      const rest = type === 'Api';
      const named = trigger.val.get('Properties')?.get(rest ? 'RestApiId' : 'ApiId');
      if (named) {
        if (trigger.apiId) byId.get(trigger.apiId)?.events.push({ fn, trigger });
        continue;
      }
      const key = rest ? 'rest' : 'http';
      let api = implicit[key];
      if (!api) {
        const defaults = rest ? gApi : gHttp;
        api = implicit[key] = {
          id: rest ? 'ServerlessRestApi' : 'ServerlessHttpApi', kind: key, origin: 'sam-implicit', file: fn.file, anchor: trigger.span,
          settingsPath: [], defaults, defaultsPath: ['Globals', rest ? 'Api' : 'HttpApi'], events: [],
          accessLog: defaults?.get(rest ? 'AccessLogSetting' : 'AccessLogSettings'),
          tracing: rest ? defaults?.get('TracingEnabled') : undefined,
          methodSettings: rest ? defaults?.get('MethodSettings') : undefined,
        };
        out.push(api);
      }
      api.events.push({ fn, trigger });
    }
  }
  return out;
}

function cfnStages(resources: ResourceModel[]): ApiModel[] {
  const out: ApiModel[] = [];
  const byId = new Map(resources.map((r) => [r.id, r]));
  for (const r of resources) {
    const p = r.props;
    const base = { id: r.id, file: r.file, anchor: r.keySpan, resource: r, events: [] };
    switch (r.type) {
      case 'AWS::ApiGateway::Stage':
        out.push({
          ...base, kind: 'rest', origin: 'cfn-stage', settingsPath: ['Properties'], settings: p,
          accessLog: p?.get('AccessLogSetting'), tracing: p?.get('TracingEnabled'), methodSettings: p?.get('MethodSettings'),
        });
        break;
      case 'AWS::ApiGateway::Deployment': {
        // Only a Deployment with StageName creates a stage; StageDescription configures it.
        if (!p?.get('StageName')) break;
        const d = p.get('StageDescription');
        out.push({
          ...base, kind: 'rest', origin: 'cfn-deployment', settingsPath: ['Properties', 'StageDescription'], settings: d,
          accessLog: d?.get('AccessLogSetting'), tracing: d?.get('TracingEnabled'), methodSettings: d?.get('MethodSettings'), loggingLevel: d?.get('LoggingLevel'),
        });
        break;
      }
      case 'AWS::ApiGatewayV2::Stage': {
        const target = p?.get('ApiId')?.refTarget();
        const api = target ? byId.get(target.id) : undefined;
        const ws = api?.type === 'AWS::ApiGatewayV2::Api' && api.props?.get('ProtocolType')?.str()?.toUpperCase() === 'WEBSOCKET';
        out.push({
          ...base, kind: ws ? 'websocket' : 'http', origin: 'cfn-v2-stage', settingsPath: ['Properties'], settings: p,
          accessLog: p?.get('AccessLogSettings'), methodSettings: ws ? p?.get('DefaultRouteSettings') : undefined,
        });
        break;
      }
      case 'AWS::ApiGatewayV2::Api':
        // Quick create: `Target` makes API Gateway create a `$default` stage that cannot be configured.
        if (p?.get('Target') && p.get('ProtocolType')?.str()?.toUpperCase() !== 'WEBSOCKET') {
          out.push({ ...base, kind: 'http', origin: 'cfn-quick-create', settingsPath: ['Properties'], settings: p });
        }
        break;
    }
  }
  return out;
}
