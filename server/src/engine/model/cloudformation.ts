// CloudFormation resources: roles and their attached policies, plain Lambda functions and what
// triggers them, and resource policies. Used for CFN templates, SAM templates (which may mix in raw
// resources) and serverless.yml `resources.Resources`.
import type { Val } from '../config/val.js';
import type { FunctionModel, ResourceModel, ResourcePolicyModel, RoleModel, Trigger, TriggerKind } from './types.js';
import { flatItems, readPolicyDocument } from './statements.js';
import { referencedIds } from './refs.js';
import { bindRole } from './roles.js';

export { bindRole, readRoles } from './roles.js';
import { inlineHandler, readEnvironment, resolveHandler, type HandlerContext } from './handlers.js';
import { unknownSettings } from './settings.js';

export function readResources(resources: Val | undefined): ResourceModel[] {
  if (!resources || resources.kind !== 'map') return [];
  const out: ResourceModel[] = [];
  for (const e of resources.entries()) {
    const type = e.val.get('Type')?.str();
    if (!type) continue;
    out.push({ id: e.key, type, file: e.val.file, keySpan: e.keySpan, val: e.val, props: e.val.get('Properties') });
  }
  return out;
}

export function readLambdaFunctions(resources: ResourceModel[], roles: Map<string, RoleModel>, ctx: HandlerContext): FunctionModel[] {
  const out: FunctionModel[] = [];
  for (const r of resources) {
    if (r.type !== 'AWS::Lambda::Function' || !r.props) continue;
    const p = r.props;
    const runtime = p.get('Runtime');
    const handler = p.get('Handler');
    out.push({
      id: r.id, format: 'cloudformation', file: r.file, keySpan: r.keySpan, val: p,
      handler: inlineHandler(p.get('Code')?.get('ZipFile'), handler, runtime?.str(), r.id) ?? (handler ? resolveHandler(handler, runtime?.str(), ctx.baseDir, ctx) : undefined),
      runtime: runtime?.str() ? { value: runtime.str()!, val: runtime } : undefined,
      triggers: [],
      environment: readEnvironment(p.get('Environment')?.get('Variables')),
      role: bindRole(p.get('Role'), roles, resources),
      name: p.get('FunctionName')?.str(),
      settings: unknownSettings(), // read by build.ts once the config is complete
    });
  }
  return out;
}

const PRINCIPAL_TRIGGER: [RegExp, TriggerKind][] = [
  [/^apigateway\./, 'api'], [/^s3\./, 's3'], [/^sns\./, 'sns'], [/^sqs\./, 'sqs'], [/^events\./, 'eventbridge'],
  [/^elasticloadbalancing\./, 'alb'], [/^cognito-idp\./, 'cognito'], [/^logs\./, 'cloudwatchLogs'], [/^iot\./, 'iot'],
  [/^alexa-appkit\./, 'alexa'], [/^scheduler\./, 'schedule'],
];

const SOURCE_TYPE_TRIGGER: Record<string, TriggerKind> = {
  'AWS::SQS::Queue': 'sqs', 'AWS::DynamoDB::Table': 'dynamodb', 'AWS::DynamoDB::GlobalTable': 'dynamodb',
  'AWS::Kinesis::Stream': 'kinesis', 'AWS::MSK::Cluster': 'kafka', 'AWS::AmazonMQ::Broker': 'mq',
};

function arnKind(text: string | undefined): TriggerKind | undefined {
  const m = text ? /^arn:[^:]*:(sqs|dynamodb|kinesis|kafka|mq):/.exec(text) : null;
  return m ? (m[1] as TriggerKind) : undefined;
}

/**
 * Triggers of plain CloudFormation functions, inferred from the resources that point at them:
 * event source mappings, permissions, URLs, subscriptions, rules, bucket notifications, API
 * integrations, user pools and AppSync data sources.
 */
