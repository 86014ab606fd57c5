// Resource-level questions about statements: is a `Resource` value a wildcard (`*`, or an ARN that
// names every resource of its service or type), which actions of a statement could be scoped to
// specific resources, and does a condition already scope the statement.
import type { Val } from '../config/val.js';
import type { Statement } from '../model/types.js';
import { literalText } from '../model/refs.js';
import { expandAction, hasWildcard, splitAction, type ActionInfo } from './actions.js';

const UNKNOWN = '\u0000';

export interface WildcardResource {
  val: Val;
  /** The resource as written (or as a `!Sub` renders), e.g. `*` or `arn:aws:dynamodb:*:*:table/*`. */
  text: string;
  /** The service the ARN names; undefined for a bare `*` (every service). */
  service?: string;
  /** What the wildcard covers, for messages: "every resource", "every DynamoDB table". */
  covers: string;
}

/**
 * A resource value that matches every resource: `*`, or an ARN whose resource part is `*`, `*\/*`,
 * or `<type>/*` / `<type>:*` (every table, every function...). Prefixes (`table/app-*`), region or
 * account wildcards with a named resource, and anything not literal are not wildcards.
 */
export function wildcardResource(v: Val): WildcardResource | undefined {
  const text = literalText(v, UNKNOWN);
  if (text === undefined) return undefined;
  if (text === '*') return { val: v, text, covers: 'every resource' };
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = parts[2];
  const resource = parts.slice(5).join(':');
  if (!service || service.includes(UNKNOWN) || resource.includes(UNKNOWN)) return undefined;
  if (resource === '*' || resource === '*/*') return { val: v, text: shown(v, text), service, covers: `every ${serviceName(service)} resource` };
  // S3 ARNs have no resource type: `bucket/*` is one bucket's objects, not a type wildcard.
  // An ARN with no account names AWS-owned resources (foundation models, AWS managed policies): no data of the user's.
  const typed = service === 's3' || parts[4] === '' ? null : /^([A-Za-z][A-Za-z0-9-]*)[/:]\*$/.exec(resource);
  if (typed) return { val: v, text: shown(v, text), service, covers: `every ${serviceName(service)} ${typed[1]}` };
  return undefined;
}

/** The resource as written: the literal, or the `!Sub` template with its variables. */
function shown(v: Val, text: string): string {
  const i = v.intrinsic();
  const template = i?.fn === 'Fn::Sub' ? (i.arg.str() ?? i.arg.items()[0]?.str()) : undefined;
  return template ?? text.split(UNKNOWN).join('${...}');
}

const SERVICE_NAMES: Record<string, string> = {
  s3: 'S3', dynamodb: 'DynamoDB', sqs: 'SQS', sns: 'SNS', kinesis: 'Kinesis', firehose: 'Firehose', lambda: 'Lambda',
  states: 'Step Functions', events: 'EventBridge', secretsmanager: 'Secrets Manager', kms: 'KMS', iam: 'IAM', logs: 'CloudWatch Logs',
  'cognito-idp': 'Cognito', ecr: 'ECR', ssm: 'SSM', ec2: 'EC2', sts: 'STS', cloudwatch: 'CloudWatch', xray: 'X-Ray', apigateway: 'API Gateway',
  'execute-api': 'API Gateway', elasticloadbalancing: 'Elastic Load Balancing', iot: 'IoT', 'cognito-sync': 'Cognito', bedrock: 'Bedrock', glue: 'Glue', athena: 'Athena', kafka: 'MSK', mq: 'Amazon MQ', ses: 'SES',
};

/** A readable service name for messages: `DynamoDB`, `Step Functions`; the prefix itself when unknown. */
export function serviceName(service: string): string {
  return SERVICE_NAMES[service] ?? service;
}

/**
 * Actions AWS itself grants on `*` in the basic execution policies a Lambda function gets
 * (AWSLambdaBasicExecutionRole: CloudWatch Logs; AWSLambdaVPCAccessExecutionRole: network
 * interfaces; AWSLambdaBasicDurableExecutionRolePolicy: durable-execution checkpoints;
 * AmazonS3ObjectLambdaExecutionRolePolicy: the Object Lambda response). Flagging them on `*` is
 * noise that makes users turn the rule off.
 */
