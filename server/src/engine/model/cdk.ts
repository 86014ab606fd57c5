// CDK apps into the application model. The app is read statically (config/cdk/interp.ts); each
// construct becomes the CloudFormation resource it creates, with a property map keyed by
// CloudFormation names over the TypeScript source (config/cdk/values.ts), so that the same rules
// read it. What the CDK adds on the app's behalf is modelled too: the role a function gets when it
// names none (AWSLambdaBasicExecutionRole, plus what grants and addToRolePolicy add to its default
// policy), the statements of grant methods (their actions taken from aws-cdk-lib at build time,
// scripts/gen-cdk-grants.mjs), the permission and stage an API creates, the triggers of event
// sources, subscriptions, notifications, rule targets, integrations and function URLs.
import * as path from 'node:path';
import type * as YAML from 'yaml';
import ts from 'typescript';
import { Val } from '../config/val.js';
import type { ParsedDocument } from '../config/parse.js';
import { getAtt, map, scalar, seq, setEditInfo, setRoot, type SynthEntry } from '../config/synthetic.js';
import { CdkApp, type Construct, type CV, type SourceRef } from '../config/cdk/interp.js';
import { rangeOf, toNode, tsDoc, type Conv } from '../config/cdk/values.js';
import { classSpec, propKey, writeSchema, type ClassSpec } from '../config/cdk/catalogue.js';
import type { ConfigModel, FunctionModel, HandlerRef, ModelNote, PolicyDoc, ResourceModel, RoleModel } from './types.js';
import { readPolicyDocument, readManagedPolicy } from './statements.js';
import { inferTriggers, readResourcePolicies } from './cloudformation.js';
import { arr, keyRange, litOf, propExpr, propValue, SOURCE_GRANT, eventSources, valOf, type Built } from './cdk-parts.js';
import { explicitRole, generatedRole, GRANTS, grantNode, grantStatement, logRetention, permissionResource, publicReadPolicy, resourcePolicy, statementNode } from './cdk-iam.js';
import { apiResources, triggers } from './cdk-events.js';
import { readEnvironment, resolveHandler } from './handlers.js';
import { unknownSettings } from './settings.js';
import { cdkInlineHandler } from './cdk-inline.js';

export interface CdkSource {
  /** The folder of `cdk.json`. */
  dir: string;
  /** The app's entry file (from `cdk.json` `app`). */
  entry: string;
}

export interface CdkModelHost {
  load(file: string): SourceRef | undefined;
  exists(file: string): boolean;
  root: string;
}

/** Per CDK config, the source ranges that belong to each construct: its `new` and the calls made on it. */
const RANGES = new WeakMap<ConfigModel, { id: string; file: string; start: number; end: number }[]>();

export function constructRanges(c: ConfigModel): { id: string; file: string; start: number; end: number }[] {
  return RANGES.get(c) ?? [];
}


/** The entry file `cdk.json` names: `npx ts-node --prefer-ts-exts bin/app.ts` -> bin/app.ts. */
export function cdkEntry(dir: string, cdkJson: string): string | undefined {
  let app: unknown;
  try {
    app = (JSON.parse(cdkJson) as { app?: unknown }).app;
  } catch {
    return undefined;
  }
  if (typeof app !== 'string') return undefined;
  const tok = app.split(/\s+/).find((t) => /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(t));
  return tok ? path.resolve(dir, tok) : undefined;
}


