// ARNs of the resources a template (or serverless.yml `resources`) defines, as intrinsics to write
// in place of `Resource: '*'`: `!GetAtt Table.Arn`, `!Sub '${Bucket.Arn}/*'`, `!Ref Topic`... Each
// entry says which IAM resource types of which service the ARN stands for, so a fix is offered only
// when every scopable action of the statement is covered.
import type { ResourceModel, RoleModel } from '../model/types.js';
import { referencedIds } from '../model/refs.js';
import type { Out } from '../fix/yaml-edit.js';
import type { ActionInfo } from './actions.js';
import { serviceName } from './resources.js';

interface ArnKind {
  service: string;
  /** IAM resource types (from the action catalogue) this ARN can stand for. */
  types: string[];
  cfnTypes: string[];
  /** The ARN of resource `r`, or undefined when this resource does not have that kind of ARN. */
  arn(r: ResourceModel): Out | undefined;
  noun: string;
}

const getAtt = (attr: string) => (r: ResourceModel): Out => ({ getAtt: [r.id, attr] });
const ref = (r: ResourceModel): Out => ({ ref: r.id });
const hasProp = (r: ResourceModel, ...keys: string[]) => keys.some((k) => r.props?.get(k) !== undefined);

const KINDS: ArnKind[] = [
  { service: 's3', types: ['bucket'], cfnTypes: ['AWS::S3::Bucket'], arn: getAtt('Arn'), noun: 'bucket' },
  { service: 's3', types: ['object'], cfnTypes: ['AWS::S3::Bucket'], arn: (r) => ({ sub: `\${${r.id}.Arn}/*` }), noun: 'bucket' },
  { service: 'dynamodb', types: ['table'], cfnTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'], arn: getAtt('Arn'), noun: 'table' },
  {
    service: 'dynamodb', types: ['index'], cfnTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], noun: 'table',
    arn: (r) => (hasProp(r, 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes') ? { sub: `\${${r.id}.Arn}/index/*` } : undefined),
  },
  {
    service: 'dynamodb', types: ['stream'], cfnTypes: ['AWS::DynamoDB::Table'], noun: 'table',
    arn: (r) => (hasProp(r, 'StreamSpecification') ? { getAtt: [r.id, 'StreamArn'] } : undefined),
  },
  { service: 'sqs', types: ['queue'], cfnTypes: ['AWS::SQS::Queue'], arn: getAtt('Arn'), noun: 'queue' },
  { service: 'sns', types: ['topic'], cfnTypes: ['AWS::SNS::Topic'], arn: ref, noun: 'topic' },
  { service: 'kinesis', types: ['stream'], cfnTypes: ['AWS::Kinesis::Stream'], arn: getAtt('Arn'), noun: 'stream' },
  { service: 'firehose', types: ['deliverystream'], cfnTypes: ['AWS::KinesisFirehose::DeliveryStream'], arn: getAtt('Arn'), noun: 'delivery stream' },
  { service: 'lambda', types: ['function'], cfnTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], arn: getAtt('Arn'), noun: 'function' },
  { service: 'states', types: ['statemachine'], cfnTypes: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'], arn: ref, noun: 'state machine' },
  { service: 'events', types: ['event-bus'], cfnTypes: ['AWS::Events::EventBus'], arn: getAtt('Arn'), noun: 'event bus' },
  { service: 'secretsmanager', types: ['Secret'], cfnTypes: ['AWS::SecretsManager::Secret'], arn: ref, noun: 'secret' },
  { service: 'kms', types: ['key'], cfnTypes: ['AWS::KMS::Key'], arn: getAtt('Arn'), noun: 'key' },
  { service: 'iam', types: ['role'], cfnTypes: ['AWS::IAM::Role'], arn: getAtt('Arn'), noun: 'role' },
  { service: 'logs', types: ['log-group', 'log-stream'], cfnTypes: ['AWS::Logs::LogGroup'], arn: getAtt('Arn'), noun: 'log group' },
  { service: 'cognito-idp', types: ['userpool'], cfnTypes: ['AWS::Cognito::UserPool'], arn: getAtt('Arn'), noun: 'user pool' },
  { service: 'ecr', types: ['repository'], cfnTypes: ['AWS::ECR::Repository'], arn: getAtt('Arn'), noun: 'repository' },
  {
    service: 'ssm', types: ['parameter'], cfnTypes: ['AWS::SSM::Parameter'], noun: 'parameter',
    // Ref gives the name; the ARN needs a slash only when the name does not start with one.
    arn: (r) => {
      const name = r.props?.get('Name')?.str();
      if (name === undefined) return undefined;
      return { sub: `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name.startsWith('/') ? '' : '/'}\${${r.id}}` };
    },
  },
];

/** At most this many resources of one service are written into a fix; more means the user must choose. */
const MAX_PER_SERVICE = 4;

export interface ScopedArns {
  arns: Out[];
  /** "the DynamoDB table Orders and the S3 bucket Uploads", for the fix title. */
  described: string;
}

/**
 * ARNs of the template's resources that can replace `*` for these actions, or undefined when some
 * action cannot be covered (no resource of its service or of a type it accepts, or too many to pick).
 */
export function templateArns(actions: ActionInfo[], resources: ResourceModel[]): ScopedArns | undefined {
  if (actions.length === 0) return undefined;
  const chosen: { kind: ArnKind; r: ResourceModel; out: Out }[] = [];
  const services = [...new Set(actions.map((a) => a.service))];
  for (const service of services) {
    const kinds = KINDS.filter((k) => k.service === service);
    const candidates = resources.filter((r) => kinds.some((k) => k.cfnTypes.includes(r.type)));
    const ids = new Set(candidates.map((r) => r.id));
    if (ids.size === 0 || ids.size > MAX_PER_SERVICE) return undefined;
    for (const a of actions.filter((x) => x.service === service)) {
      // The kinds of ARN this action accepts, and that some resource of the template has.
      const usable = kinds.filter((k) => k.types.some((t) => a.resourceTypes.includes(t)) && candidates.some((r) => k.cfnTypes.includes(r.type) && k.arn(r)));
      if (usable.length === 0) return undefined;
      for (const k of usable) {
        for (const r of candidates) {
          if (!k.cfnTypes.includes(r.type) || chosen.some((c) => c.kind === k && c.r === r)) continue;
          const out = k.arn(r);
          if (out) chosen.push({ kind: k, r, out });
        }
      }
    }
  }
  chosen.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || resources.indexOf(a.r) - resources.indexOf(b.r));
  const arns: Out[] = [];
  const seen = new Set<string>();
  for (const c of chosen) {
    const key = JSON.stringify(c.out);
    if (!seen.has(key)) arns.push(c.out), seen.add(key);
  }
  const byNoun = new Map<string, string[]>();
  for (const c of chosen) {
    const label = `${serviceName(c.kind.service)} ${c.kind.noun}`;
    const list = byNoun.get(label) ?? [];
    if (!list.includes(c.r.id)) list.push(c.r.id);
    byNoun.set(label, list);
  }
  const described = [...byNoun].map(([noun, ids]) => `${noun}${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`).join(' and ');
  return { arns, described };
}

/**
 * Resources a role's policy must not name with `!Ref`/`!GetAtt`: the role itself, the functions
 * holding it, and resources that point at those functions (a bucket whose notification invokes one,
 * a topic that subscribes one, the bucket of a SAM S3 event). Naming them would be a circular
 * dependency: resource -> function -> role -> resource.
 */
export function cyclicIds(holder: RoleModel | undefined, resources: ResourceModel[]): Set<string> {
  const out = new Set<string>();
  if (!holder) return out;
  out.add(holder.id);
  const fnIds = new Set(holder.functions.map((f) => f.id));
  for (const id of fnIds) out.add(id);
  for (const fn of holder.functions) {
    for (const t of fn.triggers) {
      if (t.kind !== 's3') continue;
      const bucket = t.val.get('Properties')?.get('Bucket')?.refTarget();
      if (bucket) out.add(bucket.id);
    }
  }
  if (fnIds.size > 0) {
    for (const r of resources) {
      if (r.type === 'AWS::Lambda::Permission' || r.type === 'AWS::Lambda::EventSourceMapping') continue;
      for (const id of referencedIds(r.props)) if (fnIds.has(id)) out.add(r.id);
    }
  }
  return out;
}
