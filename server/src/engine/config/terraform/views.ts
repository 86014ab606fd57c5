// Terraform resources presented as the CloudFormation resources they create: an `AWS::` type, and a
// property map keyed by CloudFormation names whose values are the `.tf` attribute nodes. Most AWS
// provider names are the snake_case of CloudFormation's (`memory_size` / MemorySize, `tracing_config
// { mode }` / TracingConfig.Mode); the exceptions are listed per type. The same table tells the
// edit helpers how to write a CloudFormation key back as Terraform (fix/hcl-edit.ts). Resources
// that Terraform splits off (`aws_s3_bucket_acl`, `aws_s3_bucket_public_access_block`,
// `aws_api_gateway_integration`, `aws_api_gateway_method_settings`) are folded into the resource
// they configure, so that rules read one bucket, one method, one stage. Types without an entry are
// kept with their Terraform type and a generic view (for secrets in resource properties).
import * as YAML from 'yaml';
import { addEntry, map, scalar, seq, setEditInfo, type KeySchema, type KeySpec, type SynthEntry } from '../synthetic.js';
import type { Block, Body, HclFile } from './hcl.js';
import type { TfModule } from './module.js';
import { pascal, type TfEvaluator } from './evaluate.js';
import { bodyIndent } from './indent.js';

interface ViewSpec {
  cfn?: string;
  /** Terraform attribute or block name -> CloudFormation key (the default is PascalCase). */
  rename?: Record<string, string>;
  /** Nested blocks: their own renames; `list` when CloudFormation holds a list of them. */
  blocks?: Record<string, ViewSpec & { list?: boolean }>;
  /** CloudFormation keys written in another way than an attribute (see KeySpec). */
  writers?: Record<string, Omit<KeySpec, 'name'> & { name?: string }>;
}

