// Routes that reach a function over HTTP, and the authorizers that protect them, resolved once for
// every format: serverless.yml `http` / `httpApi` / `alb` events, SAM `Api` / `HttpApi` events (with
// the API's and Globals' default authorizer), CloudFormation methods, HTTP API routes and load
// balancer rules (routes-cfn.ts). A route's auth is what a request must get past before the
// function runs; `unknown` when the config leaves it to something the model cannot read (an
// OpenAPI definition, a resource policy, an authorizer from another stack).
import type { Val } from '../config/val.js';
import type { Span, TextEdit } from '../types.js';
import { insertEntry, str } from '../fix/yaml-edit.js';
import type { ConfigModel, FunctionModel, ResourceModel, Trigger } from './types.js';
import { undecided } from './settings-yaml.js';
import { loadBalancerScheme, readCfnRoutes } from './routes-cfn.js';

export type RouteKind = 'rest' | 'http' | 'alb';
export type AuthorizerType = 'lambda' | 'cognito' | 'jwt' | 'iam' | 'oidc' | 'unknown';

export interface AuthorizerModel {
  /** Its name in config (sls authorizer name, SAM Authorizers key) or logical id. */
  id: string;
  type: AuthorizerType;
  /** Where it is declared. */
  span: Span;
  file: string;
  /** A Lambda authorizer's function, when it is in the model. */
  fn?: FunctionModel;
  /** HTTP API Lambda authorizers: the simple response format (`{ isAuthorized }`). */
  simpleResponses?: boolean;
  /** The routes it protects. */
  routes: RouteModel[];
  /** The API's default authorizer. */
  isDefault?: boolean;
  /** Routes may name it in a definition the model does not read (an OpenAPI body): never "unattached". */
  maybeReferenced?: boolean;
  /** The API it belongs to (a logical id; `rest` / `http` for the APIs serverless.yml creates). */
  api?: string;
  /** Edits that make it the API's default authorizer, when the format has one (SAM `Auth.DefaultAuthorizer`). */
  attachAsDefault?: () => TextEdit[] | undefined;
}

export type RouteAuth =
  | { kind: 'none'; /** `Authorizer: NONE`, `AuthorizationType: NONE`, written on purpose. */ explicit?: Span }
  | { kind: 'authorizer'; authorizer?: AuthorizerModel; type: AuthorizerType }
  | { kind: 'iam' }
  | { kind: 'api-key' }
  /** A private API, an internal load balancer, a resource policy that limits callers. */
  | { kind: 'private' }
  | { kind: 'unknown' };

export interface RouteModel {
  kind: RouteKind;
  /** Upper case; `ANY` for every method. */
  method: string;
  path: string;
  /** `GET /orders/{id}`. */
  label: string;
  /** Where a finding about the route goes: the event, the method, the route or the rule. */
  span: Span;
  file: string;
  /** The function that answers it, when it is in the model. */
  fn?: FunctionModel;
  auth: RouteAuth;
  /** The API it belongs to, as for authorizers. */
  api?: string;
  /** The event, method or route as written. */
  val?: Val;
}

export interface RoutesResult {
  routes: RouteModel[];
  authorizers: AuthorizerModel[];
}

export function readRoutes(c: Omit<ConfigModel, 'routes' | 'authorizers'>): RoutesResult {
  const out: RoutesResult = { routes: [], authorizers: [] };
  if (c.format === 'serverless') slsRoutes(c, out);
  if (c.format === 'sam') samRoutes(c, out);
  readCfnRoutes(c.resources, c.functions, out);
  for (const r of out.routes) if (r.auth.kind === 'authorizer') r.auth.authorizer?.routes.push(r);
  return out;
}

function route(kind: RouteKind, method: string | undefined, path: string | undefined, span: Span, fn: FunctionModel | undefined, auth: RouteAuth, val?: Val): RouteModel {
  const m = (method ?? 'ANY').toUpperCase();
  const p = path ?? '/';
  return { kind, method: m === '*' ? 'ANY' : m, path: p, label: `${m === '*' ? 'ANY' : m} ${p}`, span, file: span.file, fn, auth, val };
}

// ---- serverless.yml ----

