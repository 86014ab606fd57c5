// Python CDK apps into the application model, for the wiring of their functions: which code each
// function runs (`handler` + `Code.from_asset(dir)`, `PythonFunction(entry, index, handler)`,
// `NodejsFunction(entry)`) and what invokes it (event sources, bucket notifications, subscriptions,
// rule targets, API integrations, function URLs, custom-resource providers, Cognito triggers, IoT
// rules). That is what the handler analysis needs to know which event fields an attacker writes.
// IAM and settings are not read from Python stacks: the config is `wiringOnly` (its functions'
// roles are external and their settings unknown, so no config rule judges them), and a note says so.
import * as path from 'node:path';
import type * as YAML from 'yaml';
import { Val } from '../config/val.js';
import type { ParsedDocument } from '../config/parse.js';
import { makeDoc, map, scalar, setEditInfo, setRoot } from '../config/synthetic.js';
import { PyCdkApp, type PyCdkHost, type PyConstruct, type PV, type PySource } from '../config/cdk-py/interp.js';
import { runtimeId } from '../config/cdk/values.js';
import type { PyNode } from '../code/python-ast.js';
import type { ConfigModel, FunctionModel, HandlerRef, ModelNote, TriggerKind } from './types.js';
import type { Span } from '../types.js';
import { EVENT_SOURCES } from './cdk-parts.js';
import { resolveHandler } from './handlers.js';
import { unknownSettings } from './settings.js';

export interface CdkPySource {
  dir: string;
  entry: string;
}

export interface CdkPyHost extends PyCdkHost {
  exists(file: string): boolean;
  root: string;
}

/** The Python entry file `cdk.json` names: `python3 app.py`, `.venv/bin/python app.py` -> app.py. */
export function cdkPythonEntry(dir: string, cdkJson: string): string | undefined {
  let app: unknown;
  try {
    app = (JSON.parse(cdkJson) as { app?: unknown }).app;
  } catch {
    return undefined;
  }
  if (typeof app !== 'string' || !/(^|[\s/])python(\d(\.\d+)?)?\s/.test(app)) return undefined;
  const tok = app.split(/\s+/).find((t) => /\.py$/.test(t));
  return tok ? path.resolve(dir, tok) : undefined;
}

const FUNCTION_CLASSES: Record<string, 'function' | 'python' | 'nodejs'> = {
  'aws-lambda.Function': 'function', 'aws-lambda.SingletonFunction': 'function',
  'aws-lambda-python.PythonFunction': 'python', 'aws-lambda-nodejs.NodejsFunction': 'nodejs',
};