const TYPES: Record<string, ViewSpec> = {
  aws_lambda_function: {
    cfn: 'AWS::Lambda::Function',
    blocks: { environment: {}, tracing_config: {}, dead_letter_config: {}, vpc_config: {}, logging_config: {}, ephemeral_storage: {}, snap_start: {}, image_config: {}, file_system_config: { cfn: 'FileSystemConfigs', list: true } },
  },
  aws_iam_role: {
    cfn: 'AWS::IAM::Role',
    rename: { name: 'RoleName', assume_role_policy: 'AssumeRolePolicyDocument', managed_policy_arns: 'ManagedPolicyArns' },
    blocks: { inline_policy: { cfn: 'Policies', list: true, rename: { name: 'PolicyName', policy: 'PolicyDocument' } } },
    writers: { ManagedPolicyArns: { writer: 'policy-attachment' } },
  },
  aws_iam_role_policy: { cfn: 'AWS::IAM::RolePolicy', rename: { name: 'PolicyName', policy: 'PolicyDocument', role: 'RoleName' } },
  aws_iam_policy: { cfn: 'AWS::IAM::ManagedPolicy', rename: { name: 'ManagedPolicyName', policy: 'PolicyDocument' } },
  aws_lambda_permission: { cfn: 'AWS::Lambda::Permission', rename: { principal_org_id: 'PrincipalOrgID' } },
  aws_lambda_function_url: { cfn: 'AWS::Lambda::Url', rename: { function_name: 'TargetFunctionArn', authorization_type: 'AuthType' }, blocks: { cors: {} } },
  aws_lambda_event_source_mapping: { cfn: 'AWS::Lambda::EventSourceMapping', blocks: { destination_config: {}, filter_criteria: {}, scaling_config: {} } },
  aws_sns_topic: { cfn: 'AWS::SNS::Topic', rename: { name: 'TopicName' } },
  aws_sns_topic_policy: { cfn: 'AWS::SNS::TopicPolicy', rename: { arn: 'Topics', policy: 'PolicyDocument' } },
  aws_sns_topic_subscription: { cfn: 'AWS::SNS::Subscription' },
  aws_sqs_queue: { cfn: 'AWS::SQS::Queue', rename: { name: 'QueueName' } },
  aws_sqs_queue_policy: { cfn: 'AWS::SQS::QueuePolicy', rename: { queue_url: 'Queues', policy: 'PolicyDocument' } },
  aws_s3_bucket: { cfn: 'AWS::S3::Bucket', rename: { bucket: 'BucketName', acl: 'AccessControl' }, blocks: { website: { cfn: 'WebsiteConfiguration' } } },
  aws_s3_bucket_policy: { cfn: 'AWS::S3::BucketPolicy', rename: { policy: 'PolicyDocument' } },
  aws_cloudwatch_log_group: { cfn: 'AWS::Logs::LogGroup', rename: { name: 'LogGroupName' } },
  aws_cloudwatch_event_rule: { cfn: 'AWS::Events::Rule' },
  aws_cloudwatch_event_bus: { cfn: 'AWS::Events::EventBus' },
  aws_scheduler_schedule: { cfn: 'AWS::Scheduler::Schedule', blocks: { target: {}, flexible_time_window: {} } },
  aws_dynamodb_table: {
    cfn: 'AWS::DynamoDB::Table', rename: { name: 'TableName' },
    blocks: { global_secondary_index: { cfn: 'GlobalSecondaryIndexes', list: true }, local_secondary_index: { cfn: 'LocalSecondaryIndexes', list: true }, attribute: { cfn: 'AttributeDefinitions', list: true } },
  },
  aws_kinesis_stream: { cfn: 'AWS::Kinesis::Stream' },
  aws_kinesis_firehose_delivery_stream: { cfn: 'AWS::KinesisFirehose::DeliveryStream' },
  aws_api_gateway_rest_api: { cfn: 'AWS::ApiGateway::RestApi' },
  aws_api_gateway_resource: { cfn: 'AWS::ApiGateway::Resource' },
  aws_lambda_function_event_invoke_config: { cfn: 'AWS::Lambda::EventInvokeConfig', blocks: { destination_config: {}, on_failure: {}, on_success: {} } },
  aws_cloudwatch_log_subscription_filter: { cfn: 'AWS::Logs::SubscriptionFilter' },
  aws_appsync_datasource: { cfn: 'AWS::AppSync::DataSource', blocks: { lambda_config: {} } },
  aws_api_gateway_method: { cfn: 'AWS::ApiGateway::Method', rename: { authorization: 'AuthorizationType' } },
  aws_api_gateway_authorizer: { cfn: 'AWS::ApiGateway::Authorizer' },
  aws_api_gateway_deployment: { cfn: 'AWS::ApiGateway::Deployment' },
  aws_api_gateway_stage: {
    cfn: 'AWS::ApiGateway::Stage', rename: { xray_tracing_enabled: 'TracingEnabled' },
    blocks: { access_log_settings: { cfn: 'AccessLogSetting' } },
    writers: { MethodSettings: { writer: 'method-settings' } },
  },
  aws_apigatewayv2_api: { cfn: 'AWS::ApiGatewayV2::Api', blocks: { cors_configuration: {} } },
  aws_apigatewayv2_stage: { cfn: 'AWS::ApiGatewayV2::Stage', rename: { name: 'StageName' }, blocks: { access_log_settings: {}, default_route_settings: {}, route_settings: { list: true } } },
  aws_apigatewayv2_integration: { cfn: 'AWS::ApiGatewayV2::Integration' },
  aws_apigatewayv2_route: { cfn: 'AWS::ApiGatewayV2::Route' },
  aws_apigatewayv2_authorizer: { cfn: 'AWS::ApiGatewayV2::Authorizer' },
  aws_kms_key: { cfn: 'AWS::KMS::Key', rename: { policy: 'KeyPolicy' } },
  aws_secretsmanager_secret: { cfn: 'AWS::SecretsManager::Secret' },
  aws_secretsmanager_secret_policy: { cfn: 'AWS::SecretsManager::ResourcePolicy', rename: { secret_arn: 'SecretId', policy: 'ResourcePolicy' } },
  aws_sfn_state_machine: { cfn: 'AWS::StepFunctions::StateMachine', rename: { definition: 'DefinitionString' } },
  aws_cognito_user_pool: { cfn: 'AWS::Cognito::UserPool', blocks: { lambda_config: {} } },
  aws_ssm_parameter: { cfn: 'AWS::SSM::Parameter' },
  aws_lb_target_group: { cfn: 'AWS::ElasticLoadBalancingV2::TargetGroup' },
  aws_ecr_repository: { cfn: 'AWS::ECR::Repository', rename: { name: 'RepositoryName' } },
};

/** The CloudFormation type a Terraform resource type stands for (undefined when none is mapped). */
export function cfnTypeOf(tfType: string): string | undefined {
  return TYPES[tfType]?.cfn;
}