function slsRoutes(c: Omit<ConfigModel, 'routes' | 'authorizers'>, out: RoutesResult): void {
  const provider = c.provider;
  const byKey = new Map(c.functions.map((f) => [f.id, f]));
  // HTTP API authorizers are declared once, under provider.httpApi.authorizers.
  const httpAuthorizers = new Map<string, AuthorizerModel>();
  for (const e of provider?.get('httpApi')?.get('authorizers')?.entries() ?? []) {
    const a = e.val;
    const fnKey = a.get('functionName')?.str();
    const type: AuthorizerType = a.get('type')?.str() === 'request' || fnKey || a.get('functionArn') ? 'lambda' : 'jwt';
    const model: AuthorizerModel = { id: e.key, type, span: e.keySpan, file: c.file, fn: fnKey ? byKey.get(fnKey) : undefined, simpleResponses: a.get('enableSimpleResponses')?.bool() === true, routes: [], api: 'http' };
    httpAuthorizers.set(e.key, model);
    out.authorizers.push(model);
  }
  const restAuthorizers = new Map<string, AuthorizerModel>();
  for (const fn of c.functions) {
    for (const t of fn.triggers) {
      if (t.kind === 'api') out.routes.push(slsRestRoute(fn, t, byKey, restAuthorizers, c.file, out));
      else if (t.kind === 'httpApi') out.routes.push(slsHttpRoute(fn, t, httpAuthorizers));
      else if (t.kind === 'alb') out.routes.push(slsAlbRoute(fn, t, c));
    }
  }
}

/** `http: GET /x`, or `{ method, path, authorizer, private }`. */
function slsRestRoute(fn: FunctionModel, t: Trigger, byKey: Map<string, FunctionModel>, authorizers: Map<string, AuthorizerModel>, file: string, out: RoutesResult): RouteModel {
  const v = t.val;
  const [m, p] = eventRoute(v);
  if (v.kind !== 'map') return route('rest', m, p, t.span, fn, { kind: 'none' }, v);
  const a = v.get('authorizer');
  let auth: RouteAuth = v.get('private')?.bool() === true ? { kind: 'api-key' } : { kind: 'none' };
  if (a && a.kind !== 'null') {
    if (undecided(a)) auth = { kind: 'unknown' };
    else {
      const name = a.str() ?? a.get('name')?.str();
      const arn = a.get('arn')?.str() ?? (name?.startsWith('arn:') ? name : undefined);
      const declared = (a.get('type')?.str() ?? '').toLowerCase();
      if (name?.toLowerCase() === 'aws_iam' || declared === 'aws_iam') auth = { kind: 'iam' };
      else if (arn?.includes(':cognito-idp:') || declared === 'cognito_user_pools') auth = { kind: 'authorizer', type: 'cognito' };
      else if (a.get('authorizerId')) auth = { kind: 'authorizer', type: 'unknown' };
      else if (name && byKey.has(name)) {
        // An authorizer function of this service, declared where it is first used.
        let model = authorizers.get(name);
        if (!model) {
          model = { id: name, type: 'lambda', span: a.anchorSpan, file, fn: byKey.get(name), routes: [], api: 'rest' };
          authorizers.set(name, model);
          out.authorizers.push(model);
        }
        auth = { kind: 'authorizer', authorizer: model, type: 'lambda' };
      } else auth = { kind: 'authorizer', type: arn ? 'lambda' : 'unknown' };
    }
  }
  return { ...route('rest', m, p, t.span, fn, auth, v), api: 'rest' };
}

/** `httpApi: 'GET /x'` / `'*'`, or `{ method, path, authorizer: { name | id | type: aws_iam } }`. */
function slsHttpRoute(fn: FunctionModel, t: Trigger, authorizers: Map<string, AuthorizerModel>): RouteModel {
  const v = t.val;
  const [m, p] = eventRoute(v);
  const a = v.kind === 'map' ? v.get('authorizer') : undefined;
  let auth: RouteAuth = { kind: 'none' };
  if (a && a.kind !== 'null') {
    const name = a.str() ?? a.get('name')?.str();
    if (undecided(a)) auth = { kind: 'unknown' };
    else if ((a.get('type')?.str() ?? '').toLowerCase() === 'aws_iam') auth = { kind: 'iam' };
    else if (name && authorizers.has(name)) auth = { kind: 'authorizer', authorizer: authorizers.get(name), type: authorizers.get(name)!.type };
    else auth = { kind: 'authorizer', type: 'unknown' };
  }
  return { ...route('http', m, p, t.span, fn, auth, v), api: 'http' };
}