export function readCdk(src: CdkSource, host: CdkModelHost, filesRead: Set<string>, notes: ModelNote[]): ConfigModel | undefined {
  const entrySrc = host.load(src.entry);
  if (!entrySrc) return undefined;
  const app = new CdkApp(host, host.root);
  app.run(src.entry);
  for (const f of app.files) filesRead.add(f);
  if (app.exhausted) notes.push({ span: { file: src.entry, start: 0, end: 0 }, message: 'This CDK app is larger than FaaSGuard reads statically: constructs past that point are not checked.' });

  // Construct ids: the path below the stack (`Api/Handler`), or the whole path when that is ambiguous.
  const short = (c: Construct) => (c.path.length > 1 ? c.path.slice(1) : c.path).join('/');
  const counts = new Map<string, number>();
  for (const c of app.constructs) counts.set(short(c), (counts.get(short(c)) ?? 0) + 1);
  const ids = new Map<Construct, string>(app.constructs.map((c) => [c, (counts.get(short(c)) ?? 0) > 1 ? c.path.join('/') : short(c)]));
  const idOf = (c: Construct) => ids.get(c) ?? c.path.join('/');

  const built: Built[] = [];
  const byConstruct = new Map<Construct, Built>();
  const extra: ResourceModel[] = [];
  for (const c of app.constructs) {
    const spec = classSpec(c.module, c.cls);
    const b: Built = { c, spec, id: idOf(c) };
    if (spec) b.res = resourceOf(c, spec, b.id, idOf);
    built.push(b);
    byConstruct.set(c, b);
  }
  const resources = () => [...built.flatMap((b) => (b.res ? [b.res] : [])), ...extra];

  // Roles: explicit ones, and the role a function gets when it names none.
  const roles: RoleModel[] = [];
  for (const b of built) if (b.spec?.type === 'AWS::IAM::Role' && b.res) b.role = explicitRole(b, idOf);
  for (const b of built) if (b.role) roles.push(b.role);
  const functions: FunctionModel[] = [];
  for (const b of built) {
    if (!b.spec?.fn || !b.res?.props) continue;
    b.fn = functionOf(b, host);
    functions.push(b.fn);
    const roleProp = propValue(b.c, 'role');
    if (roleProp?.k === 'construct' && byConstruct.get(roleProp.c)?.role) b.fn.role = { kind: 'role', role: byConstruct.get(roleProp.c)!.role! };
    else if (roleProp && roleProp.k !== 'unknown') b.fn.role = { kind: 'external', val: b.res.props.get('Role') ?? b.res.val };
    else if (b.spec.type === 'AWS::Lambda::Function' && b.c.cls !== 'CfnFunction') {
      const role = generatedRole(b);
      roles.push(role);
      b.role = role;
      b.fn.role = { kind: 'role', role };
    }
  }
  const roleFor = (v: CV | undefined): RoleModel | undefined => {
    if (v?.k !== 'construct') return undefined;
    const b = byConstruct.get(v.c);
    return b?.role ?? (b?.fn?.role.kind === 'role' ? b.fn.role.role : undefined);
  };
  const statements = new Map<RoleModel, { nodes: YAML.Node[]; src: SourceRef; label: string }>();
  const addStatement = (role: RoleModel | undefined, node: YAML.Node | undefined, at: SourceRef, label = 'DefaultPolicy') => {
    if (!role || !node) return;
    const entry = statements.get(role) ?? { nodes: [], src: at, label };
    entry.nodes.push(node);
    statements.set(role, entry);
  };

  for (const b of built) {
    const c = b.c;
    // Statements given at creation: `initialPolicy`, `new iam.Policy({statements, roles})`.
    for (const st of arr(propValue(c, 'initialPolicy'))) addStatement(b.fn?.role.kind === 'role' ? b.fn.role.role : undefined, statementNode(st, idOf), c.src);
    if (c.module === 'aws-iam' && (c.cls === 'Policy' || c.cls === 'ManagedPolicy')) {
      const targets = [...arr(propValue(c, 'roles')), ...c.calls.filter((x) => x.method === 'attachToRole').map((x) => x.args[0])];
      for (const t of targets) for (const st of arr(propValue(c, 'statements'))) addStatement(roleFor(t), statementNode(st, idOf), c.src, `${c.cls} ${b.id}`);
      for (const x of c.calls.filter((y) => y.method === 'addStatements')) for (const t of targets) for (const st of x.args) addStatement(roleFor(t), statementNode(st, idOf), x.src, `${c.cls} ${b.id}`);
    }
    for (const call of c.calls) {
      const m = call.method;
      const ownRole = b.role ?? (b.fn?.role.kind === 'role' ? b.fn.role.role : undefined);
      if (m === 'addToRolePolicy' || m === 'addToPolicy' || m === 'addToPrincipalPolicy' || m === 'role.addToPrincipalPolicy' || m === 'role.addToPolicy') addStatement(ownRole, statementNode(call.args[0], idOf), call.src);
      else if (m === 'addManagedPolicy' || m === 'role.addManagedPolicy') {
        const v = call.args[0];
        if (ownRole && v) ownRole.managedPolicies.push(readManagedPolicy(valOf(toNode(v, call.node.arguments[0] ?? call.node, call.src, idOf), tsDoc(call.src))));
      } else if (m === 'attachInlinePolicy' || m === 'role.attachInlinePolicy') {
        // `role.attachInlinePolicy(policy)` and `fn.role?.attachInlinePolicy(policy)`: the policy's statements, also those added later.
        const p = call.args[0];
        if (p?.k === 'construct') {
          for (const st of arr(propValue(p.c, 'statements'))) addStatement(ownRole, statementNode(st, idOf), p.c.src, `Policy ${idOf(p.c)}`);
          for (const x of p.c.calls.filter((y) => y.method === 'addStatements')) for (const st of x.args) addStatement(ownRole, statementNode(st, idOf), x.src, `Policy ${idOf(p.c)}`);
        }
      } else if (/^grant/.test(m)) {
        const g = grantStatement(b, call, idOf, extra);
        if (g) addStatement(roleFor(call.args[0]), g, call.src);
      } else if (m === 'addPermission') extra.push(permissionResource(b, call, idOf));
      else if (m === 'addToResourcePolicy') {
        const r = resourcePolicy(b, call, idOf);
        if (r) extra.push(r);
      }
    }
    // Event sources read from a queue, stream or table: the CDK grants the function that too.
    for (const es of eventSources(c)) {
      const grant = es.k === 'new' ? SOURCE_GRANT[es.cls] : undefined;
      const target = es.k === 'new' ? es.args[0] : undefined;
      if (grant && target?.k === 'construct' && b.fn?.role.kind === 'role') {
        const actions = GRANTS[target.c.module]?.[grant];
        if (actions) addStatement(b.fn.role.role, grantNode(actions, target.c, es.node, es.src, idOf), es.src);
      }
    }
    // `logRetention`: the CDK sets the retention of the function's log group with a custom resource.
    const lr = c.props?.k === 'obj' ? c.props.props.get('logRetention') : undefined;
    if (b.fn && lr) extra.push(logRetention(b, lr, idOf));
    if (c.module === 'aws-s3' && c.cls === 'Bucket' && propValue(c, 'publicReadAccess')?.k === 'lit') {
      const v = propValue(c, 'publicReadAccess') as Extract<CV, { k: 'lit' }>;
      if (v.v === true) extra.push(publicReadPolicy(b, v, idOf));
    }
  }
  for (const [role, s] of statements) {
    const doc = tsDoc(s.src);
    const list = seq(doc, s.nodes, 0, 0);
    setEditInfo(list, { kind: 'read-only' });
    const m = map(doc, [{ key: 'Statement', keyStart: 0, keyEnd: 0, value: list }], 0, 0);
    setEditInfo(m, { kind: 'read-only' });
    const pd = readPolicyDocument(valOf(m, doc), `${role.id} ${s.label}`);
    if (pd) role.policies.push(pd as PolicyDoc);
  }

  // APIs: stages and methods the CDK creates, and the triggers of every kind.
  for (const b of built) extra.push(...apiResources(b, idOf, byConstruct));
  const all = resources();
  triggers(built, byConstruct, idOf, all);
  inferTriggers(functions, all);

  // The app as a template, over its entry file: rules that look resources up by id read it.
  const doc = tsDoc(entrySrc);
  const entries: SynthEntry[] = all.map((r) => ({ key: r.id, keyStart: r.keySpan.start, keyEnd: r.keySpan.end, value: r.val.node as YAML.Node }));
  const resMap = map(doc, entries, 0, entrySrc.sf.text.length);
  setEditInfo(resMap, { kind: 'read-only' });
  const root = map(doc, [{ key: 'Resources', keyStart: 0, keyEnd: 0, value: resMap }], 0, entrySrc.sf.text.length);
  setEditInfo(root, { kind: 'read-only' });
  const pdoc = { ...doc, doc: undefined } as ParsedDocument;
  setRoot(pdoc, root);
  for (const fn of functions) {
    if (fn.role.kind === 'external') notes.push({ span: fn.role.val.span, message: `The role of ${fn.id} is defined outside this app: its permissions are not checked.` });
  }
  const config: ConfigModel = { file: src.entry, format: 'cdk', root: Val.root(pdoc)!, resources: all, functions, roles, resourcePolicies: readResourcePolicies(all) };
  const ranges: { id: string; file: string; start: number; end: number }[] = [];
  for (const b of built) {
    const [s0, e0] = rangeOf(b.c.node, b.c.src);
    ranges.push({ id: b.id, file: b.c.src.file, start: s0, end: e0 });
    // A call on a grantee counts for the grantee too (`table.grantReadData(fn)` is fn's permission).
    for (const call of b.c.calls) {
      const [s1, e1] = rangeOf(call.node, call.src);
      ranges.push({ id: b.id, file: call.src.file, start: s1, end: e1 });
      const g = call.args[0];
      if (g?.k === 'construct') ranges.push({ id: idOf(g.c), file: call.src.file, start: s1, end: e1 });
    }
  }
  RANGES.set(config, ranges);
  return config;
}

