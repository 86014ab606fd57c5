// What invokes the functions of a CDK app (model/cdk.ts), and the API stages, methods and routes it
// creates: event sources, notifications, subscriptions, rule targets, authorizers, integrations.
import type * as YAML from 'yaml';
import ts from 'typescript';
import { Val } from '../config/val.js';
import { getAtt, map, ref, scalar, seq, setEditInfo, type SynthEntry } from '../config/synthetic.js';
import type { Construct, CV, SourceRef } from '../config/cdk/interp.js';
import { rangeOf, toNode, tsDoc, type Conv } from '../config/cdk/values.js';
import type { writeSchema } from '../config/cdk/catalogue.js';
import type { ResourceModel, Trigger, TriggerKind } from './types.js';
import { arr, EVENT_SOURCES, eventSources, fnOf, keyRange, litOf, propValue, valOf, type Built } from './cdk-parts.js';

export function triggers(built: Built[], byConstruct: Map<Construct, Built>, idOf: (c: Construct) => string, all: ResourceModel[]): void {
  const add = (fb: Built | undefined, kind: TriggerKind, val: Val, span: ResourceModel['keySpan'], label: string, extra: Partial<Trigger> = {}) => {
    if (!fb?.fn || fb.fn.triggers.some((t) => t.kind === kind && t.val === val)) return;
    fb.fn.triggers.push({ kind, val, span, label, ...extra });
  };
  const byId = new Map(all.map((r) => [r.id, r]));
  const nodeVal = (node: ts.Node, src: SourceRef): { val: Val; span: ResourceModel['keySpan'] } => {
    const doc = tsDoc(src);
    const [s, e] = rangeOf(node, src);
    const m = map(doc, [], s, e);
    setEditInfo(m, { kind: 'read-only' });
    return { val: valOf(m, doc), span: { file: src.file, start: s, end: e } };
  };
  for (const b of built) {
    const c = b.c;
    for (const es of eventSources(c)) {
      const source = es.args[0]?.k === 'construct' ? idOf(es.args[0].c) : es.cls;
      const at = nodeVal(es.node, es.src);
      add(b, EVENT_SOURCES[es.cls], at.val, at.span, source);
    }
    for (const call of c.calls) {
      if (/^add(Event|ObjectCreated|ObjectRemoved)Notification$/.test(call.method)) {
        const dest = call.args[call.method === 'addEventNotification' ? 1 : 0];
        const at = nodeVal(call.node, call.src);
        add(fnOf(dest, byConstruct), 's3', at.val, at.span, b.id);
      } else if (call.method === 'addSubscription') {
        const at = nodeVal(call.node, call.src);
        add(fnOf(call.args[0], byConstruct), 'sns', at.val, at.span, b.id);
      } else if (call.method === 'addTarget') {
        const at = nodeVal(call.node, call.src);
        add(fnOf(call.args[0], byConstruct), propValue(c, 'schedule') ? 'schedule' : 'eventbridge', at.val, at.span, b.id);
      } else if (/^on[A-Z]\w*$/.test(call.method) && call.args[1]?.k === 'obj' && call.args[1].props.has('target')) {
        // `project.onBuildFailed('Id', { target: new targets.LambdaFunction(fn) })`: an EventBridge rule the construct makes.
        const at = nodeVal(call.node, call.src);
        add(fnOf(call.args[1].props.get('target')!.value, byConstruct), 'eventbridge', at.val, at.span, b.id);
      } else if (call.method === 'addLambdaDataSource') {
        const at = nodeVal(call.node, call.src);
        add(fnOf(call.args[1], byConstruct), 'appsync', at.val, at.span, b.id);
      }
    }
    if (c.module === 'aws-events' && c.cls === 'Rule' && b.res) {
      for (const t of arr(propValue(c, 'targets'))) add(fnOf(t, byConstruct), propValue(c, 'schedule') ? 'schedule' : 'eventbridge', b.res.val, b.res.keySpan, b.id);
    }
    if (c.module === 'aws-scheduler' && c.cls === 'Schedule' && b.res) add(fnOf(propValue(c, 'target'), byConstruct), 'schedule', b.res.val, b.res.keySpan, b.id);
    if (c.module === 'aws-stepfunctions-tasks' && /^LambdaInvoke$/.test(c.cls)) {
      const at = nodeVal(c.node, c.src);
      add(fnOf(propValue(c, 'lambdaFunction'), byConstruct), 'other', at.val, at.span, b.id);
    }
    if ((c.module === 'custom-resources' || c.module === 'core') && (c.cls === 'Provider' || c.cls === 'CustomResource')) {
      // A custom resource's handler: CloudFormation sends the event (ResponseURL and the ids are its own,
      // ResourceProperties the template author's): no field of it is attacker-controlled.
      const at = nodeVal(c.node, c.src);
      add(fnOf(propValue(c, 'onEventHandler'), byConstruct), 'customResource', at.val, at.span, b.id);
    }
    if (c.module === 'aws-apigateway' && /^(Token|Request)Authorizer$/.test(c.cls)) {
      const at = nodeVal(c.node, c.src);
      add(fnOf(propValue(c, 'handler'), byConstruct), 'other', at.val, at.span, b.id);
    }
    if (c.module === 'aws-cognito' && c.cls === 'UserPool' && b.res) {
      const lt = propValue(c, 'lambdaTriggers');
      if (lt?.k === 'obj') for (const [, p] of lt.props) add(fnOf(p.value, byConstruct), 'cognito', b.res.val, b.res.keySpan, b.id);
    }
  }
  // Methods and routes (resources made by apiResources), and function URLs.
  for (const r of all) {
    const fnId = r.props?.get('Integration')?.get('Uri')?.refTarget()?.id ?? r.props?.get('IntegrationUri')?.refTarget()?.id;
    const fb = fnId ? built.find((x) => x.id === fnId && x.fn) : undefined;
    if (r.type === 'AWS::ApiGateway::Method' && fb) add(fb, 'api', r.val, r.keySpan, `${r.props?.get('HttpMethod')?.str() ?? 'ANY'} ${apiPaths.get(r) ?? ''}`.trim());
    if (r.type === 'AWS::ApiGatewayV2::Route') {
      const integ = byId.get(r.props?.get('Target')?.refTarget()?.id ?? '');
      const id = integ?.props?.get('IntegrationUri')?.refTarget()?.id;
      const f = id ? built.find((x) => x.id === id && x.fn) : undefined;
      if (f) add(f, 'httpApi', r.val, r.keySpan, r.props?.get('RouteKey')?.str() ?? r.id);
    }
  }
  // Anything else that names a function (a custom resource's service token, a pipe's enrichment, an
  // agent's action group, a state machine task...): a service invokes it with an event of its own.
  // (After every other trigger: only functions with none get one this way.)
  const skip = (c: Construct) => ['aws-iam', 'aws-logs', 'aws-apigateway', 'aws-apigatewayv2', 'aws-events', 'aws-sns', 'aws-s3', 'aws-lambda-event-sources'].includes(c.module) || c.cls === 'CfnOutput' || /^(Alias|Version|EventSourceMapping|FunctionUrl|Permission)$/.test(c.cls);
  for (const b of built) {
    if (b.fn || skip(b.c)) continue;
    for (const fb of referencedFunctions(b.c.props, byConstruct)) {
      if (fb.fn && fb.fn.triggers.length === 0) {
        const at = nodeVal(b.c.idNode ?? b.c.node, b.c.src);
        add(fb, 'other', at.val, at.span, b.id);
      }
    }
  }
}