/** `alb: { listenerArn, conditions: { path, method }, authorizer }`: public unless the listener is a local internal one. */
function slsAlbRoute(fn: FunctionModel, t: Trigger, c: Omit<ConfigModel, 'routes' | 'authorizers'>): RouteModel {
  const v = t.val;
  const cond = v.get('conditions');
  const path = cond?.get('path')?.list()[0]?.str();
  const method = cond?.get('method')?.list()[0]?.str();
  let auth: RouteAuth;
  const a = v.get('authorizer');
  if (a && a.kind !== 'null') auth = { kind: 'authorizer', type: 'oidc' };
  else {
    const listener = v.get('listenerArn')?.refTarget()?.id;
    const scheme = listener ? loadBalancerScheme(listener, c.resources) : undefined;
    auth = scheme === 'internet-facing' ? { kind: 'none' } : scheme === 'internal' ? { kind: 'private' } : { kind: 'unknown' };
  }
  return route('alb', method, path, t.span, fn, auth, v);
}

/** The method and path of an `http` / `httpApi` event, in its string or map form. */
function eventRoute(v: Val): [string | undefined, string | undefined] {
  const s = v.str();
  if (s !== undefined) {
    if (s === '*') return ['ANY', '*'];
    const sp = s.trim().split(/\s+/);
    return sp.length >= 2 ? [sp[0], sp[1]] : ['ANY', sp[0]];
  }
  return [v.get('method')?.str(), v.get('path')?.str()];
}

// ---- SAM ----