function resourceOf(c: Construct, spec: ClassSpec, id: string, idOf: (c: Construct) => string): ResourceModel {
  const doc = tsDoc(c.src);
  const [ns, ne] = rangeOf(c.node, c.src);
  const [ks, ke] = keyRange(c);
  const obj = c.props?.k === 'obj' ? c.props : undefined;
  const top: SynthEntry[] = [];
  const nested = new Map<string, SynthEntry[]>();
  for (const [name, p] of obj?.props ?? []) {
    const k = propKey(spec, name);
    const [ps, pe] = rangeOf(p.key, p.src);
    const value = toNode(p.value, p.expr, p.src, idOf, k.conv as Conv | undefined);
    if (k.cfn.length === 1) top.push({ key: k.cfn[0], keyStart: ps, keyEnd: pe, value });
    else {
      const list = nested.get(k.cfn[0]) ?? [];
      list.push({ key: k.cfn[1], keyStart: ps, keyEnd: pe, value });
      nested.set(k.cfn[0], list);
    }
  }
  for (const [key, list] of nested) {
    const m = map(doc, list, list[0].keyStart, list[0].keyEnd);
    setEditInfo(m, { kind: 'read-only' });
    top.push({ key, keyStart: list[0].keyStart, keyEnd: list[0].keyEnd, value: m });
  }
  // `fn.addFunctionUrl({...})`: the URL's function is the one called; its auth type defaults to AWS_IAM.
  if (c.parent && c.cls === 'FunctionUrl') {
    top.push({ key: 'TargetFunctionArn', keyStart: ks, keyEnd: ke, value: getAtt(doc, idOf(c.parent), 'Arn', ns, ne) });
  }
  // A LogGroup keeps its events two years unless told otherwise (the CDK's default).
  if (c.module === 'aws-logs' && c.cls === 'LogGroup' && !top.some((t) => t.key === 'RetentionInDays')) {
    const d = scalar(doc, 731, ks, ke);
    setEditInfo(d, { kind: 'read-only' });
    top.push({ key: 'RetentionInDays', keyStart: ks, keyEnd: ke, value: d });
  }
  if (c.module === 'aws-lambda' && c.cls === 'FunctionUrl' && !top.some((t) => t.key === 'AuthType')) {
    const iam = scalar(doc, 'AWS_IAM', ns, ne);
    setEditInfo(iam, { kind: 'read-only' });
    top.push({ key: 'AuthType', keyStart: ks, keyEnd: ke, value: iam });
  }
  const [os, oe] = obj ? rangeOf(obj.node, obj.src) : [ns, ne];
  const props = map(doc, top, os, oe);
  setEditInfo(props, obj && ts.isObjectLiteralExpression(obj.node) ? { kind: 'ts-object', open: os + 1, close: oe - 1, schema: writeSchema(spec) } : { kind: 'read-only' });
  const entry = map(doc, [{ key: 'Type', keyStart: ks, keyEnd: ke, value: scalar(doc, spec.type, ks, ke) }, { key: 'Properties', keyStart: ks, keyEnd: ke, value: props }], ns, ne);
  setEditInfo(entry, { kind: 'read-only' });
  const keySpan = { file: c.src.file, start: ks, end: ke };
  return { id, type: spec.type, file: c.src.file, keySpan, val: valOf(entry, doc, keySpan), props: valOf(props, doc) };
}

