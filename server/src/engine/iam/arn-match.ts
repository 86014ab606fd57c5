// Does a statement's `Resource` cover the resource a call acts on? Both sides become ARN text in
// which a resource of the template stands as its literal name when the template spells it, else as
// a token of its logical id, and anything unknown (a region, an account, a parameter, an object
// key) as a placeholder. The answer is yes, no, or maybe (something could not be known): only a
// sure "no" on every grant makes a call a missing permission.
import type { Val } from '../config/val.js';
import type { ResourceModel } from '../model/types.js';
import type { Out } from '../fix/yaml-edit.js';
import { wildcardMatch, type ActionInfo } from './actions.js';
import { arnTemplate } from './operations.js';

export type Match = 'yes' | 'no' | 'maybe';

/** A placeholder for a part we cannot know. */
export const UNKNOWN = '\u0000';
const TOKEN = '\u0001';

/** The IAM resource type a CloudFormation resource's own ARN is, and whether `Ref` gives that ARN. */
const CFN_ARN: Record<string, { prefix: string; type: string; refIsArn?: boolean; nameProp?: string }> = {
  'AWS::S3::Bucket': { prefix: 's3', type: 'bucket', nameProp: 'BucketName' },
  'AWS::DynamoDB::Table': { prefix: 'dynamodb', type: 'table', nameProp: 'TableName' },
  'AWS::DynamoDB::GlobalTable': { prefix: 'dynamodb', type: 'table', nameProp: 'TableName' },
  'AWS::Serverless::SimpleTable': { prefix: 'dynamodb', type: 'table', nameProp: 'TableName' },
  'AWS::SQS::Queue': { prefix: 'sqs', type: 'queue', nameProp: 'QueueName' },
  'AWS::SNS::Topic': { prefix: 'sns', type: 'topic', refIsArn: true, nameProp: 'TopicName' },
  'AWS::Lambda::Function': { prefix: 'lambda', type: 'function', nameProp: 'FunctionName' },
  'AWS::Serverless::Function': { prefix: 'lambda', type: 'function', nameProp: 'FunctionName' },
  'AWS::StepFunctions::StateMachine': { prefix: 'states', type: 'statemachine', refIsArn: true, nameProp: 'StateMachineName' },
  'AWS::Serverless::StateMachine': { prefix: 'states', type: 'statemachine', refIsArn: true, nameProp: 'Name' },
  'AWS::SecretsManager::Secret': { prefix: 'secretsmanager', type: 'secret', refIsArn: true, nameProp: 'Name' },
  'AWS::SSM::Parameter': { prefix: 'ssm', type: 'parameter', nameProp: 'Name' },
  'AWS::Kinesis::Stream': { prefix: 'kinesis', type: 'stream', nameProp: 'Name' },
  'AWS::KinesisFirehose::DeliveryStream': { prefix: 'firehose', type: 'deliverystream', nameProp: 'DeliveryStreamName' },
  'AWS::Events::EventBus': { prefix: 'events', type: 'event-bus', nameProp: 'Name' },
  'AWS::KMS::Key': { prefix: 'kms', type: 'key' },
};

export function cfnArnKind(type: string): { prefix: string; type: string; refIsArn?: boolean; nameProp?: string } | undefined {
  return Object.prototype.hasOwnProperty.call(CFN_ARN, type) ? CFN_ARN[type] : undefined;
}

/** The name a resource of the template is known by: its literal name property, or a token of its id. */
export function nameOf(r: ResourceModel): string {
  const k = cfnArnKind(r.type);
  const literal = k?.nameProp ? r.props?.get(k.nameProp)?.str() : undefined;
  return literal !== undefined && !literal.includes('${') ? literal : `${TOKEN}${r.id}${TOKEN}`;
}

