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
import { getAtt, map, opaque, ref, scalar, seq, setEditInfo, setRoot, type SynthEntry } from '../config/synthetic.js';
import { CdkApp, type Call, type Construct, type CV, type SourceRef } from '../config/cdk/interp.js';
import { rangeOf, toNode, tsDoc, type Conv } from '../config/cdk/values.js';
import { classSpec, propKey, writeSchema, type ClassSpec } from '../config/cdk/catalogue.js';
import grantTable from '../config/cdk/cdk-grants.json';
import type { ConfigModel, FunctionModel, HandlerRef, ModelNote, PolicyDoc, ResourceModel, RoleModel, Trigger, TriggerKind } from './types.js';
import { readPolicyDocument, readManagedPolicy } from './statements.js';
import { inferTriggers, readResourcePolicies } from './cloudformation.js';
import { readEnvironment, resolveHandler } from './handlers.js';
import { unknownSettings } from './settings.js';

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

const GRANTS = (grantTable as { modules: Record<string, Record<string, string[]>> }).modules;

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

interface Built {
  c: Construct;
  spec?: ClassSpec;
  id: string;
  res?: ResourceModel;
  fn?: FunctionModel;
  role?: RoleModel;
}

const valOf = (node: YAML.Node, doc: ParsedDocument, keySpan?: ResourceModel['keySpan']) => new Val(node, doc, undefined, keySpan, 1);

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
      } else if (m === 'attachInlinePolicy') {
        const p = call.args[0];
        if (p?.k === 'construct') for (const st of arr(propValue(p.c, 'statements'))) addStatement(ownRole, statementNode(st, idOf), p.c.src, `Policy ${idOf(p.c)}`);
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

// ---- values of construct props ----

function propValue(c: Construct, name: string): CV | undefined {
  return c.props?.k === 'obj' ? c.props.props.get(name)?.value : undefined;
}

function propExpr(c: Construct, name: string): ts.Node | undefined {
  return c.props?.k === 'obj' ? c.props.props.get(name)?.expr : undefined;
}

function arr(v: CV | undefined): CV[] {
  return v?.k === 'arr' ? v.items : v ? [v] : [];
}

function keyRange(c: Construct): [number, number] {
  return rangeOf(c.idNode ?? c.node, c.src);
}

/** A construct as `{Type, Properties}`, its props keyed by CloudFormation names. */
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

function litOf(v: CV | undefined): string | undefined {
  return v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined;
}

/** The app folder (where `cdk` runs, and relative asset paths start) of a construct's file. */
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
  const dir = (code?.k === 'call' && /^(Code|AssetCode)\.fromAsset$/.test(code.path.join('.'))) || (code?.k === 'new' && code.cls === 'AssetCode') ? litOf(code.args[0]) : undefined;
  const codeDir = dir !== undefined ? path.resolve(base, dir) : undefined;
  void doc;
  return resolveHandler(handlerVal, runtime, codeDir ?? base, { baseDir: codeDir ?? base, exists: codeDir ? inRoot : () => false });
}

// ---- roles and statements ----

function explicitRole(b: Built, idOf: (c: Construct) => string): RoleModel {
  const c = b.c;
  const props = b.res!.props!;
  const role: RoleModel = {
    id: b.id, origin: 'cfn-role', file: c.src.file, span: b.res!.keySpan, val: props, policies: [], managedPolicies: [], samTemplates: [],
    implicitLogsWrite: false, functions: [], trustedServices: principalsOf(propValue(c, 'assumedBy')),
  };
  const managed = propValue(c, 'managedPolicies');
  if (managed?.k === 'arr') managed.items.forEach((m) => role.managedPolicies.push(readManagedPolicy(valOf(toNode(m, (m as { node?: ts.Node }).node ?? managed.node, (m as { src?: SourceRef }).src ?? c.src, idOf), tsDoc(c.src)))));
  const inline = propValue(c, 'inlinePolicies');
  if (inline?.k === 'obj') {
    for (const [name, p] of inline.props) {
      const docCv = p.value;
      const sts = docCv.k === 'new' && docCv.cls === 'PolicyDocument' && docCv.args[0]?.k === 'obj' ? arr(docCv.args[0].props.get('statements')?.value) : [];
      const doc = tsDoc(p.src);
      const [s, e] = rangeOf(p.expr, p.src);
      const list = seq(doc, sts.map((st) => statementNode(st, idOf)).filter((x): x is YAML.Node => !!x), s, e);
      const m = map(doc, [{ key: 'Statement', keyStart: s, keyEnd: e, value: list }], s, e);
      setEditInfo(m, { kind: 'read-only' });
      const pd = readPolicyDocument(valOf(m, doc), `Role ${b.id}, policy ${name}`);
      if (pd) role.policies.push(pd);
    }
  }
  return role;
}

