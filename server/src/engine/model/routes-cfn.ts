// CloudFormation routes (also in SAM templates and serverless.yml `resources`): REST API methods
// (`AWS::ApiGateway::Method`, with their resource path and authorizer), HTTP API routes
// (`AWS::ApiGatewayV2::Route` and quick-create APIs), and load balancer listeners and rules that
// forward to a Lambda target group.
import type { Val } from '../config/val.js';
import type { FunctionModel, ResourceModel } from './types.js';
import type { AuthorizerModel, AuthorizerType, RouteAuth, RouteModel, RoutesResult } from './routes.js';
import { referencedIds } from './refs.js';
import { flatItems } from './statements.js';

const MAX_PATH_DEPTH = 32;

export function readCfnRoutes(resources: ResourceModel[], functions: FunctionModel[], out: RoutesResult): void {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const fnById = new Map(functions.map((f) => [f.id, f]));
  const fnIn = (v: Val | undefined) => [...referencedIds(v)].map((id) => fnById.get(id)).find(Boolean);
  const authorizers = new Map<string, AuthorizerModel>();
  for (const r of resources) {
    if (r.type !== 'AWS::ApiGateway::Authorizer' && r.type !== 'AWS::ApiGatewayV2::Authorizer') continue;
    const p = r.props;
    const t = (p?.get('Type')?.str() ?? p?.get('AuthorizerType')?.str() ?? '').toUpperCase();
    const type: AuthorizerType = t === 'COGNITO_USER_POOLS' ? 'cognito' : t === 'JWT' ? 'jwt' : t === 'TOKEN' || t === 'REQUEST' ? 'lambda' : 'unknown';
    const a: AuthorizerModel = { id: r.id, type, span: r.keySpan, file: r.file, fn: type === 'lambda' ? fnIn(p?.get('AuthorizerUri')) : undefined, routes: [], simpleResponses: p?.get('EnableSimpleResponses')?.bool() === true, api: (p?.get('RestApiId') ?? p?.get('ApiId'))?.refTarget()?.id };
    authorizers.set(r.id, a);
    out.authorizers.push(a);
  }
  const authOf = (p: Val, apiPrivate: boolean): RouteAuth => {
    const typeVal = p.get('AuthorizationType');
    if (typeVal && (typeVal.kind === 'opaque' || typeVal.intrinsic())) return { kind: 'unknown' };
    const type = (typeVal?.str() ?? 'NONE').toUpperCase();
    if (p.get('ApiKeyRequired')?.bool() === true) return { kind: 'api-key' };
    if (type === 'AWS_IAM') return { kind: 'iam' };
    if (type !== 'NONE') {
      const id = p.get('AuthorizerId')?.refTarget()?.id;
      const a = id ? authorizers.get(id) : undefined;
      return { kind: 'authorizer', authorizer: a, type: a?.type ?? (type === 'COGNITO_USER_POOLS' ? 'cognito' : type === 'JWT' ? 'jwt' : 'unknown') };
    }
    if (apiPrivate) return { kind: 'private' };
    // AuthorizationType is required in CloudFormation: NONE there is the usual value, not a deliberate exception.
    return { kind: 'none' };
  };
  for (const r of resources) {
    const p = r.props;
    if (!p) continue;
    if (r.type === 'AWS::ApiGateway::Method') {
      const integration = p.get('Integration');
      const fn = fnIn(integration?.get('Uri'));
      const api = byId.get(p.get('RestApiId')?.refTarget()?.id ?? '');
      out.routes.push({ ...routeOf('rest', p.get('HttpMethod')?.str(), restPath(p.get('ResourceId'), byId), r, fn, authOf(p, restApiRestricted(api))), api: api?.id });
    } else if (r.type === 'AWS::ApiGatewayV2::Route') {
      const api = byId.get(p.get('ApiId')?.refTarget()?.id ?? '');
      if (isWebsocket(api)) continue;
      const integration = [...referencedIds(p.get('Target'))].map((id) => byId.get(id)).find((x) => x?.type === 'AWS::ApiGatewayV2::Integration');
      const fn = fnIn(integration?.props?.get('IntegrationUri'));
      const [method, path] = routeKey(p.get('RouteKey')?.str());
      out.routes.push({ ...routeOf('http', method, path, r, fn, authOf(p, false)), api: api?.id });
    } else if (r.type === 'AWS::ApiGatewayV2::Api' && p.get('Target') && !isWebsocket(r)) {
      // Quick create: a `$default` route to the target, with no authorizer.
      const [method, path] = routeKey(p.get('RouteKey')?.str() ?? '$default');
      out.routes.push({ ...routeOf('http', method, path, r, fnIn(p.get('Target')), { kind: 'none' }), api: r.id });
    } else if (r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' || r.type === 'AWS::ElasticLoadBalancingV2::Listener') {
      const rule = r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule';
      const actions = flatItems(p.get(rule ? 'Actions' : 'DefaultActions'));
      const forward = actions.map((a) => byId.get(a.get('TargetGroupArn')?.refTarget()?.id ?? '')).find((tg) => tg?.props?.get('TargetType')?.str() === 'lambda');
      const fn = forward ? flatItems(forward.props?.get('Targets')).map((t) => fnIn(t.get('Id'))).find(Boolean) : undefined;
      if (!forward) continue;
      const authenticated = actions.some((a) => /^authenticate-(cognito|oidc)$/.test(a.get('Type')?.str() ?? ''));
      const listenerId = rule ? p.get('ListenerArn')?.refTarget()?.id : r.id;
      const scheme = listenerId ? loadBalancerScheme(listenerId, resources) : undefined;
      const auth: RouteAuth = authenticated ? { kind: 'authorizer', type: 'oidc' } : scheme === 'internal' ? { kind: 'private' } : scheme === 'internet-facing' ? { kind: 'none' } : { kind: 'unknown' };
      const path = rule ? flatItems(p.get('Conditions')).map((c) => c.get('PathPatternConfig')?.get('Values')?.list()[0]?.str() ?? (c.get('Field')?.str() === 'path-pattern' ? c.get('Values')?.list()[0]?.str() : undefined)).find(Boolean) : '*';
      out.routes.push(routeOf('alb', 'ANY', path, r, fn, auth));
    }
  }
}

