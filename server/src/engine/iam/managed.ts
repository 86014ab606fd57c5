// AWS-managed policies that grant administrator or full access, and the SAM policy templates that
// can replace a full-access policy once it is scoped to one resource of the template.
import type { ResourceModel } from '../model/types.js';
import type { Out } from '../fix/yaml-edit.js';

export interface BroadPolicy {
  /** Why it is broad, for the message. */
  grants: string;
  severity: 'error' | 'warning';
}

const ADMIN: Record<string, BroadPolicy> = {
  AdministratorAccess: { grants: 'every action on every resource: full administrator access', severity: 'error' },
  PowerUserAccess: { grants: 'every action except most of IAM and Organizations', severity: 'error' },
  IAMFullAccess: { grants: 'iam:* on every resource: it can grant itself anything', severity: 'error' },
  AWSLambdaRole: { grants: 'lambda:InvokeFunction on every function of the account', severity: 'warning' },
  AmazonAPIGatewayAdministrator: { grants: 'apigateway:* on every API', severity: 'warning' },
};

/** An AWS-managed policy that grants admin or full access, by its name (`AmazonS3FullAccess`, `AWSLambda_FullAccess`...). */
export function broadManagedPolicy(name: string): BroadPolicy | undefined {
  if (Object.prototype.hasOwnProperty.call(ADMIN, name)) return ADMIN[name];
  if (/FullAccess(_v\d+)?$/i.test(name) || /_FullAccess$/.test(name)) {
    const service = name.replace(/^(Amazon|AWS)/, '').replace(/_?FullAccess.*$/i, '');
    return { grants: `full access to ${service || 'the service'}, on every resource`, severity: 'warning' };
  }
  return undefined;
}

interface TemplateChoice {
  template: string;
  param: string;
  /** How to name the resource in the template's parameter (its name, not its ARN). */
  value(r: ResourceModel): Out;
}

interface Replacement {
  cfnTypes: string[];
  templates: TemplateChoice[];
}

const byRef = (r: ResourceModel): Out => ({ ref: r.id });
const byAtt = (attr: string) => (r: ResourceModel): Out => ({ getAtt: [r.id, attr] });

/**
 * Full-access policy -> SAM policy templates covering the same service for one resource. Parameter
 * values must be names: `!Ref` gives the name of a bucket, table, stream, function and event bus,
 * but the URL of a queue and the ARN of a topic or state machine, hence `!GetAtt ...Name` there.
 */
const REPLACEMENTS: Record<string, Replacement> = {
  AmazonS3FullAccess: { cfnTypes: ['AWS::S3::Bucket'], templates: [{ template: 'S3CrudPolicy', param: 'BucketName', value: byRef }] },
  AmazonDynamoDBFullAccess: { cfnTypes: ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'], templates: [{ template: 'DynamoDBCrudPolicy', param: 'TableName', value: byRef }] },
  AmazonDynamoDBFullAccess_v2: { cfnTypes: ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'], templates: [{ template: 'DynamoDBCrudPolicy', param: 'TableName', value: byRef }] },
  AmazonSQSFullAccess: {
    cfnTypes: ['AWS::SQS::Queue'],
    templates: [
      { template: 'SQSSendMessagePolicy', param: 'QueueName', value: byAtt('QueueName') },
      { template: 'SQSPollerPolicy', param: 'QueueName', value: byAtt('QueueName') },
    ],
  },
  AmazonSNSFullAccess: { cfnTypes: ['AWS::SNS::Topic'], templates: [{ template: 'SNSCrudPolicy', param: 'TopicName', value: byAtt('TopicName') }] },
  AmazonKinesisFullAccess: { cfnTypes: ['AWS::Kinesis::Stream'], templates: [{ template: 'KinesisCrudPolicy', param: 'StreamName', value: byRef }] },
  AmazonKinesisFirehoseFullAccess: { cfnTypes: ['AWS::KinesisFirehose::DeliveryStream'], templates: [{ template: 'FirehoseCrudPolicy', param: 'DeliveryStreamName', value: byRef }] },
  AWSStepFunctionsFullAccess: { cfnTypes: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'], templates: [{ template: 'StepFunctionsExecutionPolicy', param: 'StateMachineName', value: byAtt('Name') }] },
  AmazonEventBridgeFullAccess: { cfnTypes: ['AWS::Events::EventBus'], templates: [{ template: 'EventBridgePutEventsPolicy', param: 'EventBusName', value: byRef }] },
  AWSLambda_FullAccess: { cfnTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], templates: [{ template: 'LambdaInvokePolicy', param: 'FunctionName', value: byRef }] },
  AWSLambdaFullAccess: { cfnTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], templates: [{ template: 'LambdaInvokePolicy', param: 'FunctionName', value: byRef }] },
  AWSLambdaRole: { cfnTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], templates: [{ template: 'LambdaInvokePolicy', param: 'FunctionName', value: byRef }] },
};

