// Least privilege from code: what a function's role grants (inline statements, SAM policy templates,
// managed policies of known content), what its code needs (every AWS call, its actions, and the
// resource it names, resolved through the function's environment to the template), and what the
// Lambda service itself uses for the function. The two rules and `faasguard policy` read this.
import type { Val } from '../config/val.js';
import type { AppModel, ConfigModel, FunctionModel, ManagedPolicyRef, PolicyDoc, ResourceModel, RoleModel, SamPolicyTemplateRef, Statement } from '../model/types.js';
import type { AwsCall, FunctionCalls, ResourceRef, Unresolved } from '../code/aws-calls-types.js';
import { callsOfFunction, type CodeLoader } from '../code/aws-calls.js';
import { expandAction, splitAction, type ActionInfo } from './actions.js';
import { actionInfo } from './operations.js';
import { isAllow } from './policies.js';
import { best, cfnArnKind, matchArn, nameOf, statementArn, targetArns, type Match, type Target } from './arn-match.js';
import { iamPrefixOf, kmsNeed, resourceParam } from './operations.js';
import grantTables from './sam-policy-templates.json';
import { referencedIds } from '../model/refs.js';
import { configOfFunction } from '../model/owners.js';

interface TemplateDef {
  family: string;
  param?: string;
  actions: string[];
}