/** Fills an ARN template: the first variable is the name, later ones unknown; region and account unknown. */
function fill(template: string, name: string): string {
  let first = true;
  return template.replace(/\$\{([A-Za-z]+)\}/g, (_m, v: string) => {
    if (v === 'Partition') return 'aws';
    if (v === 'Region' || v === 'Account') return UNKNOWN;
    if (first) {
      first = false;
      return v === 'ParameterNameWithoutLeadingSlash' ? name.replace(/^\//, '') : name;
    }
    return UNKNOWN;
  });
}

/** The resource's own ARN, as text (for matching). */
export function arnText(r: ResourceModel): string | undefined {
  const k = cfnArnKind(r.type);
  const t = k ? arnTemplate(k.prefix, k.type) : undefined;
  return t ? fill(t, nameOf(r)) : undefined;
}

/** What a call acts on, once resolved through the function's environment and the template. */
export interface Target {
  /** For messages: `table OrdersTable`, `bucket my-uploads`. */
  label: string;
  resource?: ResourceModel;
  /** The name, literal or token. */
  name?: string;
  /** A literal ARN the code or the environment gives. */
  arn?: string;
}

/** ARN texts the target can be for an action: one per resource type of the action that the name fills. */
export function targetArns(target: Target, action: ActionInfo, types: string[]): string[] {
  if (target.arn) return [target.arn];
  if (!target.name) return [];
  const out: string[] = [];
  for (const t of types) {
    if (!action.resourceTypes.some((x) => x.toLowerCase() === t)) continue;
    const tpl = arnTemplate(action.service, t);
    if (tpl) out.push(fill(tpl, target.name));
  }
  return out;
}

/**
 * A statement's `Resource` value as ARN text, with template resources as their names or tokens,
 * or undefined when it cannot be read.
 */
export function statementArn(v: Val, resources: Map<string, ResourceModel>): string | undefined {
  const s = v.str();
  if (s !== undefined) return s.replace(/\$\{[^}]*\}/g, UNKNOWN);
  const i = v.intrinsic();
  if (!i) return undefined;
  const ref = v.refTarget();
  if (ref && (i.fn === 'Ref' || i.fn === 'Fn::GetAtt')) {
    const r = resources.get(ref.id);
    if (!r) return undefined;
    const k = cfnArnKind(r.type);
    if (ref.attr === 'Arn' || (!ref.attr && k?.refIsArn)) return arnText(r);
    return undefined;
  }
  if (i.fn === 'Fn::Sub') {
    const template = i.arg.str() ?? (i.arg.kind === 'seq' ? i.arg.items()[0]?.str() : undefined);
    if (template === undefined) return undefined;
    return template.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
      if (name.startsWith('!')) return '${' + name.slice(1) + '}';
      if (name === 'AWS::Partition') return 'aws';
      if (name === 'AWS::URLSuffix') return 'amazonaws.com';
      const [id, attr] = name.split('.');
      const r = resources.get(id);
      if (!r) return UNKNOWN;
      const k = cfnArnKind(r.type);
      if (attr === 'Arn' || (!attr && k?.refIsArn)) return arnText(r) ?? UNKNOWN;
      if (!attr || /Name$/.test(attr)) return nameOf(r);
      return UNKNOWN;
    });
  }
  if (i.fn === 'Fn::Join') {
    const sep = i.arg.items()[0]?.str();
    const parts = i.arg.items()[1];
    if (sep === undefined || !parts || parts.kind !== 'seq') return undefined;
    return parts.items().map((p) => {
      const lit = p.str();
      if (lit !== undefined) return lit;
      const t = p.refTarget();
      const r = t ? resources.get(t.id) : undefined;
      if (!r) return UNKNOWN;
      const k = cfnArnKind(r.type);
      if (t!.attr === 'Arn' || (!t!.attr && k?.refIsArn)) return arnText(r) ?? UNKNOWN;
      return !t!.attr || /Name$/.test(t!.attr) ? nameOf(r) : UNKNOWN;
    }).join(sep);
  }
  return undefined;
}