/** The role the CDK creates for a function that names none: basic execution (and VPC access). */
function generatedRole(b: Built): RoleModel {
  const c = b.c;
  const doc = tsDoc(c.src);
  const [ks, ke] = keyRange(c);
  const names = ['AWSLambdaBasicExecutionRole', ...(b.res?.props?.get('VpcConfig') ? ['AWSLambdaVPCAccessExecutionRole'] : [])];
  const role: RoleModel = {
    id: `${b.id}/ServiceRole`, origin: 'cdk-generated', file: c.src.file, span: b.res!.keySpan, policies: [], samTemplates: [], implicitLogsWrite: true, functions: [],
    trustedServices: ['lambda.amazonaws.com'],
    managedPolicies: names.map((n) => {
      const s = scalar(doc, `arn:aws:iam::aws:policy/service-role/${n}`, ks, ke);
      setEditInfo(s, { kind: 'read-only' });
      return { val: valOf(s, doc), name: n, awsManaged: true };
    }),
  };
  return role;
}

function principalsOf(v: CV | undefined): string[] {
  return arr(v).flatMap((p) => (p.k === 'new' && p.cls === 'ServicePrincipal' && litOf(p.args[0]) ? [litOf(p.args[0])!] : []));
}

/** `new iam.PolicyStatement({...})` (or `PolicyStatement.fromJson({...})`) as a statement map. */
function statementNode(v: CV | undefined, idOf: (c: Construct) => string): YAML.Node | undefined {
  if (!v) return undefined;
  if (v.k === 'call' && v.path.join('.') === 'PolicyStatement.fromJson' && v.args[0]) return toNode(v.args[0], v.node, v.src, idOf);
  if (v.k !== 'new' || v.cls !== 'PolicyStatement') return v.k === 'unknown' ? undefined : undefined;
  const doc = tsDoc(v.src);
  const [s, e] = rangeOf(v.node, v.src);
  const props = v.args[0]?.k === 'obj' ? v.args[0] : undefined;
  const entries: SynthEntry[] = [];
  const keys: Record<string, [string, Conv?]> = {
    actions: ['Action'], notActions: ['NotAction'], resources: ['Resource'], notResources: ['NotResource'], effect: ['Effect', 'effect'], sid: ['Sid'], conditions: ['Condition'],
  };
  for (const [name, p] of props?.props ?? []) {
    const [ps, pe] = rangeOf(p.key, p.src);
    if (name === 'principals' || name === 'notPrincipals') {
      entries.push({ key: name === 'principals' ? 'Principal' : 'NotPrincipal', keyStart: ps, keyEnd: pe, value: principalNode(p.value, p.expr, p.src, idOf) });
      continue;
    }
    const k = keys[name];
    if (k) entries.push({ key: k[0], keyStart: ps, keyEnd: pe, value: toNode(p.value, p.expr, p.src, idOf, k[1]) });
  }
  if (!entries.some((x) => x.key === 'Effect')) {
    const allow = scalar(doc, 'Allow', s, e);
    setEditInfo(allow, { kind: 'read-only' });
    entries.push({ key: 'Effect', keyStart: s, keyEnd: e, value: allow });
  }
  const m = map(doc, entries, s, e);
  setEditInfo(m, { kind: 'read-only' });
  return m;
}