const TEMPLATES = (grantTables as unknown as { templates: Record<string, TemplateDef> }).templates;
const MANAGED = (grantTables as unknown as { managedPolicies: Record<string, string[]> }).managedPolicies;
const own = <T>(o: Record<string, T>, k: string): T | undefined => (k !== '$comment' && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

export function samTemplate(name: string): TemplateDef | undefined {
  return own(TEMPLATES, name);
}

/** Templates of a family, fewest actions first. */
export function familyTemplates(family: string): [string, TemplateDef][] {
  return Object.entries(TEMPLATES).filter(([, t]) => t.family === family).sort((a, b) => a[1].actions.length - b[1].actions.length);
}

const key = (a: string) => a.toLowerCase();

// ---- what the role grants ----

export type Grant =
  | { kind: 'statement'; statement: Statement; policy: PolicyDoc; item: Val; pattern: string; actions: ActionInfo[] }
  | { kind: 'template'; ref: SamPolicyTemplateRef; def: TemplateDef; actions: ActionInfo[] }
  | { kind: 'managed'; ref: ManagedPolicyRef; actions: ActionInfo[] };

export interface RoleGrants {
  grants: Grant[];
  /** Why the role's grants are not all known (a managed policy of unknown content, a template we do not know...). */
  unknown: string[];
}

export function roleGrants(role: RoleModel): RoleGrants {
  const grants: Grant[] = [];
  const unknown: string[] = [];
  for (const policy of role.policies) {
    if (policy.opaque) unknown.push(`a policy document that is not written out (${policy.label})`);
    for (const s of policy.statements) {
      if (!isAllow(s)) {
        if ((s.effect ?? '').toLowerCase() !== 'deny') unknown.push('a statement whose Effect cannot be read');
        continue;
      }
      if (s.notActions.length > 0 || s.notResources.length > 0) unknown.push('an Allow statement with NotAction or NotResource');
      for (const item of s.actions) {
        const pattern = item.str();
        if (pattern === undefined || (pattern !== '*' && !splitAction(pattern))) {
          unknown.push(`an action that cannot be read (${item.source.slice(0, 40)})`);
          continue;
        }
        grants.push({ kind: 'statement', statement: s, policy, item, pattern, actions: expandAction(pattern) });
      }
    }
  }
  for (const t of role.samTemplates) {
    const def = samTemplate(t.name);
    if (!def) {
      unknown.push(`the SAM policy template ${t.name}, whose grants FaaSGuard does not know`);
      continue;
    }
    grants.push({ kind: 'template', ref: t, def, actions: def.actions.flatMap(expandAction) });
  }
  for (const m of role.managedPolicies) {
    if (m.localPolicyId) continue; // its document is among role.policies
    const list = m.awsManaged && m.name ? own(MANAGED, m.name) : undefined;
    if (!list) {
      unknown.push(`the managed policy ${m.name ?? m.val.source.slice(0, 60)}, whose content FaaSGuard does not know`);
      continue;
    }
    grants.push({ kind: 'managed', ref: m, actions: list.flatMap(expandAction) });
  }
  return { grants, unknown };
}

// ---- what the code needs ----

export interface Need {
  call: AwsCall;
  /** The IAM action (as iam-data spells it). */
  action: string;
  target?: Target;
  /** Only possibly needed (content not read): counts as used, never as missing. */
  possible?: boolean;
  /** A KMS permission the call needs on the key that encrypts its resource. */
  kmsFor?: Target;
}

export interface FunctionNeeds {
  fn: FunctionModel;
  config?: ConfigModel;
  calls: FunctionCalls;
  needs: Need[];
  /** Every call known and followed: the function is fully resolved. */
  resolved: boolean;
  unresolved: Unresolved[];
}

const needsCache = new WeakMap<AppModel, Map<FunctionModel, FunctionNeeds>>();

export { configOfFunction };

export function functionNeeds(model: AppModel, fn: FunctionModel, load: CodeLoader): FunctionNeeds {
  let m = needsCache.get(model);
  if (!m) needsCache.set(model, (m = new Map()));
  // The model outlives keystrokes in its handlers: a hit holds only for the same calls.
  const calls = callsOfFunction(model, fn, load);
  let hit = m.get(fn);
  if (hit && hit.calls === calls) return hit;
  const config = configOfFunction(model, fn);
  const byId = new Map((config?.resources ?? []).map((r) => [r.id, r]));
  const needs: Need[] = [];
  for (const call of calls.calls) {
    const target = resolveTarget(fn, call.service, call.resource, config, byId);
    for (const a of call.actions) needs.push({ call, action: canonical(a), target });
    for (const a of call.possible) needs.push({ call, action: canonical(a), target, possible: true });
    const kms = kmsNeed(call.service, call.operation);
    const key = kms && target?.resource ? encryptionKey(target.resource, byId) : undefined;
    if (kms && key) needs.push({ call, action: kms === 'decrypt' ? 'kms:Decrypt' : 'kms:GenerateDataKey', target: key, kmsFor: target });
  }
  hit = { fn, config, calls, needs, resolved: calls.unresolved.length === 0, unresolved: calls.unresolved };
  m.set(fn, hit);
  return hit;
}

function canonical(action: string): string {
  const info = actionInfo(action);
  return info ? `${info.service}:${info.name}` : action;
}

/** A customer-managed KMS key of the template that encrypts a resource (S3, SQS, SNS, Kinesis, Secrets Manager). */
function encryptionKey(r: ResourceModel, byId: Map<string, ResourceModel>): Target | undefined {
  const p = r.props;
  let v: Val | undefined;
  if (r.type === 'AWS::S3::Bucket') {
    for (const rule of p?.get('BucketEncryption')?.get('ServerSideEncryptionConfiguration')?.items() ?? []) {
      v ??= rule.get('ServerSideEncryptionByDefault')?.get('KMSMasterKeyID');
    }
  } else if (r.type === 'AWS::SQS::Queue' || r.type === 'AWS::SNS::Topic') v = p?.get('KmsMasterKeyId');
  else if (r.type === 'AWS::Kinesis::Stream') v = p?.get('StreamEncryption')?.get('KeyId');
  else if (r.type === 'AWS::SecretsManager::Secret') v = p?.get('KmsKeyId');
  if (!v) return undefined;
  const lit = v.str();
  if (lit !== undefined) return lit.startsWith('alias/aws/') ? undefined : { label: `KMS key ${lit}`, arn: lit.startsWith('arn:') ? lit : undefined };
  const t = v.refTarget();
  const k = t ? byId.get(t.id) : undefined;
  if (k?.type === 'AWS::KMS::Key') return { label: `key ${k.id}`, resource: k, name: nameOf(k) };
  return { label: 'its KMS key' };
}

/** Follows what the code names (an environment variable, a literal) to a resource of the template. */
export function resolveTarget(fn: FunctionModel, service: string, ref: ResourceRef | undefined, config: ConfigModel | undefined, byId: Map<string, ResourceModel>): Target | undefined {
  if (!ref) return undefined;
  let val: Val | undefined;
  let text: string | undefined;
  if (ref.kind === 'env') {
    val = fn.environment.find((e) => e.key === ref.name)?.val;
    if (!val) return undefined;
    text = val.str();
  } else text = ref.text;
  if (val && text === undefined) {
    const t = val.refTarget();
    const r = t ? byId.get(t.id) : undefined;
    if (!r) return undefined;
    return { label: labelOf(r), resource: r, name: nameOf(r) };
  }
  if (text === undefined || text.includes('${')) return undefined;
  if (text.startsWith('arn:')) return { label: text, arn: text };
  let name = text;
  const url = /^https:\/\/sqs\.[^/]+\/\d+\/([^/?#]+)$/.exec(text);
  if (url) name = url[1];
  // A literal that is the literal name of a template resource is that resource.
  const prefix = iamPrefixOf(service);
  const r = (config?.resources ?? []).find((x) => cfnArnKind(x.type)?.prefix === prefix && nameOf(x) === name);
  const noun = resourceParam(service)?.types[0];
  return r ? { label: labelOf(r), resource: r, name } : { label: noun ? `${noun} ${name}` : name, name };
}

function labelOf(r: ResourceModel): string {
  const t = cfnArnKind(r.type)?.type;
  return t ? `${t === 'statemachine' ? 'state machine' : t === 'deliverystream' ? 'delivery stream' : t} ${r.id}` : r.id;
}

// ---- matching needs and grants ----

/** Whether one grant allows one need: the action, and the resource. */
export function grantAllows(g: Grant, need: Need, byId: Map<string, ResourceModel>): Match {
  const want = key(need.action);
  if (!g.actions.some((a) => key(`${a.service}:${a.name}`) === want)) return 'no';
  const info = actionInfo(need.action);
  if (!info) return 'maybe';
  const types = need.kmsFor ? ['key'] : (resourceParam(need.call.service)?.types ?? []);
  const targets = need.target ? targetArns(need.target, info, types) : [];
  const resources = grantResources(g, byId);
  if (resources === 'any') return 'yes';
  // No resource-level permissions: only `*` surely applies; an ARN pattern of the service may (the data can lag).
  if (info.resourceTypes.length === 0) return best(resources.map((r) => (r === '*' ? 'yes' : r === undefined || (r.includes('*') && r.split(':')[2] === info.service) ? 'maybe' : 'no')));
  if (targets.length === 0) return best(resources.map((r) => (r === '*' ? 'yes' : 'maybe')));
  return best(resources.flatMap((r) => targets.map((t) => matchArn(r, t))));
}

/** The resource patterns of a grant, as ARN text (undefined: unreadable), or `any`. */
function grantResources(g: Grant, byId: Map<string, ResourceModel>): (string | undefined)[] | 'any' {
  if (g.kind === 'managed') return 'any';
  if (g.kind === 'statement') {
    if (g.statement.resources.length === 0) return [undefined];
    return g.statement.resources.map((r) => statementArn(r, byId));
  }
  if (!g.def.param) return 'any';
  const arg = g.ref.args.find((a) => a.key === g.def.param)?.val;
  if (!arg) return [undefined];
  const s = arg.str();
  if (s === '*') return 'any';
  const t = arg.refTarget();
  const r = t ? byId.get(t.id) : undefined;
  const name = r ? nameOf(r) : s !== undefined && !s.includes('${') ? s : undefined;
  if (name === undefined) return [undefined];
  // The template scopes to that resource: every ARN of its service with that name.
  return templateArns(g.def, name);
}

function templateArns(def: TemplateDef, name: string): string[] {
  const svc = def.actions[0]?.split(':')[0];
  switch (svc) {
    case 's3': return [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`];
    case 'dynamodb': return [`arn:aws:dynamodb:*:*:table/${name}`, `arn:aws:dynamodb:*:*:table/${name}/*`];
    case 'sqs': return [`arn:aws:sqs:*:*:${name}`];
    case 'sns': return [`arn:aws:sns:*:*:${name}`];
    case 'lambda': return [`arn:aws:lambda:*:*:function:${name}*`];
    case 'states': return [`arn:aws:states:*:*:stateMachine:${name}`];
    case 'events': return [`arn:aws:events:*:*:event-bus/${name}`];
    case 'kinesis': return [`arn:aws:kinesis:*:*:stream/${name}`];
    case 'firehose': return [`arn:aws:firehose:*:*:deliverystream/${name}`];
    case 'ssm': return [`arn:aws:ssm:*:*:parameter/${name.replace(/^\//, '')}`];
    case 'kms': return [`arn:aws:kms:*:*:key/${name}`];
    case 'secretsmanager': return [name.startsWith('arn:') ? name : `arn:aws:secretsmanager:*:*:secret:${name}*`];
    default: return ['*'];
  }
}

/** Is a need allowed by some grant of the role? */
export function isAllowed(grants: Grant[], need: Need, byId: Map<string, ResourceModel>): Match {
  return best(grants.map((g) => grantAllows(g, need, byId)));
}

// ---- what the Lambda service uses for the function ----

const ALWAYS = ['logs:*', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries',
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs', 'ec2:DetachNetworkInterface'];
const BY_TRIGGER: Partial<Record<string, string[]>> = {
  sqs: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility', 'kms:Decrypt'],
  dynamodb: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'kms:Decrypt'],
  kinesis: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'kms:Decrypt'],
  kafka: ['kafka:*', 'kafka-cluster:*', 'ec2:Describe*', 'secretsmanager:GetSecretValue', 'kms:Decrypt'],
  mq: ['mq:DescribeBroker', 'secretsmanager:GetSecretValue', 'ec2:Describe*', 'kms:Decrypt'],
};
const DESTINATIONS = ['sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction', 'events:PutEvents', 'kms:GenerateDataKey', 'kms:Decrypt'];
const DESTINATION_KEYS = /^(DeadLetterQueue|DeadLetterConfig|deadLetter|onError|destinations|EventInvokeConfig|DestinationConfig|OnFailure|OnSuccess|TargetArn)$/;
const KMS_KEYS = /^(KmsKeyArn|kmsKeyArn|awsKmsKeyArn)$/;
const FILE_SYSTEMS = /^(FileSystemConfigs|fileSystemConfig)$/;
const MOUNTS = ['elasticfilesystem:Client*', 's3files:Client*', 's3:Get*', 's3:List*', 's3:PutObject*'];

/** Actions the Lambda service uses for this function (its logs, X-Ray, VPC, its triggers, its DLQ and destinations, the file systems it mounts). */
export function serviceUsed(fn: FunctionModel, config: ConfigModel | undefined): Set<string> {
  const out = new Set(ALWAYS.flatMap(expandAction).map((a) => key(`${a.service}:${a.name}`)));
  const add = (list: string[]) => list.flatMap(expandAction).forEach((a) => out.add(key(`${a.service}:${a.name}`)));
  for (const t of fn.triggers) add(BY_TRIGGER[t.kind] ?? []);
  let dest = false;
  let kms = false;
  let mounts = false;
  for (const v of [fn.val, fn.defaults]) {
    v?.walk((x) => {
      for (const e of x.kind === 'map' ? x.entries() : []) {
        if (DESTINATION_KEYS.test(e.key)) dest = true;
        if (KMS_KEYS.test(e.key)) kms = true;
        if (FILE_SYSTEMS.test(e.key)) mounts = true;
      }
      return undefined;
    }, 5_000);
  }
  if (config?.resources.some((r) => r.type === 'AWS::Lambda::EventInvokeConfig')) dest = true;
  // An event source mapping of the function with an on-failure destination.
  if (config?.resources.some((r) => r.type === 'AWS::Lambda::EventSourceMapping' && r.props?.get('DestinationConfig') && referencedIds(r.props.get('FunctionName')).has(fn.id))) dest = true;
  if (dest) add(DESTINATIONS);
  if (kms) add(['kms:Decrypt']);
  if (mounts) add(MOUNTS);
  return out;
}

export { key as actionKey };