/** The Terraform type of a CloudFormation type, for fixes that add a resource. */
export function tfTypeOf(cfnType: string): string | undefined {
  return Object.entries(TYPES).find(([, s]) => s.cfn === cfnType)?.[0];
}

function schemaOf(spec: ViewSpec | undefined): KeySchema {
  const keys: Record<string, KeySpec> = {};
  for (const [tf, cfn] of Object.entries(spec?.rename ?? {})) keys[cfn] = { name: tf };
  for (const [tf, b] of Object.entries(spec?.blocks ?? {})) {
    const cfn = b.cfn ?? pascal(tf);
    keys[cfn] = { ...(keys[cfn] ?? { name: tf }), name: tf, block: schemaOf(b) };
  }
  for (const [cfn, w] of Object.entries(spec?.writers ?? {})) keys[cfn] = { ...(keys[cfn] ?? { name: snake(cfn) }), ...w, name: w.name ?? keys[cfn]?.name ?? snake(cfn) };
  return { keys };
}

/** `RetentionInDays` -> `retention_in_days`. */
export function snake(cfn: string): string {
  return cfn.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

const SCHEMAS = new Map<string, KeySchema>();
/** How CloudFormation keys of a Terraform resource type's view are written back as Terraform. */
export function schemaFor(tfType: string): KeySchema {
  let s = SCHEMAS.get(tfType);
  if (!s) SCHEMAS.set(tfType, (s = schemaOf(TYPES[tfType])));
  return s;
}

/** A block body as a map keyed by CloudFormation names. */
export function bodyView(block: Block, spec: ViewSpec | undefined, mod: TfModule, file: HclFile, ev: TfEvaluator, schema?: KeySchema): YAML.YAMLMap {
  const doc = ev.doc(file);
  const body: Body = block.body;
  const entries: SynthEntry[] = [];
  for (const a of body.attrs) {
    if (a.name === 'count' || a.name === 'for_each' || a.name === 'depends_on' || a.name === 'provider') continue;
    entries.push({ key: spec?.rename?.[a.name] ?? pascal(a.name), keyStart: a.nameStart, keyEnd: a.nameEnd, value: ev.eval(a.value, mod, file) });
  }
  const groups = new Map<string, Block[]>();
  for (const b of body.blocks) {
    if (b.type === 'lifecycle' || b.type === 'dynamic' || b.type === 'timeouts') continue;
    (groups.get(b.type) ?? groups.set(b.type, []).get(b.type)!).push(b);
  }
  for (const [type, blocks] of groups) {
    const sub = spec?.blocks?.[type];
    const key = sub?.cfn ?? pascal(type);
    const views = blocks.map((b) => bodyView(b, sub, mod, file, ev, schemaOf(sub)));
    const first = blocks[0];
    const value = sub?.list || views.length > 1 ? seqOf(views, doc, first.start, blocks[blocks.length - 1].end) : views[0];
    entries.push({ key, keyStart: first.start, keyEnd: first.typeEnd, value });
  }
  const m = map(doc, entries, block.start, block.end);
  setEditInfo(m, { kind: 'hcl-block', close: body.close, indent: bodyIndent(file.text, block), schema });
  return m;
}

function seqOf(items: YAML.Node[], doc: ReturnType<TfEvaluator['doc']>, start: number, end: number): YAML.YAMLSeq {
  const s = seq(doc, items, start, end);
  setEditInfo(s, { kind: 'read-only' });
  return s;
}

/** The view of a resource block: `{Type, Properties}` as a CloudFormation template has it. */
export function resourceView(tfType: string, block: Block, mod: TfModule, file: HclFile, ev: TfEvaluator): { type: string; entry: YAML.YAMLMap; props: YAML.YAMLMap } {
  const doc = ev.doc(file);
  const spec = TYPES[tfType];
  const type = spec?.cfn ?? tfType;
  const props = bodyView(block, spec, mod, file, ev, schemaFor(tfType));
  const label = block.labels[0];
  const entry = map(doc, [], block.start, block.end);
  const typeNode = scalar(doc, type, label.start, label.end);
  addEntry(entry, doc, { key: 'Type', keyStart: block.start, keyEnd: block.typeEnd, value: typeNode });
  addEntry(entry, doc, { key: 'Properties', keyStart: block.start, keyEnd: block.typeEnd, value: props });
  setEditInfo(entry, { kind: 'read-only' });
  return { type, entry, props };
}