export function readCdkPython(src: CdkPySource, host: CdkPyHost, filesRead: Set<string>, notes: ModelNote[]): ConfigModel | undefined {
  const entry = host.load(src.entry);
  if (!entry) return undefined;
  const app = new PyCdkApp(host, host.root, src.dir);
  app.run(src.entry);
  for (const f of app.files) filesRead.add(f);
  const docs = new Map<string, ParsedDocument>();
  const docOf = (s: PySource) => docs.get(s.file) ?? docs.set(s.file, makeDoc(s.file, s.text, 'py')).get(s.file)!;
  const span = (n: PyNode, s: PySource): Span => ({ file: s.file, start: n.start, end: n.end });
  const valAt = (n: PyNode, s: PySource, value?: string): Val => {
    const d = docOf(s);
    const node: YAML.Node = value !== undefined ? scalar(d, value, n.start, n.end) : map(d, [], n.start, n.end);
    setEditInfo(node, { kind: 'read-only' });
    return new Val(node, d, undefined, span(n, s), 1);
  };

  const counts = new Map<string, number>();
  for (const c of app.constructs) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
  const fns = new Map<PyConstruct, FunctionModel>();
  for (const c of app.constructs) {
    const kind = FUNCTION_CLASSES[`${c.module}.${c.cls}`];
    if (!kind) continue;
    const id = (counts.get(c.id) ?? 0) > 1 ? `${c.id}#${fns.size + 1}` : c.id;
    const runtime = runtimeOf(c, kind);
    const val = valAt(c.node, c.src);
    fns.set(c, {
      id, format: 'cdk', file: c.src.file, keySpan: span(c.idNode, c.src), val,
      handler: handlerOf(c, kind, runtime?.value, host, src.dir, valAt),
      runtime: runtime ? { value: runtime.value, val: valAt(runtime.node, runtime.src, runtime.value) } : undefined,
      triggers: [], environment: [],
      role: { kind: 'external', val, text: 'set by the Python CDK app' },
      settings: unknownSettings(),
    });
  }
  const fnOf = (v: PV | undefined) => (v?.k === 'construct' ? fns.get(v.c) : undefined);
  const add = (fn: FunctionModel | undefined, kind: TriggerKind, n: PyNode, s: PySource, label: string) => {
    if (!fn || fn.triggers.some((t) => t.kind === kind && t.span.start === n.start && t.span.file === s.file)) return;
    fn.triggers.push({ kind, val: valAt(n, s), span: span(n, s), label });
  };
  const isObj = (v: PV | undefined, module: RegExp, cls: RegExp): v is Extract<PV, { k: 'obj' }> => v?.k === 'obj' && module.test(v.module) && cls.test(v.path.join('.'));
  const ruleKind = (c: PyConstruct): TriggerKind => (c.kw.has('schedule') ? 'schedule' : 'eventbridge');

  for (const c of app.constructs) {
    const fn = fns.get(c);
    for (const call of c.calls) {
      const a0 = call.args[0];
      if (fn && call.method === 'add_event_source' && isObj(a0, /^aws-lambda-event-sources$/, /./) && EVENT_SOURCES[a0.path.join('.')]) add(fn, EVENT_SOURCES[a0.path.join('.')], call.node, call.src, a0.path.join('.'));
      else if (fn && call.method === 'add_function_url') add(fn, 'functionUrl', call.node, call.src, `${c.id} URL`);
      else if (/^add_(event|object_created|object_removed)_notification$/.test(call.method)) {
        const dest = call.method === 'add_event_notification' ? call.args[1] : a0;
        if (isObj(dest, /^aws-s3-notifications$/, /^LambdaDestination$/)) add(fnOf(dest.args[0]), 's3', call.node, call.src, c.id);
      } else if (call.method === 'add_subscription' && isObj(a0, /^aws-sns-subscriptions$/, /^LambdaSubscription$/)) add(fnOf(a0.args[0]), 'sns', call.node, call.src, c.id);
      else if (call.method === 'add_target' && isObj(a0, /^aws-events-targets$/, /^LambdaFunction$/)) add(fnOf(a0.args[0]), ruleKind(c), call.node, call.src, c.id);
      else if (call.method === 'add_lambda_data_source') add(fnOf(call.args[1]), 'appsync', call.node, call.src, c.id);
      else if (call.method === 'add_trigger' && c.module === 'aws-cognito') add(fnOf(call.args[1]), 'cognito', call.node, call.src, c.id);
    }
    const kw = (name: string) => c.kw.get(name);
    if (c.module === 'aws-events' && c.cls === 'Rule') for (const t of items(kw('targets'))) if (isObj(t, /^aws-events-targets$/, /^LambdaFunction$/)) add(fnOf(t.args[0]), ruleKind(c), c.node, c.src, c.id);
    if (c.module === 'aws-apigateway' && c.cls === 'LambdaRestApi') add(fnOf(kw('handler')), 'api', c.node, c.src, c.id);
    if (c.module === 'aws-lambda' && c.cls === 'FunctionUrl') add(fnOf(kw('function')), 'functionUrl', c.node, c.src, c.id);
    if (c.module === 'custom-resources' && c.cls === 'Provider') add(fnOf(kw('on_event_handler')), 'customResource', c.node, c.src, c.id);
    if (c.module === 'core' && c.cls === 'CustomResource') add(fnOf(kw('service_token')), 'customResource', c.node, c.src, c.id);
    if (c.module === 'aws-iot' && c.cls === 'TopicRule') for (const a of items(kw('actions'))) if (isObj(a, /^aws-iot-actions$/, /^LambdaFunctionAction$/)) add(fnOf(a.args[0]), 'iot', c.node, c.src, c.id);
    if (c.module === 'aws-cognito' && c.cls === 'UserPool') {
      const lt = kw('lambda_triggers');
      const props = lt?.k === 'obj' ? lt.kw : lt?.k === 'dict' ? lt.props : undefined;
      for (const v of props?.values() ?? []) add(fnOf(v), 'cognito', c.node, c.src, c.id);
    }
    if (c.module === 'aws-scheduler' && c.cls === 'Schedule') {
      const t = kw('target');
      if (isObj(t, /^aws-scheduler-targets$/, /^LambdaInvoke$/)) add(fnOf(t.args[0]), 'schedule', c.node, c.src, c.id);
    }
  }
  // Integrations are objects handed to an API: the one that names a function makes it a route's target.
  for (const o of app.objects) {
    const cls = o.path.join('.');
    if (o.module === 'aws-apigateway' && cls === 'LambdaIntegration') add(fnOf(o.args[0]), 'api', o.node, o.src, 'API method');
    else if (/^aws-apigatewayv2(-integrations)?$/.test(o.module) && cls === 'HttpLambdaIntegration') add(fnOf(o.args[1] ?? o.kw.get('handler')), 'httpApi', o.node, o.src, 'HTTP API route');
    else if (/^aws-apigatewayv2(-integrations)?$/.test(o.module) && cls === 'WebSocketLambdaIntegration') add(fnOf(o.args[1] ?? o.kw.get('handler')), 'websocket', o.node, o.src, 'WebSocket route');
    // Lambda@Edge: `cloudfront.EdgeLambda(function_version=fn.current_version, event_type=...)` in a behavior.
    else if (o.module === 'aws-cloudfront' && cls === 'EdgeLambda') add(fnOf(o.kw.get('function_version')), 'cloudfront', o.node, o.src, 'CloudFront behavior');
    else if (o.module === 'aws-lambda-event-sources' && EVENT_SOURCES[cls] && o.kw.has('target')) add(fnOf(o.kw.get('target')), EVENT_SOURCES[cls], o.node, o.src, cls);
  }

  notes.push({
    span: { file: src.entry, start: 0, end: 0 },
    message: 'This Python CDK app is read for its functions\u2019 code and triggers only: their permissions and settings are not checked.',
  });
  const rootDoc = docOf(entry);
  const root = map(rootDoc, [], 0, 0);
  setRoot(rootDoc, root);
  return { file: src.entry, format: 'cdk', root: new Val(root, rootDoc), resources: [], functions: [...fns.values()], roles: [], resourcePolicies: [], wiringOnly: true };
}