/**
 * True when some continuation of `prefix` matches the glob `pattern` (case-insensitive): a set of
 * pattern positions is carried over the prefix's characters. Long inputs count as compatible.
 */
function prefixCompatible(pattern: string, prefix: string): boolean {
  if (pattern.length > 2048 || prefix.length > 2048) return true;
  const p = pattern.toLowerCase();
  const t = prefix.toLowerCase();
  const close = (set: Set<number>) => {
    for (const i of [...set].sort((a, b) => a - b)) for (let j = i; j < p.length && p[j] === '*'; j++) set.add(j + 1);
    return set;
  };
  let cur = close(new Set([0]));
  for (const c of t) {
    const next = new Set<number>();
    for (const i of cur) {
      if (i >= p.length) continue;
      if (p[i] === '*') next.add(i);
      else if (p[i] === '?' || p[i] === c) next.add(i + 1);
    }
    if (next.size === 0) return false;
    cur = close(next);
  }
  return true;
}

function splitArn(a: string): { service: string; resource: string } | undefined {
  const parts = a.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2], resource: parts.slice(5).join(':') };
}

/** Does a statement resource pattern (ARN text) cover one ARN the target can be? */
export function matchArn(pattern: string | undefined, target: string): Match {
  if (pattern === undefined) return 'maybe';
  if (pattern === '*') return 'yes';
  const p = splitArn(pattern);
  const t = splitArn(target);
  if (!p || !t) return 'maybe';
  const uncertain = p.service.includes(UNKNOWN) || p.resource.includes(UNKNOWN);
  const pat = (x: string) => x.split(UNKNOWN).join('*');
  if (!wildcardMatch(pat(p.service), t.service)) return 'no';
  const pr = pat(p.resource);
  const tokens = p.resource.includes(TOKEN) !== t.resource.includes(TOKEN);
  const cut = t.resource.indexOf(UNKNOWN);
  let m: Match;
  if (cut >= 0) {
    const prefix = t.resource.slice(0, cut);
    if (!prefixCompatible(pr, prefix)) m = 'no';
    else m = pr.endsWith('*') && wildcardMatch(pr.slice(0, -1), prefix) ? 'yes' : 'maybe';
  } else m = wildcardMatch(pr, t.resource) ? 'yes' : 'no';
  if (m === 'no' && tokens) return 'maybe';
  if (m === 'yes' && uncertain) return 'maybe';
  return m;
}

/** The best answer over several. */
export function best(ms: Match[]): Match {
  return ms.includes('yes') ? 'yes' : ms.includes('maybe') ? 'maybe' : 'no';
}

/** The ARN of a template resource, for an action's resource type, as an intrinsic to write in a policy. */
export function arnOut(r: ResourceModel, type: string): Out | undefined {
  const k = cfnArnKind(r.type);
  if (!k) return undefined;
  const own: Out = k.refIsArn ? { ref: r.id } : { getAtt: [r.id, 'Arn'] };
  if (type === k.type) return own;
  if (k.prefix === 's3' && type === 'object') return { sub: `\${${r.id}.Arn}/*` };
  if (k.prefix === 'dynamodb' && type === 'index') return { sub: `\${${r.id}.Arn}/index/*` };
  return undefined;
}

/** A literal name's ARN for an action's resource type, as a `!Sub` with the pseudo parameters. */
export function literalArnOut(prefix: string, type: string, name: string): Out | undefined {
  const tpl = arnTemplate(prefix, type);
  if (!tpl) return undefined;
  let first = true;
  const text = tpl.replace(/\$\{([A-Za-z]+)\}/g, (_m, v: string) => {
    if (v === 'Partition') return '${AWS::Partition}';
    if (v === 'Region') return '${AWS::Region}';
    if (v === 'Account') return '${AWS::AccountId}';
    if (first) {
      first = false;
      return v === 'ParameterNameWithoutLeadingSlash' ? name.replace(/^\//, '') : name;
    }
    return '*';
  });
  return { sub: text };
}