export const AWS_GRANTS_ON_STAR = new Set([
  'logs:createloggroup', 'logs:createlogstream', 'logs:putlogevents',
  'ec2:createnetworkinterface', 'ec2:deletenetworkinterface', 'ec2:describenetworkinterfaces',
  'ec2:assignprivateipaddresses', 'ec2:unassignprivateipaddresses',
  'lambda:checkpointdurableexecution', 'lambda:getdurableexecutionstate',
  's3-object-lambda:writegetobjectresponse',
]);

/**
 * Actions whose only resource types are optional inputs, not the thing acted on: a metric is not a
 * resource (the `dataset` type is for OTLP datasets), a speech or a translation is not either (a
 * lexicon, a terminology, a custom model endpoint or a job template may be named, but need not be).
 * They are granted on `*` in normal use, so they count as actions that only work on `*`.
 */
export const OPTIONAL_RESOURCE_ONLY = new Set([
  'cloudwatch:putmetricdata', 'cloudwatch:getmetricdata', 'cloudwatch:listmetrics',
  'polly:synthesizespeech', 'polly:startspeechsynthesistask', 'polly:startspeechsynthesisstream',
  'translate:translatetext', 'translate:translatedocument',
  'comprehend:detectentities', 'rekognition:detectmoderationlabels', 'mediaconvert:createjob',
]);

export function isBaseline(a: ActionInfo): boolean {
  const k = `${a.service}:${a.name.toLowerCase()}`;
  return AWS_GRANTS_ON_STAR.has(k) || OPTIONAL_RESOURCE_ONLY.has(k);
}

export interface ActionGrant {
  /** The `Action` item as written. */
  val: Val;
  pattern: string;
  /** Every known action the item grants. */
  actions: ActionInfo[];
}

/** The known actions each `Action` item of a statement grants (unknown, opaque or malformed items are left out). */
export function statementGrants(s: Statement): ActionGrant[] {
  const out: ActionGrant[] = [];
  for (const val of s.actions) {
    const pattern = val.str();
    if (pattern === undefined) continue;
    if (pattern !== '*' && !splitAction(pattern)) continue;
    const actions = expandAction(pattern);
    if (actions.length > 0) out.push({ val, pattern, actions });
  }
  return out;
}

/** The service named in the ARNs an action applies to: `sts:AssumeRole` acts on IAM roles. */
export function arnService(a: ActionInfo): string {
  return a.service === 'sts' ? 'iam' : a.service;
}

/** True when a wildcard resource can match resources this action applies to. */
export function wildcardCovers(w: WildcardResource, a: ActionInfo): boolean {
  return !w.service || w.service === arnService(a);
}

/** Actions that support resource-level permissions (and are not on the baseline list), optionally only those an ARN of `service` can name. */
export function scopable(actions: ActionInfo[], service?: string): ActionInfo[] {
  return actions.filter((a) => a.resourceTypes.length > 0 && !isBaseline(a) && (!service || arnService(a) === service));
}

const SCOPING_CONDITION = /resourcetag\/|:resourceaccount$|:resourceorgid$|:resourceorgpaths$|^kms:viaservice$|^ec2:(vpc|subnet)$|:existingobjecttag\//i;

/**
 * True when a condition already narrows the resources (`aws:ResourceTag/...`, `aws:ResourceAccount`,
 * `kms:ViaService`...), or when it cannot be read (an intrinsic, a variable): then the statement is
 * not judged on its `Resource` alone.
 */
export function conditionScopesResources(s: Statement): boolean {
  const c = s.condition;
  if (!c) return false;
  if (c.kind !== 'map' || c.intrinsic()) return c.kind !== 'null';
  for (const op of c.entries()) {
    if (op.val.kind !== 'map') return true;
    for (const k of op.val.entries()) if (SCOPING_CONDITION.test(k.key)) return true;
  }
  return false;
}

/** "s3:GetObject, s3:PutObject and 3 more" for messages. */
export function listActions(actions: ActionInfo[], max = 3): string {
  const names = [...new Set(actions.map((a) => `${a.service}:${a.name}`))];
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export { hasWildcard };
