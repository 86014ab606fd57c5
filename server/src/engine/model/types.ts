// The application model: what the deployment config says about functions, their triggers and the
// permissions they really hold. Rules query this, never raw YAML. Every element keeps the Val it
// came from, so a diagnostic can sit on the exact token, in whichever file that token is.
import type { Val, Entry } from '../config/val.js';
import type { Span } from '../types.js';
import type { ApiModel } from './apis.js';
import type { FunctionSettings } from './settings.js';
import type { AuthorizerModel, RouteModel } from './routes.js';
import type { BucketModel } from './buckets.js';
import type { CorsPolicy } from './cors.js';
import type { TrustPolicyModel } from './trust.js';

/** `terraform` and `cdk` configs are read into the same model (config/terraform, config/cdk): resources keep CloudFormation types. */
export type ConfigFormat = 'serverless' | 'sam' | 'cloudformation' | 'terraform' | 'cdk';

export type TriggerKind =
  | 'api' // API Gateway REST (sls `http`, SAM `Api`)
  | 'httpApi' // API Gateway HTTP API
  | 'websocket'
  | 'functionUrl'
  | 'alb'
  | 's3'
  | 'sqs'
  | 'sns'
  | 'dynamodb'
  | 'kinesis'
  | 'eventbridge'
  | 'schedule'
  | 'cognito'
  | 'appsync'
  | 'iot'
  | 'kafka'
  | 'mq'
  | 'cloudwatchLogs'
  | 'alexa'
  /** A CloudFormation custom resource (`Custom::*` / `AWS::CloudFormation::CustomResource` whose ServiceToken is the function). */
  | 'customResource'
  /** An S3 Object Lambda access point transforms objects with the function. */
  | 's3ObjectLambda'
  /** Lambda@Edge: a CloudFront distribution runs the function on its viewers' requests or responses (`Records[].cf`). */
  | 'cloudfront'
  | 'other';

export interface Trigger {
  kind: TriggerKind;
  /** The event entry in config (SAM event logical id / sls event item). */
  val: Val;
  span: Span;
  /** Human label, e.g. "GET /users/{id}" or the queue name. */
  label?: string;
  /** For API triggers: the authorizer setting, if any (Val of the authorizer entry). */
  authorizer?: Val;
  /** For API triggers: `true` when the route is explicitly public (`AuthType: NONE`, `Authorizer: NONE`). */
  explicitlyPublic?: boolean;
  /** The API this event attaches to, when explicit (SAM RestApiId / ApiId logical id). */
  apiId?: string;
}

export interface HandlerRef {
  /** The handler string as written, e.g. `src/api.main`. */
  text: string;
  span: Span;
  /** Absolute path of the code file, when it exists in the workspace. */
  codeFile?: string;
  /** Export path inside the module, e.g. ['main'] or ['handlers', 'create']. */
  exportPath: string[];
  language: 'js' | 'python' | 'other';
  /** Code written in the config (SAM InlineCode, Code.ZipFile, CDK Code.fromInline), analysed as a file of its own. */
  inline?: InlineCode;
}

export interface InlineCode {
  /** A name for the code as a file: `<config file>#<function id>.js|py` (never a file on disk). */
  file: string;
  /** The config file the code is written in. */
  origin: string;
  text: string;
  /** offsets[i]: the offset in `origin` of text[i]; offsets[text.length]: the end of the string. */
  offsets: number[];
  /** Every character maps to its own offset (else findings land on the part they are in). */
  exact: boolean;
  /** Where the string starts in `origin`: a suppression comment goes above that line, never inside the code. */
  hostStart: number;
}

export interface ManagedPolicyRef {
  val: Val;
  /** Policy name: the last path segment of an ARN, or the plain name. Undefined when opaque. */
  name?: string;
  /** True when the reference is an AWS-managed policy (arn:...:iam::aws:policy/... or SAM short name). */
  awsManaged: boolean;
  /** Logical id of an AWS::IAM::ManagedPolicy in the same template, when referenced with !Ref. */
  localPolicyId?: string;
}

export interface SamPolicyTemplateRef {
  name: string;
  keySpan: Span;
  val: Val;
  /** The template's parameters, e.g. TableName. */
  args: Entry[];
}

export interface Statement {
  val: Val;
  sid?: string;
  effect?: string;
  effectVal?: Val;
  actionKey?: Entry;
  actions: Val[];
  notActionKey?: Entry;
  notActions: Val[];
  resourceKey?: Entry;
  resources: Val[];
  notResourceKey?: Entry;
  notResources: Val[];
  principalKey?: Entry;
  principal?: Val;
  notPrincipalKey?: Entry;
  condition?: Val;
}

export interface PolicyDoc {
  /** Where the document sits, e.g. `provider.iam.role.statements` or `Role MyRole, policy Access`. */
  label: string;
  val: Val;
  statements: Statement[];
  /** Why the statements could not be read (JSON text that does not parse), for a model note. */
  problem?: string;
  /** The document is not written out here (Terraform's templatefile() of a file, a parameter, an import): it may grant anything. */
  opaque?: boolean;
}

/**
 * `policy-resource`: the statements of an `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy` that
 * reach no role of the template (a role outside it, users or groups, or nothing yet); `reach` says where.
 * `cdk-generated`: the role the CDK creates for a function that names none (its grants and addToRolePolicy statements).
 */