/** `[new iam.ServicePrincipal('s3.amazonaws.com'), new iam.AnyPrincipal()]` as a Principal value. */
function principalNode(v: CV, at: ts.Node, src: SourceRef, idOf: (c: Construct) => string): YAML.Node {
  const doc = tsDoc(src);
  const [s, e] = rangeOf(at, src);
  const byType = new Map<string, YAML.Node[]>();
  for (const p of arr(v)) {
    const [ps, pe] = 'node' in p ? rangeOf((p as { node: ts.Node }).node, (p as { src: SourceRef }).src) : [s, e];
    if (p.k === 'new' && (p.cls === 'AnyPrincipal' || p.cls === 'StarPrincipal')) return scalar(doc, '*', ps, pe);
    const type = p.k === 'new' ? ({ ServicePrincipal: 'Service', ArnPrincipal: 'AWS', AccountPrincipal: 'AWS', FederatedPrincipal: 'Federated' } as Record<string, string>)[p.cls] : undefined;
    if (!type || p.k !== 'new' || !p.args[0]) return opaque(doc, s, e);
    const list = byType.get(type) ?? [];
    list.push(toNode(p.args[0], p.node, p.src, idOf));
    byType.set(type, list);
  }
  const m = map(doc, [...byType].map(([key, nodes]) => ({ key, keyStart: s, keyEnd: e, value: seq(doc, nodes, s, e) })), s, e);
  setEditInfo(m, { kind: 'read-only' });
  return m;
}

function grantNode(actions: string[], target: Construct, at: ts.Node, src: SourceRef, idOf: (c: Construct) => string): YAML.Node {
  const doc = tsDoc(src);
  const [s, e] = rangeOf(at, src);
  const ro = <T extends YAML.Node>(n: T): T => {
    setEditInfo(n, { kind: 'read-only' });
    return n;
  };
  const id = idOf(target);
  const arnNode = ro(getAtt(doc, id, 'Arn', s, e));
  const resourceList: YAML.Node[] = [arnNode];
  if (target.module === 'aws-s3') resourceList.push(ro(seq(doc, [scalar(doc, `\${${id}.Arn}/*`, s, e)], s, e, '!Sub')));
  const entries: SynthEntry[] = [
    { key: 'Effect', keyStart: s, keyEnd: e, value: ro(scalar(doc, 'Allow', s, e)) },
    { key: 'Action', keyStart: s, keyEnd: e, value: ro(seq(doc, actions.map((a) => ro(scalar(doc, a, s, e))), s, e)) },
    { key: 'Resource', keyStart: s, keyEnd: e, value: ro(seq(doc, resourceList, s, e)) },
  ];
  return ro(map(doc, entries, s, e));
}

/** `table.grantReadWriteData(fn)`: a statement with the actions aws-cdk-lib's grant method adds. */
function grantStatement(b: Built, call: Call, idOf: (c: Construct) => string, extra: ResourceModel[]): YAML.Node | undefined {
  const grantee = call.args[0];
  // `fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'))`: a Lambda permission, not a role statement.
  if (call.method === 'grantInvoke' && grantee?.k === 'new' && /Principal$/.test(grantee.cls) && b.spec?.fn) {
    extra.push(permissionResource(b, { ...call, args: ['x' as unknown as CV, { k: 'obj', props: new Map([['principal', { key: call.node, value: grantee, src: call.src, expr: call.node.arguments[0] ?? call.node }]]), node: call.node, src: call.src }] }, idOf));
    return undefined;
  }
  const actions = GRANTS[b.c.module]?.[call.method];
  if (!actions) return undefined;
  const name = ts.isPropertyAccessExpression(call.node.expression) ? call.node.expression.name : call.node;
  return grantNode(actions, b.c, name, call.src, idOf);
}