// ---- functions and their code ----

function functionOf(b: Built, host: CdkModelHost): FunctionModel {
  const c = b.c;
  const p = b.res!.props!;
  const runtime = p.get('Runtime');
  return {
    id: b.id, format: 'cdk', file: c.src.file, keySpan: b.res!.keySpan, val: p,
    handler: handlerOf(b, host, runtime?.str()),
    runtime: runtime?.str() ? { value: runtime.str()!, val: runtime } : undefined,
    triggers: [],
    environment: readEnvironment(p.get('Environment')?.get('Variables')),
    role: { kind: 'none' },
    name: p.get('FunctionName')?.str(),
    settings: unknownSettings(), // read by build.ts from the resource view, as for CloudFormation
  };
}

function appDir(host: CdkModelHost, from: string): string {
  let dir = path.dirname(from);
  while (dir.length >= host.root.length) {
    if (host.exists(path.join(dir, 'cdk.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.dirname(from);
}

function handlerOf(b: Built, host: CdkModelHost, runtime: string | undefined): HandlerRef | undefined {
  const c = b.c;
  const kind = b.spec!.fn;
  const doc = tsDoc(c.src);
  const base = appDir(host, c.src.file);
  const inRoot = (f: string) => !path.relative(host.root, f).startsWith('..') && host.exists(f);
  const [ks, ke] = keyRange(c);
  if (kind === 'image') return undefined;
  if (kind === 'nodejs' || kind === 'python') {
    const entryV = propValue(c, 'entry');
    const entry = litOf(entryV);
    const handler = litOf(propValue(c, 'handler')) ?? 'handler';
    const at = propExpr(c, 'entry');
    const span = at ? { file: c.src.file, start: rangeOf(at, c.src)[0], end: rangeOf(at, c.src)[1] } : { file: c.src.file, start: ks, end: ke };
    let file: string | undefined;
    if (kind === 'nodejs') {
      // Default entry: `<stack file>.<construct id>.ts` beside the file that defines the construct.
      const candidates = entry !== undefined ? [path.resolve(base, entry)] : ['.ts', '.js'].map((e) => c.src.file.replace(/\.[cm]?[jt]sx?$/, `.${c.path[c.path.length - 1]}${e}`));
      file = candidates.find(inRoot);
      return { text: `${entry ?? path.basename(candidates[0])}#${handler}`, span, codeFile: file, exportPath: handler.split('.'), language: 'js' };
    }
    const index = litOf(propValue(c, 'index')) ?? 'index.py';
    if (entry !== undefined) file = [path.resolve(base, entry, index)].find(inRoot);
    return { text: `${entry ?? '?'}/${index}#${handler}`, span, codeFile: file, exportPath: [handler], language: 'python' };
  }
  const handlerVal = b.res!.props!.get('Handler');
  if (!handlerVal) return undefined;
  // `code: lambda.Code.fromAsset(dir)`: the handler is relative to that folder.
  const code = propValue(c, 'code');
  const inline = cdkInlineHandler(c, code, handlerVal.str(), handlerVal.span, runtime);
  if (inline) return inline;
  const dir = (code?.k === 'call' && /^(Code|AssetCode)\.fromAsset$/.test(code.path.join('.'))) || (code?.k === 'new' && code.cls === 'AssetCode') ? litOf(code.args[0]) : undefined;
  const codeDir = dir !== undefined ? path.resolve(base, dir) : undefined;
  void doc;
  return resolveHandler(handlerVal, runtime, codeDir ?? base, { baseDir: codeDir ?? base, exists: codeDir ? inRoot : () => false });
}