export type RoleOrigin = 'sls-provider' | 'sls-function' | 'sam-generated' | 'cfn-role' | 'policy-resource' | 'cdk-generated';

export interface RoleModel {
  /** A stable id: the CFN logical id, or `provider` / `function:<name>` for serverless roles. */
  id: string;
  origin: RoleOrigin;
  file: string;
  /** Where to report something missing from the role as a whole. */
  span: Span;
  /** The node holding the role definition (map), when there is one. */
  val?: Val;
  policies: PolicyDoc[];
  managedPolicies: ManagedPolicyRef[];
  samTemplates: SamPolicyTemplateRef[];
  /** The framework adds CloudWatch Logs write permissions itself (sls and SAM generated roles). */
  implicitLogsWrite: boolean;
  functions: FunctionModel[];
  /** Service principals allowed to assume the role (`lambda.amazonaws.com`, `states.amazonaws.com`...). */
  trustedServices?: string[];
  /** For a role SAM generates for something other than a function (a state machine): its logical id. */
  owner?: string;
  /** For `policy-resource` holders: which role the policy reaches, for messages ("policy P, attached to role x, defined outside this template"). */
  reach?: string;
}

export type RoleBinding =
  | { kind: 'role'; role: RoleModel }
  | { kind: 'external'; val: Val; text?: string }
  | { kind: 'none' };

export interface FunctionModel {
  /** Logical id (SAM/CFN) or function key (serverless.yml). */
  id: string;
  format: ConfigFormat;
  file: string;
  keySpan: Span;
  /** The function's own definition: its `Properties` (SAM/CFN) or its map (serverless.yml). */
  val: Val;
  /** SAM `Globals.Function`, or serverless.yml `provider`: defaults the function inherits. */
  defaults?: Val;
  handler?: HandlerRef;
  runtime?: { value: string; val: Val };
  triggers: Trigger[];
  environment: Entry[];
  role: RoleBinding;
  /** The function's CloudFormation-level name, when set (FunctionName / sls `name`). */
  name?: string;
  /** Its settings, resolved with the defaults it inherits (model/settings.ts). */
  settings: FunctionSettings;
}

export interface ResourceModel {
  id: string;
  type: string;
  file: string;
  keySpan: Span;
  val: Val;
  props?: Val;
}

export type ResourcePolicyKind = 'lambda-permission' | 's3-bucket-policy' | 'sqs-queue-policy' | 'sns-topic-policy' | 'kms-key-policy' | 'secret-policy';

export interface ResourcePolicyModel {
  kind: ResourcePolicyKind;
  resource: ResourceModel;
  /** Statements of the policy document (bucket/queue/topic policies). */
  statements: Statement[];
  /** Logical id of the function, bucket, queue or topic the policy applies to, when local. */
  targetId?: string;
}

export interface ConfigModel {
  file: string;
  format: ConfigFormat;
  root: Val;
  /** serverless.yml `provider`. */
  provider?: Val;
  /** SAM `Globals`. */
  globals?: Val;
  resources: ResourceModel[];
  functions: FunctionModel[];
  roles: RoleModel[];
  resourcePolicies: ResourcePolicyModel[];
  /** API Gateway APIs and stages (model/apis.ts), set by build.ts. */
  apis?: ApiModel[];
  /** HTTP routes to functions and the authorizers that protect them (model/routes.ts), set by build.ts. */
  routes?: RouteModel[];
  authorizers?: AuthorizerModel[];
  /** S3 buckets and their public-access settings (model/buckets.ts), set by build.ts. */
  buckets?: BucketModel[];
  /** CORS configurations of APIs and function URLs (model/cors.ts), set by build.ts. */
  cors?: CorsPolicy[];
  /** Who may assume each role of the config (model/trust.ts), set by build.ts. */
  trustPolicies?: TrustPolicyModel[];
  /** KMS key policies and Secrets Manager resource policies (model/key-policies.ts), set by build.ts. */
  keyPolicies?: ResourcePolicyModel[];
  /** A template a CDK app synthesized (`cdk.out`): the app's entry file. Its findings move to the app's source (model/cdk-out.ts). */
  generatedBy?: string;
  /** Read for its functions' code and triggers only (a Python CDK app): no resources, roles or settings. */
  wiringOnly?: boolean;
}

export interface ModelNote {
  span: Span;
  message: string;
}

export interface AppModel {
  configs: ConfigModel[];
  functions: FunctionModel[];
  roles: RoleModel[];
  resourcePolicies: ResourcePolicyModel[];
  /** Every config's routes and authorizers. */
  routes: RouteModel[];
  authorizers: AuthorizerModel[];
  buckets: BucketModel[];
  cors: CorsPolicy[];
  trustPolicies: TrustPolicyModel[];
  /** Policies of KMS keys and secrets: apart from `resourcePolicies`, where the wildcard rules look. */
  keyPolicies: ResourcePolicyModel[];
  /** Facts worth telling the user that are not findings (e.g. "role is external: not checked"). */
  notes: ModelNote[];
  /** Every file the model read, including `${file(...)}` includes, for cache invalidation. */
  filesRead: Set<string>;
}