function items(v: PV | undefined): PV[] {
  return v?.k === 'list' ? v.items : v ? [v] : [];
}

function lit(v: PV | undefined): string | undefined {
  return v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined;
}

function runtimeOf(c: PyConstruct, kind: string): { value: string; node: PyNode; src: PySource } | undefined {
  const r = c.kw.get('runtime');
  if (r?.k === 'sym' && r.module === 'aws-lambda' && r.path.length === 2 && r.path[0] === 'Runtime') {
    const value = runtimeId(r.path[1]);
    if (value) return { value, node: c.node, src: c.src };
  }
  // PythonFunction and NodejsFunction choose a runtime of their language when none is given.
  if (!r && kind === 'python') return { value: 'python3', node: c.idNode, src: c.src };
  if (!r && kind === 'nodejs') return { value: 'nodejs', node: c.idNode, src: c.src };
  return undefined;
}

function handlerOf(c: PyConstruct, kind: 'function' | 'python' | 'nodejs', runtime: string | undefined, host: CdkPyHost, appDir: string, valAt: (n: PyNode, s: PySource, value?: string) => Val): HandlerRef | undefined {
  const inRoot = (f: string) => !path.relative(host.root, f).startsWith('..') && host.exists(f);
  const entry = lit(c.kw.get('entry'));
  if (kind === 'python' || kind === 'nodejs') {
    const handler = lit(c.kw.get('handler')) ?? 'handler';
    const at = c.kw.get('entry');
    const span = at?.k === 'lit' ? { file: at.src.file, start: at.node.start, end: at.node.end } : { file: c.src.file, start: c.idNode.start, end: c.idNode.end };
    if (kind === 'nodejs') {
      const file = entry !== undefined ? [path.resolve(appDir, entry)].find(inRoot) : undefined;
      return { text: `${entry ?? '?'}#${handler}`, span, codeFile: file, exportPath: handler.split('.'), language: 'js' };
    }
    const index = lit(c.kw.get('index')) ?? 'index.py';
    const file = entry !== undefined ? [path.resolve(appDir, entry, index)].find(inRoot) : undefined;
    return { text: `${entry ?? '?'}/${index}#${handler}`, span, codeFile: file, exportPath: [handler], language: 'python' };
  }
  const h = c.kw.get('handler');
  const code = c.kw.get('code');
  if (h?.k !== 'lit' || typeof h.v !== 'string' || code?.k !== 'obj') return undefined;
  // `Code.from_asset(dir)`: the handler is relative to that folder (relative paths start where the app runs).
  const cls = code.path.join('.');
  const dir = /^(Code\.from_asset|AssetCode)$/.test(cls) ? lit(code.args[0] ?? code.kw.get('path')) : undefined;
  if (dir === undefined) return undefined;
  const codeDir = path.resolve(appDir, dir);
  return resolveHandler(valAt(h.node, h.src, h.v), runtime, codeDir, { baseDir: codeDir, exists: inRoot });
}