export function inferTriggers(functions: FunctionModel[], resources: ResourceModel[]): void {
  const fnById = new Map(functions.map((f) => [f.id, f]));
  const byId = new Map(resources.map((r) => [r.id, r]));
  const add = (fnId: string, kind: TriggerKind, r: ResourceModel, extra: Partial<Trigger> = {}) => {
    const fn = fnById.get(fnId);
    if (!fn || fn.triggers.some((t) => t.kind === kind && t.val === r.val)) return;
    fn.triggers.push({ kind, val: r.val, span: r.keySpan, label: r.id, ...extra });
  };
  for (const r of resources) {
    if (!r.props || fnById.has(r.id)) continue;
    const p = r.props;
    switch (r.type) {
      case 'AWS::Lambda::EventSourceMapping': {
        const fn = p.get('FunctionName')?.refTarget()?.id;
        const src = p.get('EventSourceArn');
        const srcRes = src?.refTarget() ? byId.get(src.refTarget()!.id) : undefined;
        const kind = (srcRes && SOURCE_TYPE_TRIGGER[srcRes.type]) ?? arnKind(src?.str()) ?? 'other';
        if (fn) add(fn, kind, r);
        break;
      }
      case 'AWS::Lambda::Permission': {
        const fn = p.get('FunctionName')?.refTarget()?.id;
        const principal = p.get('Principal')?.str() ?? '';
        const kind = PRINCIPAL_TRIGGER.find(([re]) => re.test(principal))?.[1];
        if (fn && kind) add(fn, kind, r);
        break;
      }
      case 'AWS::Lambda::Url': {
        const fn = p.get('TargetFunctionArn')?.refTarget()?.id;
        if (fn) add(fn, 'functionUrl', r, { explicitlyPublic: p.get('AuthType')?.str() === 'NONE' });
        break;
      }
      case 'AWS::S3ObjectLambda::AccessPoint': {
        // ObjectLambdaConfiguration.TransformationConfigurations[].ContentTransformation.AwsLambda.FunctionArn
        for (const id of referencedIds(p.get('ObjectLambdaConfiguration'))) if (fnById.has(id)) add(id, 's3ObjectLambda', r);
        break;
      }
      default: {
        if (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource') {
          const fn = p.get('ServiceToken')?.refTarget()?.id;
          if (fn) add(fn, 'customResource', r);
          break;
        }
        const kind = TYPE_TRIGGER[r.type];
        if (!kind) break;
        for (const id of referencedIds(p)) if (fnById.has(id)) add(id, kind(p), r);
      }
    }
  }
}

const TYPE_TRIGGER: Record<string, (p: Val) => TriggerKind> = {
  'AWS::SNS::Subscription': () => 'sns',
  'AWS::SNS::Topic': () => 'sns',
  'AWS::Events::Rule': (p) => (p.get('ScheduleExpression') ? 'schedule' : 'eventbridge'),
  'AWS::Scheduler::Schedule': () => 'schedule',
  'AWS::S3::Bucket': () => 's3',
  'AWS::ApiGateway::Method': () => 'api',
  'AWS::ApiGatewayV2::Integration': () => 'httpApi',
  'AWS::Cognito::UserPool': () => 'cognito',
  'AWS::AppSync::DataSource': () => 'appsync',
  'AWS::ElasticLoadBalancingV2::TargetGroup': () => 'alb',
  'AWS::IoT::TopicRule': () => 'iot',
  'AWS::Logs::SubscriptionFilter': () => 'cloudwatchLogs',
};

export function readResourcePolicies(resources: ResourceModel[]): ResourcePolicyModel[] {
  const out: ResourcePolicyModel[] = [];
  for (const r of resources) {
    if (!r.props) continue;
    if (r.type === 'AWS::Lambda::Permission') {
      out.push({ kind: 'lambda-permission', resource: r, statements: [], targetId: r.props.get('FunctionName')?.refTarget()?.id });
      continue;
    }
    const kind =
      r.type === 'AWS::S3::BucketPolicy' ? 's3-bucket-policy'
      : r.type === 'AWS::SQS::QueuePolicy' ? 'sqs-queue-policy'
      : r.type === 'AWS::SNS::TopicPolicy' ? 'sns-topic-policy'
      : undefined;
    if (!kind) continue;
    const doc = readPolicyDocument(r.props.get('PolicyDocument'), `${r.type} ${r.id}`);
    const target = r.props.get(kind === 's3-bucket-policy' ? 'Bucket' : kind === 'sqs-queue-policy' ? 'Queues' : 'Topics');
    out.push({ kind, resource: r, statements: doc?.statements ?? [], targetId: flatItems(target)[0]?.refTarget()?.id });
  }
  return out;
}