function permissionResource(b: Built, call: Call, idOf: (c: Construct) => string): ResourceModel {
  const doc = tsDoc(call.src);
  const [s, e] = rangeOf(call.node, call.src);
  const opts = call.args[1]?.k === 'obj' ? call.args[1] : undefined;
  const entries: SynthEntry[] = [{ key: 'FunctionName', keyStart: s, keyEnd: e, value: ref(doc, b.id, s, e) }];
  let hasAction = false;
  for (const [name, p] of opts?.props ?? []) {
    const [ps, pe] = rangeOf(p.key, p.src);
    if (name === 'principal') {
      const pv = p.value;
      const text = pv.k === 'new' && pv.cls === 'ServicePrincipal' ? litOf(pv.args[0]) : pv.k === 'new' && (pv.cls === 'AnyPrincipal' || pv.cls === 'StarPrincipal') ? '*' : undefined;
      const [vs, ve] = rangeOf(p.expr, p.src);
      entries.push({ key: 'Principal', keyStart: ps, keyEnd: pe, value: text !== undefined ? scalar(tsDoc(p.src), text, vs, ve) : opaque(tsDoc(p.src), vs, ve) });
    } else {
      if (name === 'action') hasAction = true;
      entries.push({ key: name[0].toUpperCase() + name.slice(1), keyStart: ps, keyEnd: pe, value: toNode(p.value, p.expr, p.src, idOf) });
    }
  }
  if (!hasAction) entries.push({ key: 'Action', keyStart: s, keyEnd: e, value: scalar(doc, 'lambda:InvokeFunction', s, e) });
  const props = map(doc, entries, s, e);
  setEditInfo(props, { kind: 'read-only' });
  const id = `${b.id}/${litOf(call.args[0]) ?? 'Permission'}`;
  const keySpan = { file: call.src.file, start: s, end: e };
  const entry = map(doc, [{ key: 'Type', keyStart: s, keyEnd: e, value: scalar(doc, 'AWS::Lambda::Permission', s, e) }, { key: 'Properties', keyStart: s, keyEnd: e, value: props }], s, e);
  setEditInfo(entry, { kind: 'read-only' });
  return { id, type: 'AWS::Lambda::Permission', file: call.src.file, keySpan, val: valOf(entry, doc, keySpan), props: valOf(props, doc) };
}

function logRetention(b: Built, p: { key: ts.Node; value: CV; src: SourceRef; expr: ts.Node }, idOf: (c: Construct) => string): ResourceModel {
  const doc = tsDoc(p.src);
  const [s, e] = rangeOf(p.expr, p.src);
  const name = seq(doc, [scalar(doc, `/aws/lambda/\${${b.id}}`, s, e)], s, e, '!Sub');
  setEditInfo(name, { kind: 'read-only' });
  const props = map(doc, [{ key: 'LogGroupName', keyStart: s, keyEnd: e, value: name }, { key: 'RetentionInDays', keyStart: s, keyEnd: e, value: toNode(p.value, p.expr, p.src, idOf, 'retention') }], s, e);
  setEditInfo(props, { kind: 'read-only' });
  const entry = map(doc, [{ key: 'Type', keyStart: s, keyEnd: e, value: scalar(doc, 'Custom::LogRetention', s, e) }, { key: 'Properties', keyStart: s, keyEnd: e, value: props }], s, e);
  setEditInfo(entry, { kind: 'read-only' });
  const keySpan = { file: p.src.file, start: s, end: e };
  return { id: `${b.id}/LogRetention`, type: 'Custom::LogRetention', file: p.src.file, keySpan, val: valOf(entry, doc, keySpan), props: valOf(props, doc) };
}

const POLICY_TYPES: Record<string, [string, string]> = {
  'aws-s3': ['AWS::S3::BucketPolicy', 'Bucket'], 'aws-sqs': ['AWS::SQS::QueuePolicy', 'Queues'], 'aws-sns': ['AWS::SNS::TopicPolicy', 'Topics'],
};

function policyResource(b: Built, statementsNode: YAML.Node[], at: ts.Node, src: SourceRef, suffix: string): ResourceModel | undefined {
  const kind = POLICY_TYPES[b.c.module];
  if (!kind) return undefined;
  const doc = tsDoc(src);
  const [s, e] = rangeOf(at, src);
  const list = seq(doc, statementsNode, s, e);
  const pd = map(doc, [{ key: 'Statement', keyStart: s, keyEnd: e, value: list }], s, e);
  const props = map(doc, [{ key: kind[1], keyStart: s, keyEnd: e, value: ref(doc, b.id, s, e) }, { key: 'PolicyDocument', keyStart: s, keyEnd: e, value: pd }], s, e);
  for (const n of [list, pd, props]) setEditInfo(n, { kind: 'read-only' });
  const entry = map(doc, [{ key: 'Type', keyStart: s, keyEnd: e, value: scalar(doc, kind[0], s, e) }, { key: 'Properties', keyStart: s, keyEnd: e, value: props }], s, e);
  setEditInfo(entry, { kind: 'read-only' });
  const keySpan = { file: src.file, start: s, end: e };
  return { id: `${b.id}/${suffix}`, type: kind[0], file: src.file, keySpan, val: valOf(entry, doc, keySpan), props: valOf(props, doc) };
}