export interface TemplateReplacement {
  resource: ResourceModel;
  /** One `{Template: {Param: value}}` item per template. */
  items: Out[];
  templates: string[];
}

/** The SAM policy templates that can replace a full-access policy, one choice per matching resource (`exclude`: circular ones). */
export function samTemplateReplacements(policyName: string, resources: ResourceModel[], exclude: Set<string>): TemplateReplacement[] {
  const rep = Object.prototype.hasOwnProperty.call(REPLACEMENTS, policyName) ? REPLACEMENTS[policyName] : undefined;
  if (!rep) return [];
  return resources
    .filter((r) => rep.cfnTypes.includes(r.type) && !exclude.has(r.id))
    .map((r) => ({
      resource: r,
      items: rep.templates.map((t): Out => ({ map: [[t.template, { map: [[t.param, t.value(r)]] }]] })),
      templates: rep.templates.map((t) => t.template),
    }));
}

/** Resources of the template that a SAM policy template parameter can name, and how to name them. */
const PARAM_RESOURCES: Record<string, { cfnTypes: string[]; value(r: ResourceModel): Out }> = {
  TableName: { cfnTypes: ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'], value: byRef },
  BucketName: { cfnTypes: ['AWS::S3::Bucket'], value: byRef },
  QueueName: { cfnTypes: ['AWS::SQS::Queue'], value: byAtt('QueueName') },
  TopicName: { cfnTypes: ['AWS::SNS::Topic'], value: byAtt('TopicName') },
  StreamName: { cfnTypes: ['AWS::Kinesis::Stream'], value: byRef },
  FunctionName: { cfnTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], value: byRef },
  StateMachineName: { cfnTypes: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'], value: byAtt('Name') },
  EventBusName: { cfnTypes: ['AWS::Events::EventBus'], value: byRef },
  SecretArn: { cfnTypes: ['AWS::SecretsManager::Secret'], value: byRef },
  KeyId: { cfnTypes: ['AWS::KMS::Key'], value: byRef },
  DeliveryStreamName: { cfnTypes: ['AWS::KinesisFirehose::DeliveryStream'], value: byRef },
};

/** Template resources that can replace a wildcard argument of a SAM policy template. */
export function templateParamCandidates(template: string, param: string, resources: ResourceModel[], exclude: Set<string>): { resource: ResourceModel; value: Out }[] {
  // DynamoDBStreamReadPolicy's StreamName is a stream label, not a Kinesis stream.
  if (template.startsWith('DynamoDBStream') && param === 'StreamName') return [];
  const p = Object.prototype.hasOwnProperty.call(PARAM_RESOURCES, param) ? PARAM_RESOURCES[param] : undefined;
  if (!p) return [];
  return resources.filter((r) => p.cfnTypes.includes(r.type) && !exclude.has(r.id)).map((r) => ({ resource: r, value: p.value(r) }));
}
