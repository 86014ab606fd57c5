// Powertools for AWS Lambda utilities that call AWS on the function's behalf: parameters (SSM,
// Secrets Manager, AppConfig, DynamoDB) and idempotency (a DynamoDB persistence layer). The batch
// utility makes no AWS call of its own. TypeScript packages and the Python package alike.

export interface PowertoolsCall {
  service: string;
  op: string;
  /** Where the resource name is: the first argument, or a key of the constructor's options. */
  resourceFrom?: 'arg' | string;
  text: string;
}

interface PackageCalls {
  functions: Record<string, PowertoolsCall[]>;
  /** Class -> method (or `constructor`) -> calls. */
  classes: Record<string, Record<string, PowertoolsCall[]>>;
}

const ssm = (op: string, text: string, resourceFrom?: string): PowertoolsCall => ({ service: 'ssm', op, resourceFrom, text });
const secret = (text: string): PowertoolsCall => ({ service: 'secretsmanager', op: 'GetSecretValue', resourceFrom: 'arg', text });
const appConfig = (text: string): PowertoolsCall[] => [
  { service: 'appconfigdata', op: 'StartConfigurationSession', text },
  { service: 'appconfigdata', op: 'GetLatestConfiguration', text },
];
const ddb = (op: string, text: string, from: string): PowertoolsCall => ({ service: 'dynamodb', op, resourceFrom: from, text });
const idempotency = (text: string, from: string): PowertoolsCall[] => ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].map((op) => ddb(op, text, from));

export const POWERTOOLS_JS: Record<string, PackageCalls> = {
  '@aws-lambda-powertools/parameters/ssm': {
    functions: {
      getParameter: [ssm('GetParameter', 'getParameter', 'arg')],
      getParameters: [ssm('GetParametersByPath', 'getParameters', 'arg')],
      getParametersByName: [ssm('GetParameters', 'getParametersByName')],
      setParameter: [ssm('PutParameter', 'setParameter', 'arg')],
    },
    classes: { SSMProvider: { get: [ssm('GetParameter', 'SSMProvider.get', 'arg')], getMultiple: [ssm('GetParametersByPath', 'SSMProvider.getMultiple', 'arg')] } },
  },
  '@aws-lambda-powertools/parameters/secrets': {
    functions: { getSecret: [secret('getSecret')] },
    classes: { SecretsProvider: { get: [secret('SecretsProvider.get')] } },
  },
  '@aws-lambda-powertools/parameters/appconfig': {
    functions: { getAppConfig: appConfig('getAppConfig') },
    classes: { AppConfigProvider: { get: appConfig('AppConfigProvider.get') } },
  },
  '@aws-lambda-powertools/parameters/dynamodb': {
    functions: {},
    classes: { DynamoDBProvider: { get: [ddb('GetItem', 'DynamoDBProvider.get', 'tableName')], getMultiple: [ddb('Query', 'DynamoDBProvider.getMultiple', 'tableName')] } },
  },
  '@aws-lambda-powertools/idempotency/dynamodb': {
    functions: {},
    classes: { DynamoDBPersistenceLayer: { constructor: idempotency('DynamoDBPersistenceLayer', 'tableName') } },
  },
};

/** Python: `aws_lambda_powertools.utilities.parameters` functions and the idempotency persistence layer. */
export const POWERTOOLS_PY: Record<string, PowertoolsCall[]> = {
  get_parameter: [ssm('GetParameter', 'parameters.get_parameter', 'arg')],
  get_parameters: [ssm('GetParametersByPath', 'parameters.get_parameters', 'arg')],
  get_parameters_by_name: [ssm('GetParameters', 'parameters.get_parameters_by_name')],
  set_parameter: [ssm('PutParameter', 'parameters.set_parameter', 'arg')],
  get_secret: [secret('parameters.get_secret')],
  set_secret: [{ service: 'secretsmanager', op: 'PutSecretValue', resourceFrom: 'arg', text: 'parameters.set_secret' }],
  get_app_config: appConfig('parameters.get_app_config'),
  DynamoDBPersistenceLayer: idempotency('DynamoDBPersistenceLayer', 'table_name'),
};

/** The calls a Powertools class member makes (`pkg#Class`, method or `constructor`). */
export function powertoolsCalls(qualified: string, method: string): PowertoolsCall[] {
  const [pkg, cls] = qualified.split('#');
  const classes = POWERTOOLS_JS[pkg]?.classes;
  const methods = classes && Object.prototype.hasOwnProperty.call(classes, cls) ? classes[cls] : undefined;
  return methods && Object.prototype.hasOwnProperty.call(methods, method) ? methods[method] : [];
}
