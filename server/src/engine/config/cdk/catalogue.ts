// CDK construct classes and what they create in CloudFormation: the resource type, and how their
// props map to CloudFormation property names (most are the camelCase of them: `memorySize` /
// MemorySize). L1 classes (`CfnFunction`) are their CloudFormation resource, props PascalCased.
// The same table says how a CloudFormation key is written back as a prop (fix/ts-edit.ts).
import type { KeySchema, KeySpec } from '../synthetic.js';
import { ENUMS, type Conv } from './values.js';

export interface PropSpec {
  /** CloudFormation key path. */
  cfn: string[];
  conv?: Conv;
}

export interface ClassSpec {
  type: string;
  props?: Record<string, PropSpec>;
  /** A Lambda function (handler code, role, triggers). */
  fn?: 'function' | 'nodejs' | 'python' | 'image';
}

const FUNCTION_PROPS: Record<string, PropSpec> = {
  handler: { cfn: ['Handler'] }, runtime: { cfn: ['Runtime'], conv: 'runtime' }, functionName: { cfn: ['FunctionName'] },
  environment: { cfn: ['Environment', 'Variables'] }, tracing: { cfn: ['TracingConfig', 'Mode'], conv: 'tracing' }, role: { cfn: ['Role'] },
  memorySize: { cfn: ['MemorySize'] }, timeout: { cfn: ['Timeout'], conv: 'duration' }, reservedConcurrentExecutions: { cfn: ['ReservedConcurrentExecutions'] },
  deadLetterQueue: { cfn: ['DeadLetterConfig', 'TargetArn'] }, deadLetterTopic: { cfn: ['DeadLetterConfig', 'TargetArn'] }, vpc: { cfn: ['VpcConfig'] },
  loggingFormat: { cfn: ['LoggingConfig', 'LogFormat'], conv: 'logFormat' }, logFormat: { cfn: ['LoggingConfig', 'LogFormat'], conv: 'logFormat' },
  logGroup: { cfn: ['LoggingConfig', 'LogGroup'], conv: 'ref' }, layers: { cfn: ['Layers'] }, architecture: { cfn: ['Architectures'] }, environmentEncryption: { cfn: ['KmsKeyArn'] },
  // `filesystem: lambda.FileSystem.fromEfsAccessPoint(...)` (or fromS3FilesAccessPoint): the function mounts it.
  filesystem: { cfn: ['FileSystemConfigs'] },
};

const L2: Record<string, ClassSpec> = {
  'aws-lambda.Function': { type: 'AWS::Lambda::Function', props: FUNCTION_PROPS, fn: 'function' },
  'aws-lambda.SingletonFunction': { type: 'AWS::Lambda::Function', props: FUNCTION_PROPS, fn: 'function' },
  'aws-lambda.DockerImageFunction': { type: 'AWS::Lambda::Function', props: FUNCTION_PROPS, fn: 'image' },
  'aws-lambda-nodejs.NodejsFunction': { type: 'AWS::Lambda::Function', props: FUNCTION_PROPS, fn: 'nodejs' },
  'aws-lambda-python.PythonFunction': { type: 'AWS::Lambda::Function', props: FUNCTION_PROPS, fn: 'python' },
  'aws-lambda.FunctionUrl': { type: 'AWS::Lambda::Url', props: { function: { cfn: ['TargetFunctionArn'] }, authType: { cfn: ['AuthType'], conv: 'urlAuth' }, cors: { cfn: ['Cors'] } } },
  'aws-lambda.EventSourceMapping': { type: 'AWS::Lambda::EventSourceMapping', props: { target: { cfn: ['FunctionName'] } } },
  'aws-iam.Role': { type: 'AWS::IAM::Role' },
  'aws-iam.Policy': { type: 'AWS::IAM::Policy' },
  'aws-iam.ManagedPolicy': { type: 'AWS::IAM::ManagedPolicy' },
  'aws-sqs.Queue': { type: 'AWS::SQS::Queue' },
  'aws-sns.Topic': { type: 'AWS::SNS::Topic' },
  'aws-sns.Subscription': { type: 'AWS::SNS::Subscription' },
  'aws-s3.Bucket': { type: 'AWS::S3::Bucket', props: { accessControl: { cfn: ['AccessControl'], conv: 'bucketAcl' } } },
  'aws-s3.BucketPolicy': { type: 'AWS::S3::BucketPolicy' },
  'aws-dynamodb.Table': { type: 'AWS::DynamoDB::Table' },
  'aws-dynamodb.TableV2': { type: 'AWS::DynamoDB::GlobalTable' },
  'aws-kinesis.Stream': { type: 'AWS::Kinesis::Stream' },
  'aws-logs.LogGroup': { type: 'AWS::Logs::LogGroup', props: { retention: { cfn: ['RetentionInDays'], conv: 'retention' } } },
  'aws-events.Rule': { type: 'AWS::Events::Rule', props: { schedule: { cfn: ['ScheduleExpression'] } } },
  'aws-events.EventBus': { type: 'AWS::Events::EventBus' },
  'aws-stepfunctions.StateMachine': { type: 'AWS::StepFunctions::StateMachine' },
  'aws-secretsmanager.Secret': { type: 'AWS::SecretsManager::Secret' },
  'aws-kms.Key': { type: 'AWS::KMS::Key' },
  'aws-ssm.StringParameter': { type: 'AWS::SSM::Parameter', props: { parameterName: { cfn: ['Name'] } } },
  'aws-apigateway.RestApi': { type: 'AWS::ApiGateway::RestApi' },
  'aws-apigateway.LambdaRestApi': { type: 'AWS::ApiGateway::RestApi' },
  'aws-apigateway.SpecRestApi': { type: 'AWS::ApiGateway::RestApi' },
  'aws-apigatewayv2.HttpApi': { type: 'AWS::ApiGatewayV2::Api' },
  'aws-apigatewayv2.WebSocketApi': { type: 'AWS::ApiGatewayV2::Api' },
  'aws-cognito.UserPool': { type: 'AWS::Cognito::UserPool' },
};

