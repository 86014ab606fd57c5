// AWS Lambda Powertools event data classes (`aws_lambda_powertools.utilities.data_classes`) and the
// event-handler resolvers' `current_event`: which part of the raw event each property reads, so
// that `APIGatewayProxyEvent(event).query_string_parameters` is the same source as
// `event["queryStringParameters"]`, and `S3Event(event).records[i].s3.get_object.key` is the S3 key.
// Data, checked against nothing at run time: a property missing here reads the camelCase key.

export interface DataAttr {
  /** The path below the value's own place in the event. */
  path: string[];
  /** The data class of the result (`Foo[]`: a list of Foo). */
  cls?: string;
  /** A method: calling it gives the value (`value`), or the value at its first argument (`keyed`). */
  method?: 'value' | 'keyed';
}

const API: Record<string, DataAttr> = {
  body: { path: ['body'] },
  json_body: { path: ['body'] },
  decoded_body: { path: ['body'] },
  query_string_parameters: { path: ['queryStringParameters'] },
  resolved_query_string_parameters: { path: ['queryStringParameters'] },
  multi_value_query_string_parameters: { path: ['multiValueQueryStringParameters'] },
  path_parameters: { path: ['pathParameters'] },
  headers: { path: ['headers'] },
  resolved_headers_field: { path: ['headers'] },
  multi_value_headers: { path: ['multiValueHeaders'] },
  cookies: { path: ['cookies'] },
  path: { path: ['path'] },
  raw_path: { path: ['rawPath'] },
  raw_query_string: { path: ['rawQueryString'] },
  http_method: { path: ['httpMethod'] },
  request_context: { path: ['requestContext'] },
  get_query_string_value: { path: ['queryStringParameters'], method: 'keyed' },
  get_multi_value_query_string_values: { path: ['multiValueQueryStringParameters'], method: 'keyed' },
  get_header_value: { path: ['headers'], method: 'keyed' },
  raw_event: { path: [] },
};

export const DATA_CLASSES: Record<string, Record<string, DataAttr>> = {
  APIGatewayProxyEvent: API,
  APIGatewayProxyEventV2: API,
  LambdaFunctionUrlEvent: API,
  ALBEvent: API,
  VPCLatticeEvent: API,
  VPCLatticeEventV2: API,
  S3Event: {
    records: { path: ['Records'], cls: 'S3EventRecord[]' },
    record: { path: ['Records', '*'], cls: 'S3EventRecord' },
    object_key: { path: ['Records', '*', 's3', 'object', 'key'] },
    bucket_name: { path: ['Records', '*', 's3', 'bucket', 'name'] },
  },
  S3EventRecord: { s3: { path: ['s3'], cls: 'S3Message' }, event_name: { path: ['eventName'] } },
  S3Message: { bucket: { path: ['bucket'], cls: 'S3Bucket' }, get_object: { path: ['object'], cls: 'S3Object' } },
  S3Bucket: { name: { path: ['name'] } },
  S3Object: { key: { path: ['key'] }, size: { path: ['size'] } },
  SQSEvent: { records: { path: ['Records'], cls: 'SQSRecord[]' } },
  SQSRecord: { body: { path: ['body'] }, json_body: { path: ['body'] }, message_attributes: { path: ['messageAttributes'] }, message_id: { path: ['messageId'] } },
  SNSEvent: {
    records: { path: ['Records'], cls: 'SNSEventRecord[]' },
    record: { path: ['Records', '*'], cls: 'SNSEventRecord' },
    sns_message: { path: ['Records', '*', 'Sns', 'Message'] },
  },
  SNSEventRecord: { sns: { path: ['Sns'], cls: 'SNSMessage' } },
  SNSMessage: { message: { path: ['Message'] }, subject: { path: ['Subject'] }, message_attributes: { path: ['MessageAttributes'] } },
  EventBridgeEvent: { detail: { path: ['detail'] }, detail_type: { path: ['detail-type'] }, source: { path: ['source'] } },
  DynamoDBStreamEvent: { records: { path: ['Records'], cls: 'DynamoDBRecord[]' } },
  DynamoDBRecord: { dynamodb: { path: ['dynamodb'], cls: 'StreamRecord' } },
  StreamRecord: { new_image: { path: ['NewImage'] }, old_image: { path: ['OldImage'] }, keys: { path: ['Keys'] } },
  KinesisStreamEvent: { records: { path: ['Records'], cls: 'KinesisStreamRecord[]' } },
  KinesisStreamRecord: { kinesis: { path: ['kinesis'], cls: 'KinesisStreamRecordPayload' } },
  KinesisStreamRecordPayload: {
    data: { path: ['data'] },
    data_as_bytes: { path: ['data'], method: 'value' },
    data_as_text: { path: ['data'], method: 'value' },
    data_as_json: { path: ['data'], method: 'value' },
  },
  AppSyncResolverEvent: { arguments: { path: ['arguments'] }, source: { path: ['source'] } },
  CloudWatchLogsEvent: {
    raw_logs_data: { path: ['awslogs', 'data'] },
    decompress_logs_data: { path: ['awslogs', 'data'], method: 'value' },
    parse_logs_data: { path: ['awslogs', 'data'], method: 'value' },
  },
  KafkaEvent: { records: { path: ['records', '*'], cls: 'KafkaEventRecord[]' }, record: { path: ['records', '*', '*'], cls: 'KafkaEventRecord' } },
  KafkaEventRecord: { value: { path: ['value'] }, decoded_value: { path: ['value'] }, json_value: { path: ['value'] }, key: { path: ['key'] } },
  CloudFormationCustomResourceEvent: {
    resource_properties: { path: ['ResourceProperties'] },
    old_resource_properties: { path: ['OldResourceProperties'] },
    response_url: { path: ['ResponseURL'] },
    request_type: { path: ['RequestType'] },
  },
  S3ObjectLambdaEvent: {
    user_request: { path: ['userRequest'], cls: 'S3ObjectUserRequest' },
    object_context: { path: ['getObjectContext'], cls: 'S3ObjectContext' },
    input_s3_url: { path: ['getObjectContext', 'inputS3Url'] },
    request_route: { path: ['getObjectContext', 'outputRoute'] },
    request_token: { path: ['getObjectContext', 'outputToken'] },
  },
  S3ObjectUserRequest: { url: { path: ['url'] }, headers: { path: ['headers'] } },
  S3ObjectContext: { input_s3_url: { path: ['inputS3Url'] }, output_route: { path: ['outputRoute'] }, output_token: { path: ['outputToken'] } },
};