/** Functions a construct's props name (the construct, or one of its attributes), bounded. */
export function referencedFunctions(v: CV | undefined, byConstruct: Map<Construct, Built>): Built[] {
  const out: Built[] = [];
  const stack: { v: CV | undefined; d: number }[] = [{ v, d: 0 }];
  let n = 0;
  while (stack.length > 0 && n++ < 2000) {
    const { v: x, d } = stack.pop()!;
    if (!x || d > 8) continue;
    const c = x.k === 'construct' ? x.c : x.k === 'attr' ? x.c : undefined;
    const b = c ? byConstruct.get(c) : undefined;
    if (b?.fn && !out.includes(b)) out.push(b);
    if (x.k === 'obj') for (const p of x.props.values()) stack.push({ v: p.value, d: d + 1 });
    else if (x.k === 'arr') for (const it of x.items) stack.push({ v: it, d: d + 1 });
    else if (x.k === 'new' || x.k === 'call') for (const a of x.args) stack.push({ v: a, d: d + 1 });
  }
  return out;
}

export const apiPaths = new WeakMap<ResourceModel, string>();

/** The stage a REST or HTTP API creates, its methods and routes, with what secures them. */
export function apiResources(b: Built, idOf: (c: Construct) => string, byConstruct: Map<Construct, Built>): ResourceModel[] {
  const c = b.c;
  const out: ResourceModel[] = [];
  if (!b.res) return out;
  const doc = tsDoc(c.src);
  const [ks, ke] = keyRange(c);
  const mk = (id: string, type: string, entries: SynthEntry[], props?: { open: number; close: number; schema?: ReturnType<typeof writeSchema> }): ResourceModel => {
    const p = map(doc, entries, ks, ke);
    setEditInfo(p, props ? { kind: 'ts-object', ...props } : { kind: 'read-only' });
    const entry = map(doc, [{ key: 'Type', keyStart: ks, keyEnd: ke, value: scalar(doc, type, ks, ke) }, { key: 'Properties', keyStart: ks, keyEnd: ke, value: p }], ks, ke);
    setEditInfo(entry, { kind: 'read-only' });
    const keySpan = { file: c.src.file, start: ks, end: ke };
    return { id, type, file: c.src.file, keySpan, val: valOf(entry, doc, keySpan), props: valOf(p, doc) };
  };
  const e = (key: string, value: YAML.Node): SynthEntry => ({ key, keyStart: ks, keyEnd: ke, value });
  const ro = <T extends YAML.Node>(n: T): T => {
    setEditInfo(n, { kind: 'read-only' });
    return n;
  };
  if (c.module === 'aws-apigateway' && /RestApi$/.test(c.cls)) {
    if (propValue(c, 'deploy')?.k === 'lit' && (propValue(c, 'deploy') as { v: unknown }).v === false) return out;
    const opts = propValue(c, 'deployOptions');
    const o = opts?.k === 'obj' ? opts : undefined;
    const entries: SynthEntry[] = [e('RestApiId', ro(ref(doc, b.id, ks, ke)))];
    const get = (name: string, conv?: Conv) => {
      const p = o?.props.get(name);
      return p ? { key: p.key, node: toNode(p.value, p.expr, p.src, idOf, conv), src: p.src } : undefined;
    };
    const tracing = get('tracingEnabled');
    if (tracing) entries.push({ key: 'TracingEnabled', keyStart: rangeOf(tracing.key, tracing.src)[0], keyEnd: rangeOf(tracing.key, tracing.src)[1], value: tracing.node });
    const dest = get('accessLogDestination');
    if (dest) entries.push(e('AccessLogSetting', ro(map(doc, [{ key: 'DestinationArn', keyStart: ks, keyEnd: ke, value: dest.node }], ks, ke))));
    const level = get('loggingLevel', 'logLevel');
    if (level) entries.push(e('MethodSettings', ro(seq(doc, [ro(map(doc, [e('ResourcePath', ro(scalar(doc, '/*', ks, ke))), e('HttpMethod', ro(scalar(doc, '*', ks, ke))), e('LoggingLevel', level.node)], ks, ke))], ks, ke))));
    // Settings are written into the API's props (`deployOptions: { tracingEnabled: true }`).
    const obj = c.props?.k === 'obj' && ts.isObjectLiteralExpression(c.props.node) ? c.props : undefined;
    const [os, oe] = obj ? rangeOf(obj.node, obj.src) : [0, 0];
    const schema = { keys: { TracingEnabled: { name: 'tracingEnabled', path: ['deployOptions'] } } };
    out.push(mk(`${b.id}/DeploymentStage.prod`, 'AWS::ApiGateway::Stage', entries, obj ? { open: os + 1, close: oe - 1, schema } : undefined));
    // Methods: `api.root.addResource('x').addMethod('GET', new LambdaIntegration(fn), opts)`, and the proxy of a LambdaRestApi.
    const methods: { method: string; path: string; integration: CV | undefined; options: CV | undefined; node: ts.Node; src: SourceRef }[] = [];
    if (c.cls === 'LambdaRestApi' && propValue(c, 'proxy')?.k !== 'lit') {
      for (const p of ['/', '/{proxy+}']) methods.push({ method: 'ANY', path: p, integration: propValue(c, 'handler'), options: undefined, node: c.idNode ?? c.node, src: c.src });
    }
    for (const call of c.calls.filter((x) => x.method === 'addMethod')) methods.push({ method: litOf(call.args[0])?.toUpperCase() ?? 'ANY', path: call.apiPath ?? '/', integration: call.args[1], options: call.args[2], node: call.node, src: call.src });
    const defaults = propValue(c, 'defaultMethodOptions');
    // The API's resources, one per path segment (`/items/{id}`), so that a method's path can be read.
    const resourceIds = new Map<string, string>();
    const resourceFor = (p: string): YAML.Node => {
      if (p === '/' || p === '') return ro(getAtt(doc, b.id, 'RootResourceId', ks, ke));
      const known = resourceIds.get(p);
      if (known) return ro(ref(doc, known, ks, ke));
      const cut = p.lastIndexOf('/');
      const parent = resourceFor(p.slice(0, cut) || '/');
      const id = `${b.id}/Default${p}`;
      resourceIds.set(p, id);
      out.push(mk(id, 'AWS::ApiGateway::Resource', [e('RestApiId', ro(ref(doc, b.id, ks, ke))), e('ParentId', parent), e('PathPart', ro(scalar(doc, p.slice(cut + 1), ks, ke)))]));
      return ro(ref(doc, id, ks, ke));
    };
    for (const m of methods) {
      const [ms, me] = rangeOf(m.node, m.src);
      const md = tsDoc(m.src);
      const fb = fnOf(m.integration, byConstruct);
      const opt = m.options?.k === 'obj' ? m.options : defaults?.k === 'obj' ? defaults : undefined;
      const authType = opt?.props.get('authorizationType');
      const authorizer = opt?.props.get('authorizer');
      const me_: SynthEntry[] = [
        { key: 'HttpMethod', keyStart: ms, keyEnd: me, value: scalar(md, m.method, ms, me) }, { key: 'RestApiId', keyStart: ms, keyEnd: me, value: ref(md, b.id, ms, me) },
        { key: 'ResourceId', keyStart: ms, keyEnd: me, value: resourceFor(m.path) },
      ];
      const auth = authType ? toNode(authType.value, authType.expr, authType.src, idOf, 'methodAuth') : authorizer ? scalar(md, 'CUSTOM', ms, me) : scalar(md, 'NONE', ms, me);
      me_.push({ key: 'AuthorizationType', keyStart: ms, keyEnd: me, value: auth });
      if (authorizer) me_.push({ key: 'AuthorizerId', keyStart: ms, keyEnd: me, value: toNode(authorizer.value, authorizer.expr, authorizer.src, idOf) });
      if (fb) me_.push({ key: 'Integration', keyStart: ms, keyEnd: me, value: ro(map(md, [{ key: 'Uri', keyStart: ms, keyEnd: me, value: getAtt(md, fb.id, 'Arn', ms, me) }], ms, me)) });
      const p = map(md, me_, ms, me);
      setEditInfo(p, { kind: 'read-only' });
      const entry = map(md, [{ key: 'Type', keyStart: ms, keyEnd: me, value: scalar(md, 'AWS::ApiGateway::Method', ms, me) }, { key: 'Properties', keyStart: ms, keyEnd: me, value: p }], ms, me);
      setEditInfo(entry, { kind: 'read-only' });
      const keySpan = { file: m.src.file, start: ms, end: me };
      const r: ResourceModel = { id: `${b.id}/Default${m.path === '/' ? '' : m.path}/${m.method}`, type: 'AWS::ApiGateway::Method', file: m.src.file, keySpan, val: valOf(entry, md, keySpan), props: valOf(p, md) };
      apiPaths.set(r, m.path);
      out.push(r);
    }
  }
  if (c.module === 'aws-apigatewayv2' && c.cls === 'HttpApi') {
    if (!(propValue(c, 'createDefaultStage')?.k === 'lit' && (propValue(c, 'createDefaultStage') as { v: unknown }).v === false)) {
      out.push(mk(`${b.id}/DefaultStage`, 'AWS::ApiGatewayV2::Stage', [e('ApiId', ro(ref(doc, b.id, ks, ke))), e('StageName', ro(scalar(doc, '$default', ks, ke)))]));
    }
    const routes: { path: string; methods: string[]; integration: CV | undefined; authorizer?: CV; node: ts.Node; src: SourceRef }[] = [];
    const di = propValue(c, 'defaultIntegration');
    if (di) routes.push({ path: '$default', methods: [], integration: di, authorizer: propValue(c, 'defaultAuthorizer'), node: c.idNode ?? c.node, src: c.src });
    for (const call of c.calls.filter((x) => x.method === 'addRoutes')) {
      const o = call.args[0]?.k === 'obj' ? call.args[0] : undefined;
      const methods = arr(o?.props.get('methods')?.value).map((m) => (m.k === 'cdk' ? m.path[m.path.length - 1] : 'ANY'));
      routes.push({ path: litOf(o?.props.get('path')?.value) ?? '/{...}', methods: methods.length ? methods : ['ANY'], integration: o?.props.get('integration')?.value, authorizer: o?.props.get('authorizer')?.value ?? propValue(c, 'defaultAuthorizer'), node: call.node, src: call.src });
    }
    for (const r of routes) {
      const fb = fnOf(r.integration, byConstruct);
      const [rs, re] = rangeOf(r.node, r.src);
      const rd = tsDoc(r.src);
      const integId = `${b.id}/${r.path}-Integration`;
      if (fb) {
        const ip = map(rd, [{ key: 'ApiId', keyStart: rs, keyEnd: re, value: ref(rd, b.id, rs, re) }, { key: 'IntegrationUri', keyStart: rs, keyEnd: re, value: getAtt(rd, fb.id, 'Arn', rs, re) }], rs, re);
        setEditInfo(ip, { kind: 'read-only' });
        const ie = map(rd, [{ key: 'Type', keyStart: rs, keyEnd: re, value: scalar(rd, 'AWS::ApiGatewayV2::Integration', rs, re) }, { key: 'Properties', keyStart: rs, keyEnd: re, value: ip }], rs, re);
        const keySpan = { file: r.src.file, start: rs, end: re };
        out.push({ id: integId, type: 'AWS::ApiGatewayV2::Integration', file: r.src.file, keySpan, val: valOf(ie, rd, keySpan), props: valOf(ip, rd) });
      }
      for (const m of r.path === '$default' ? ['$default'] : r.methods) {
        const key = m === '$default' ? '$default' : `${m} ${r.path}`;
        const entries: SynthEntry[] = [
          { key: 'ApiId', keyStart: rs, keyEnd: re, value: ref(rd, b.id, rs, re) },
          { key: 'RouteKey', keyStart: rs, keyEnd: re, value: scalar(rd, key, rs, re) },
          { key: 'AuthorizationType', keyStart: rs, keyEnd: re, value: scalar(rd, r.authorizer ? 'CUSTOM' : 'NONE', rs, re) },
        ];
        if (fb) entries.push({ key: 'Target', keyStart: rs, keyEnd: re, value: ref(rd, integId, rs, re) });
        const p = map(rd, entries, rs, re);
        setEditInfo(p, { kind: 'read-only' });
        const ent = map(rd, [{ key: 'Type', keyStart: rs, keyEnd: re, value: scalar(rd, 'AWS::ApiGatewayV2::Route', rs, re) }, { key: 'Properties', keyStart: rs, keyEnd: re, value: p }], rs, re);
        const keySpan = { file: r.src.file, start: rs, end: re };
        out.push({ id: `${b.id}/${key}`, type: 'AWS::ApiGatewayV2::Route', file: r.src.file, keySpan, val: valOf(ent, rd, keySpan), props: valOf(p, rd) });
      }
    }
  }
  return out;
}