function samRoutes(c: Omit<ConfigModel, 'routes' | 'authorizers'>, out: RoutesResult): void {
  const fnById = new Map(c.functions.map((f) => [f.id, f]));
  const apis = new Map<string, SamApi>();
  const apiFor = (id: string | undefined, rest: boolean): SamApi => {
    const key = id ?? (rest ? 'ServerlessRestApi' : 'ServerlessHttpApi');
    let api = apis.get(key);
    if (!api) {
      const res = id ? c.resources.find((r) => r.id === id && (r.type === 'AWS::Serverless::Api' || r.type === 'AWS::Serverless::HttpApi')) : undefined;
      api = samApi(key, res, c.globals?.get(rest ? 'Api' : 'HttpApi'), c.file, fnById);
      apis.set(key, api);
      out.authorizers.push(...api.authorizers.values());
    }
    return api;
  };
  // Declared APIs count even when no event names them (their authorizers may be unattached).
  for (const r of c.resources) if (r.type === 'AWS::Serverless::Api' || r.type === 'AWS::Serverless::HttpApi') apiFor(r.id, r.type === 'AWS::Serverless::Api');
  for (const fn of c.functions) {
    if (fn.format !== 'sam') continue;
    for (const t of fn.triggers) {
      const type = t.val.get('Type')?.str();
      if (type !== 'Api' && type !== 'HttpApi') continue;
      const rest = type === 'Api';
      const props = t.val.get('Properties');
      const named = props?.get(rest ? 'RestApiId' : 'ApiId');
      // An API of another stack (`!ImportValue`, a literal id), or not a SAM API (an AWS::ApiGateway::RestApi,
      // whose methods are read as such): its auth is not known from the event.
      const samApiResource = t.apiId && c.resources.some((r) => r.id === t.apiId && r.type === (rest ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi'));
      if (named && !samApiResource) {
        out.routes.push(route(rest ? 'rest' : 'http', props?.get('Method')?.str(), props?.get('Path')?.str(), t.span, fn, { kind: 'unknown' }, t.val));
        continue;
      }
      const api = apiFor(t.apiId, rest);
      out.routes.push({ ...route(rest ? 'rest' : 'http', props?.get('Method')?.str(), props?.get('Path')?.str(), t.span, fn, samEventAuth(props?.get('Auth'), api), t.val), api: api.id });
    }
  }
}

interface SamApi {
  id: string;
  authorizers: Map<string, AuthorizerModel>;
  defaultAuth?: RouteAuth;
  apiKeyRequired: boolean;
  /** Private, resource policy, an OpenAPI definition: what is not an authorizer here is unknown. */
  restricted?: RouteAuth;
}

/** An explicit or implicit SAM API: its Auth (own keys, else Globals), authorizers and default. */
function samApi(id: string, res: ResourceModel | undefined, globals: Val | undefined, file: string, fnById: Map<string, FunctionModel>): SamApi {
  const props = res?.props;
  const auth = (key: string) => props?.get('Auth')?.get(key) ?? globals?.get('Auth')?.get(key);
  const api: SamApi = { id, authorizers: new Map(), apiKeyRequired: auth('ApiKeyRequired')?.bool() === true };
  const definition = !!(props?.get('DefinitionBody') || props?.get('DefinitionUri') || globals?.get('DefinitionUri'));
  // Making an authorizer the default: `DefaultAuthorizer: <name>` in the API's own Auth map.
  const authMap = props?.get('Auth');
  for (const e of (auth('Authorizers')?.entries() ?? [])) {
    const a = e.val;
    const fnId = a.get('FunctionArn')?.refTarget()?.id;
    const type: AuthorizerType = a.get('FunctionArn') ? 'lambda' : a.get('UserPoolArn') ? 'cognito' : a.get('JwtConfiguration') ? 'jwt' : 'unknown';
    api.authorizers.set(e.key, {
      id: e.key, type, span: e.keySpan, file, fn: fnId ? fnById.get(fnId) : undefined, routes: [], api: id,
      simpleResponses: a.get('EnableSimpleResponses')?.bool() === true, maybeReferenced: definition,
      attachAsDefault: authMap?.kind === 'map' && !authMap.get('DefaultAuthorizer') ? () => [insertEntry(authMap, 'DefaultAuthorizer', str(e.key))] : undefined,
    });
  }
  const def = auth('DefaultAuthorizer');
  const defName = def?.str();
  if (def && undecided(def)) api.defaultAuth = { kind: 'unknown' };
  else if (defName === 'AWS_IAM') api.defaultAuth = { kind: 'iam' };
  else if (defName && api.authorizers.has(defName)) {
    const a = api.authorizers.get(defName)!;
    a.isDefault = true;
    api.defaultAuth = { kind: 'authorizer', authorizer: a, type: a.type };
  } else if (defName) api.defaultAuth = { kind: 'authorizer', type: 'unknown' };
  const endpoint = props?.get('EndpointConfiguration') ?? globals?.get('EndpointConfiguration');
  const endpointType = endpoint?.str() ?? endpoint?.get('Type')?.str();
  const policy = auth('ResourcePolicy');
  if (endpointType?.toUpperCase() === 'PRIVATE' || (policy && policy.kind !== 'null')) api.restricted = { kind: 'private' };
  else if (definition) api.restricted = { kind: 'unknown' };
  return api;
}

/** An event's own `Auth` (Authorizer: NONE | AWS_IAM | name, ApiKeyRequired), over the API's default. */
function samEventAuth(auth: Val | undefined, api: SamApi): RouteAuth {
  const a = auth?.get('Authorizer');
  const name = a?.str();
  if (auth?.get('ApiKeyRequired')?.bool() === true) return { kind: 'api-key' };
  let result: RouteAuth;
  if (a && undecided(a)) result = { kind: 'unknown' };
  else if (name === 'NONE') result = { kind: 'none', explicit: a!.span };
  else if (name === 'AWS_IAM') result = { kind: 'iam' };
  else if (name && api.authorizers.has(name)) result = { kind: 'authorizer', authorizer: api.authorizers.get(name), type: api.authorizers.get(name)!.type };
  else if (name) result = { kind: 'authorizer', type: 'unknown' };
  else result = api.defaultAuth ?? { kind: 'none' };
  if (result.kind === 'none' && api.apiKeyRequired) return { kind: 'api-key' };
  if (result.kind === 'none' && api.restricted) return api.restricted;
  return result;
}
