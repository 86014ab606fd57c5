// The permissions a CDK app gives (model/cdk.ts): explicit roles, the role the CDK makes for a
// function, policy statements, grants (their actions from aws-cdk-lib, scripts/gen-cdk-grants.mjs),
// Lambda permissions, resource policies, and the log retention a function asks for.
import * as YAML from 'yaml';
import ts from 'typescript';
import { getAtt, map, opaque, ref, scalar, seq, setEditInfo, type SynthEntry } from '../config/synthetic.js';
import type { Call, Construct, CV, SourceRef } from '../config/cdk/interp.js';
import { rangeOf, toNode, tsDoc, type Conv } from '../config/cdk/values.js';
import grantTable from '../config/cdk/cdk-grants.json';
import type { ResourceModel, RoleModel } from './types.js';
import { readPolicyDocument, readManagedPolicy } from './statements.js';
import { arr, keyRange, litOf, propValue, valOf, type Built } from './cdk-parts.js';

export const GRANTS = (grantTable as { modules: Record<string, Record<string, string[]>> }).modules;

// ---- roles and statements ----

export function explicitRole(b: Built, idOf: (c: Construct) => string): RoleModel {
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
export function generatedRole(b: Built): RoleModel {
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

export function principalsOf(v: CV | undefined): string[] {
  return arr(v).flatMap((p) => (p.k === 'new' && p.cls === 'ServicePrincipal' && litOf(p.args[0]) ? [litOf(p.args[0])!] : []));
}

/** `new iam.PolicyStatement({...})` (or `PolicyStatement.fromJson({...})`) as a statement map. */
export function statementNode(v: CV | undefined, idOf: (c: Construct) => string): YAML.Node | undefined {
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
export function principalNode(v: CV, at: ts.Node, src: SourceRef, idOf: (c: Construct) => string): YAML.Node {
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

export function grantNode(actions: string[], target: Construct, at: ts.Node, src: SourceRef, idOf: (c: Construct) => string): YAML.Node {
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
export function grantStatement(b: Built, call: Call, idOf: (c: Construct) => string, extra: ResourceModel[]): YAML.Node | undefined {
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

export function permissionResource(b: Built, call: Call, idOf: (c: Construct) => string): ResourceModel {
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

export function logRetention(b: Built, p: { key: ts.Node; value: CV; src: SourceRef; expr: ts.Node }, idOf: (c: Construct) => string): ResourceModel {
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

export const POLICY_TYPES: Record<string, [string, string]> = {
  'aws-s3': ['AWS::S3::BucketPolicy', 'Bucket'], 'aws-sqs': ['AWS::SQS::QueuePolicy', 'Queues'], 'aws-sns': ['AWS::SNS::TopicPolicy', 'Topics'],
};

export function policyResource(b: Built, statementsNode: YAML.Node[], at: ts.Node, src: SourceRef, suffix: string): ResourceModel | undefined {
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
export function resourcePolicy(b: Built, call: Call, idOf: (c: Construct) => string): ResourceModel | undefined {
  const st = statementNode(call.args[0], idOf);
  return st ? policyResource(b, [st], call.node, call.src, 'Policy') : undefined;
}

/** `publicReadAccess: true`: the CDK adds a bucket policy that lets anyone read every object. */
export function publicReadPolicy(b: Built, v: Extract<CV, { k: 'lit' }>, idOf: (c: Construct) => string): ResourceModel {
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