/** `bucket.addToResourcePolicy(new iam.PolicyStatement({...}))`. */
function resourcePolicy(b: Built, call: Call, idOf: (c: Construct) => string): ResourceModel | undefined {
  const st = statementNode(call.args[0], idOf);
  return st ? policyResource(b, [st], call.node, call.src, 'Policy') : undefined;
}

/** `publicReadAccess: true`: the CDK adds a bucket policy that lets anyone read every object. */
function publicReadPolicy(b: Built, v: Extract<CV, { k: 'lit' }>, idOf: (c: Construct) => string): ResourceModel {
  const doc = tsDoc(v.src);
  const [s, e] = rangeOf(v.node, v.src);
  const ro = <T extends YAML.Node>(n: T): T => {
    setEditInfo(n, { kind: 'read-only' });
    return n;
  };
  const id = idOf(b.c);
  const st = ro(map(doc, [
    { key: 'Effect', keyStart: s, keyEnd: e, value: ro(scalar(doc, 'Allow', s, e)) },
    { key: 'Principal', keyStart: s, keyEnd: e, value: ro(map(doc, [{ key: 'AWS', keyStart: s, keyEnd: e, value: ro(scalar(doc, '*', s, e)) }], s, e)) },
    { key: 'Action', keyStart: s, keyEnd: e, value: ro(scalar(doc, 's3:GetObject', s, e)) },
    { key: 'Resource', keyStart: s, keyEnd: e, value: ro(seq(doc, [scalar(doc, `\${${id}.Arn}/*`, s, e)], s, e, '!Sub')) },
  ], s, e));
  return policyResource(b, [st], v.node, v.src, 'Policy')!;
}

// ---- triggers and APIs ----

const EVENT_SOURCES: Record<string, TriggerKind> = {
  SqsEventSource: 'sqs', S3EventSource: 's3', S3EventSourceV2: 's3', DynamoEventSource: 'dynamodb', KinesisEventSource: 'kinesis',
  SnsEventSource: 'sns', ApiEventSource: 'api', ManagedKafkaEventSource: 'kafka', SelfManagedKafkaEventSource: 'kafka',
};

/** What an event source makes the CDK grant the function on its source. */
const SOURCE_GRANT: Record<string, string> = { SqsEventSource: 'grantConsumeMessages', DynamoEventSource: 'grantStreamRead', KinesisEventSource: 'grantRead' };

function eventSources(c: Construct): Extract<CV, { k: 'new' }>[] {
  const out: Extract<CV, { k: 'new' }>[] = [];
  for (const e of [...arr(propValue(c, 'events')), ...c.calls.filter((x) => x.method === 'addEventSource').map((x) => x.args[0])]) {
    if (e?.k === 'new' && EVENT_SOURCES[e.cls]) out.push(e);
  }
  return out;
}

/** A function a value refers to (a construct, `new targets.LambdaFunction(fn)`, `new LambdaIntegration(fn)`). */
function fnOf(v: CV | undefined, byConstruct: Map<Construct, Built>): Built | undefined {
  if (v?.k === 'construct') return byConstruct.get(v.c)?.fn ? byConstruct.get(v.c) : undefined;
  if (v?.k === 'new') {
    for (const a of v.args) {
      const b = fnOf(a, byConstruct);
      if (b) return b;
    }
  }
  if (v?.k === 'obj') return fnOf(v.props.get('handler')?.value ?? v.props.get('function')?.value, byConstruct);
  return undefined;
}

function triggers(built: Built[], byConstruct: Map<Construct, Built>, idOf: (c: Construct) => string, all: ResourceModel[]): void {
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
      const at = nodeVal(c.node, c.src);
      add(fnOf(propValue(c, 'onEventHandler'), byConstruct), 'other', at.val, at.span, b.id);
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
function referencedFunctions(v: CV | undefined, byConstruct: Map<Construct, Built>): Built[] {
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

const apiPaths = new WeakMap<ResourceModel, string>();

/** The stage a REST or HTTP API creates, its methods and routes, with what secures them. */
function apiResources(b: Built, idOf: (c: Construct) => string, byConstruct: Map<Construct, Built>): ResourceModel[] {
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