/** CloudFormation service names of the CDK modules whose L1 classes are seen most. */
const SERVICES: Record<string, string> = {
  'aws-lambda': 'Lambda', 'aws-iam': 'IAM', 'aws-s3': 'S3', 'aws-sqs': 'SQS', 'aws-sns': 'SNS', 'aws-dynamodb': 'DynamoDB', 'aws-kinesis': 'Kinesis',
  'aws-logs': 'Logs', 'aws-events': 'Events', 'aws-stepfunctions': 'StepFunctions', 'aws-secretsmanager': 'SecretsManager', 'aws-kms': 'KMS',
  'aws-ssm': 'SSM', 'aws-apigateway': 'ApiGateway', 'aws-apigatewayv2': 'ApiGatewayV2', 'aws-cognito': 'Cognito', 'aws-ec2': 'EC2', 'aws-ecs': 'ECS',
  'aws-rds': 'RDS', 'aws-scheduler': 'Scheduler', 'aws-pipes': 'Pipes', 'aws-appsync': 'AppSync', 'aws-kinesisfirehose': 'KinesisFirehose',
  'aws-cloudfront': 'CloudFront', 'aws-elasticloadbalancingv2': 'ElasticLoadBalancingV2', 'aws-ecr': 'ECR', 'aws-sagemaker': 'SageMaker', 'aws-glue': 'Glue',
};

export function classSpec(module: string, cls: string): ClassSpec | undefined {
  const l2 = L2[`${module}.${cls}`];
  if (l2) return l2;
  const m = /^Cfn([A-Z][A-Za-z0-9]*)$/.exec(cls);
  if (!m || module === 'core') return undefined;
  const service = SERVICES[module] ?? module.replace(/^aws-/, '').replace(/(^|-)([a-z])/g, (_x, _d, c: string) => c.toUpperCase());
  return { type: `AWS::${service}::${m[1]}`, fn: module === 'aws-lambda' && m[1] === 'Function' ? 'function' : undefined };
}

/** The CloudFormation key of a prop (`memorySize` -> MemorySize) unless the class says otherwise. */
export function propKey(spec: ClassSpec | undefined, prop: string): PropSpec {
  return spec?.props?.[prop] ?? { cfn: [prop[0].toUpperCase() + prop.slice(1)] };
}

/** How CloudFormation keys of a class's view are written back as props (for fixes). */
export function writeSchema(spec: ClassSpec | undefined): KeySchema {
  const keys: Record<string, KeySpec> = {};
  for (const [prop, p] of Object.entries(spec?.props ?? {})) {
    const e = p.conv && p.conv in ENUMS ? ENUMS[p.conv as keyof typeof ENUMS] : undefined;
    const leaf: KeySpec = { name: prop, module: e?.module, values: e ? Object.fromEntries(Object.entries(e.values).map(([m, v]) => [v, `${e.cls}.${m}`])) : undefined };
    if (p.cfn.length === 1) keys[p.cfn[0]] ??= leaf;
    else if (p.cfn.length === 2) {
      const outer = (keys[p.cfn[0]] ??= { name: prop, block: { keys: {} } });
      outer.block ??= { keys: {} };
      outer.block.keys[p.cfn[1]] ??= leaf;
    }
  }
  return { keys };
}