function routeOf(kind: RouteModel['kind'], method: string | undefined, path: string | undefined, r: ResourceModel, fn: FunctionModel | undefined, auth: RouteAuth): RouteModel {
  const m = (method ?? 'ANY').toUpperCase();
  const p = path ?? '/';
  return { kind, method: m, path: p, label: `${m} ${p}`, span: r.keySpan, file: r.file, fn, auth, val: r.val };
}

/** `GET /items`, `$default`, `ANY /{proxy+}`. */
function routeKey(key: string | undefined): [string, string] {
  if (!key || key === '$default') return ['ANY', '$default'];
  const sp = key.trim().split(/\s+/);
  return sp.length >= 2 ? [sp[0], sp[1]] : ['ANY', sp[0]];
}

function isWebsocket(api: ResourceModel | undefined): boolean {
  return api?.props?.get('ProtocolType')?.str()?.toUpperCase() === 'WEBSOCKET';
}

/** A private REST API, or one whose resource policy limits who may call it. */
function restApiRestricted(api: ResourceModel | undefined): boolean {
  const p = api?.props;
  if (!p) return false;
  const types = flatItems(p.get('EndpointConfiguration')?.get('Types')).map((t) => t.str()?.toUpperCase());
  return types.includes('PRIVATE') || !!p.get('Policy');
}

/** The path of a REST resource, from its PathPart up through its parents (`!GetAtt Api.RootResourceId` is `/`). */
function restPath(resourceId: Val | undefined, byId: Map<string, ResourceModel>): string {
  const parts: string[] = [];
  let cur = resourceId?.refTarget();
  const seen = new Set<string>();
  for (let i = 0; cur && i < MAX_PATH_DEPTH; i++) {
    if (cur.attr === 'RootResourceId' || seen.has(cur.id)) break;
    seen.add(cur.id);
    const res = byId.get(cur.id);
    if (res?.type !== 'AWS::ApiGateway::Resource') break;
    parts.unshift(res.props?.get('PathPart')?.str() ?? '?');
    cur = res.props?.get('ParentId')?.refTarget();
  }
  return `/${parts.join('/')}`;
}

/** The scheme of the load balancer a listener belongs to, when both are resources of the config. */
export function loadBalancerScheme(listenerId: string, resources: ResourceModel[]): 'internet-facing' | 'internal' | undefined {
  const listener = resources.find((r) => r.id === listenerId && r.type === 'AWS::ElasticLoadBalancingV2::Listener');
  const lbId = listener?.props?.get('LoadBalancerArn')?.refTarget()?.id;
  const lb = resources.find((r) => r.id === lbId && r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  if (!lb) return undefined;
  const scheme = lb.props?.get('Scheme');
  if (!scheme) return 'internet-facing'; // the default
  const s = scheme.str();
  return s === 'internal' ? 'internal' : s === 'internet-facing' ? 'internet-facing' : undefined;
}