/** Cognito trigger events (`PreSignUpTriggerEvent`...) share one request shape. */
const COGNITO = { request: { path: ['request'], cls: 'CognitoRequest' } };
const COGNITO_REQUEST = { user_attributes: { path: ['userAttributes'] }, client_metadata: { path: ['clientMetadata'] }, validation_data: { path: ['validationData'] } };
for (const c of ['PreSignUpTriggerEvent', 'PostConfirmationTriggerEvent', 'PreAuthenticationTriggerEvent', 'PostAuthenticationTriggerEvent', 'PreTokenGenerationTriggerEvent', 'CustomMessageTriggerEvent', 'UserMigrationTriggerEvent', 'DefineAuthChallengeTriggerEvent', 'CreateAuthChallengeTriggerEvent', 'VerifyAuthChallengeResponseTriggerEvent']) DATA_CLASSES[c] = COGNITO;
DATA_CLASSES.CognitoRequest = COGNITO_REQUEST;

/** The data class of each event-handler resolver's `current_event`. */
export const RESOLVER_EVENT: Record<string, string> = {
  APIGatewayRestResolver: 'APIGatewayProxyEvent', ApiGatewayResolver: 'APIGatewayProxyEvent', APIGatewayHttpResolver: 'APIGatewayProxyEventV2',
  ALBResolver: 'ALBEvent', LambdaFunctionUrlResolver: 'LambdaFunctionUrlEvent', AppSyncResolver: 'AppSyncResolverEvent',
  VPCLatticeResolver: 'VPCLatticeEvent', VPCLatticeV2Resolver: 'VPCLatticeEventV2', Router: 'APIGatewayProxyEvent', BedrockAgentResolver: 'APIGatewayProxyEvent',
};

/** A property of a data class: from the table, else the camelCase key of the raw event. */
export function dataAttr(cls: string, name: string): DataAttr | undefined {
  const table = DATA_CLASSES[cls.replace(/\[\]$/, '')];
  if (!table) return undefined;
  if (name === 'raw_event') return { path: [] };
  if (Object.prototype.hasOwnProperty.call(table, name)) return table[name];
  if (name.startsWith('_')) return undefined;
  return { path: [name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] };
}
