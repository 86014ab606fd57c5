// Which parts of `event` an attacker controls, by trigger. Data, shared by every language.
import type { TriggerKind } from '../model/types.js';
import type { SourceSpec } from './types.js';

const HTTP: TriggerKind[] = ['api', 'httpApi', 'functionUrl', 'alb', 'websocket'];

export const SOURCES: readonly SourceSpec[] = [
  { triggers: HTTP, path: ['body'], label: 'request body' },
  { triggers: HTTP, path: ['queryStringParameters'], label: 'query string parameter' },
  { triggers: HTTP, path: ['multiValueQueryStringParameters'], label: 'query string parameter' },
  { triggers: HTTP, path: ['pathParameters'], label: 'path parameter' },
  { triggers: HTTP, path: ['headers'], label: 'request header' },
  { triggers: HTTP, path: ['multiValueHeaders'], label: 'request header' },
  { triggers: HTTP, path: ['cookies'], label: 'cookie' },
  { triggers: HTTP, path: ['rawPath'], label: 'request path' },
  { triggers: HTTP, path: ['rawQueryString'], label: 'raw query string' },
  { triggers: ['api', 'alb'], path: ['path'], label: 'request path' },
  { triggers: ['s3'], path: ['Records', '*', 's3', 'object', 'key'], label: 'S3 object key' },
  { triggers: ['sqs'], path: ['Records', '*', 'body'], label: 'SQS message body' },
  { triggers: ['sqs'], path: ['Records', '*', 'messageAttributes'], label: 'SQS message attribute' },
  { triggers: ['sns'], path: ['Records', '*', 'Sns', 'Message'], label: 'SNS message' },
  { triggers: ['sns'], path: ['Records', '*', 'Sns', 'Subject'], label: 'SNS subject' },
  { triggers: ['sns'], path: ['Records', '*', 'Sns', 'MessageAttributes'], label: 'SNS message attribute' },
  { triggers: ['dynamodb'], path: ['Records', '*', 'dynamodb', 'NewImage'], label: 'DynamoDB stream image' },
  { triggers: ['dynamodb'], path: ['Records', '*', 'dynamodb', 'OldImage'], label: 'DynamoDB stream image' },
  { triggers: ['dynamodb'], path: ['Records', '*', 'dynamodb', 'Keys'], label: 'DynamoDB stream keys' },
  { triggers: ['kinesis'], path: ['Records', '*', 'kinesis', 'data'], label: 'Kinesis record data' },
  { triggers: ['eventbridge'], path: ['detail'], label: 'EventBridge event detail' },
  { triggers: ['cognito'], path: ['request', 'userAttributes'], label: 'Cognito user attribute' },
  { triggers: ['cognito'], path: ['request', 'clientMetadata'], label: 'Cognito client metadata' },
  { triggers: ['appsync'], path: ['arguments'], label: 'AppSync argument' },
  { triggers: ['kafka'], path: ['records', '*', '*', 'value'], label: 'Kafka record value' },
  { triggers: ['mq'], path: ['messages', '*', 'data'], label: 'MQ message data' },
  { triggers: ['cloudwatchLogs'], path: ['awslogs', 'data'], label: 'CloudWatch Logs data' },
  { triggers: ['alexa'], path: ['request', 'intent', 'slots'], label: 'Alexa slot value' },
  // S3 Object Lambda: the caller's request (its URL and headers). getObjectContext (inputS3Url,
  // outputRoute, outputToken) is issued by S3 and is not a source.
  { triggers: ['s3ObjectLambda'], path: ['userRequest', 'url'], label: 'S3 Object Lambda request URL' },
  { triggers: ['s3ObjectLambda'], path: ['userRequest', 'headers'], label: 'S3 Object Lambda request header' },
  // Lambda@Edge: the viewer's request. Its origin (`cf.request.origin`) and `cf.config` come from the
  // distribution's configuration, and the client IP from CloudFront: not sources.
  { triggers: ['cloudfront'], path: ['Records', '*', 'cf', 'request', 'uri'], label: 'CloudFront request URI' },
  { triggers: ['cloudfront'], path: ['Records', '*', 'cf', 'request', 'querystring'], label: 'CloudFront query string' },
  { triggers: ['cloudfront'], path: ['Records', '*', 'cf', 'request', 'headers'], label: 'CloudFront request header' },
  { triggers: ['cloudfront'], path: ['Records', '*', 'cf', 'request', 'body'], label: 'CloudFront request body' },
  // A CloudFormation custom resource has none: ResponseURL, StackId, RequestId and LogicalResourceId
  // come from CloudFormation, ResourceProperties from the template's author.
  // The whole message is the payload for IoT rules and unknown event types.
  { triggers: ['iot', 'other'], path: [], label: 'event payload' },
];

const TRIGGER_NAME: Record<TriggerKind, string> = {
  api: 'API Gateway', httpApi: 'HTTP API', websocket: 'WebSocket API', functionUrl: 'function URL', alb: 'ALB',
  s3: 'S3', sqs: 'SQS', sns: 'SNS', dynamodb: 'DynamoDB stream', kinesis: 'Kinesis', eventbridge: 'EventBridge',
  schedule: 'schedule', cognito: 'Cognito', appsync: 'AppSync', iot: 'IoT rule', kafka: 'Kafka', mq: 'MQ',
  cloudwatchLogs: 'CloudWatch Logs', alexa: 'Alexa', customResource: 'CloudFormation custom resource',
  s3ObjectLambda: 'S3 Object Lambda', cloudfront: 'CloudFront', other: 'event',
};

export function triggerName(kind: TriggerKind): string {
  return TRIGGER_NAME[kind];
}

export interface ActiveSource {
  path: string[];
  /** The message's name for it, e.g. "API Gateway request body". */
  label: string;
  trigger: TriggerKind | 'unknown';
  inferred?: boolean;
  unambiguous?: boolean;
}

/** Top-level fields that only HTTP events have, all of them sent by the caller. */
export const HTTP_REQUEST_FIELDS = new Set(['body', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'headers', 'multiValueHeaders', 'cookies', 'rawPath', 'rawQueryString']);

/**
 * The attacker-controlled paths for a handler's triggers. `inferred`: no config names them, the
 * code's reads suggested them (see infer.ts); the labels then do not name a service they cannot
 * know (an API Gateway, a function URL or an ALB all send `body`), and only the fields that no
 * other event has are unambiguous.
 */
export function activeSources(triggers: readonly TriggerKind[], inferred = false): ActiveSource[] {
  if (triggers.length === 0) return [{ path: [], label: 'Lambda event data', trigger: 'unknown', inferred: true }];
  const out: ActiveSource[] = [];
  for (const kind of new Set(triggers)) {
    for (const s of SOURCES) {
      if (!s.triggers.includes(kind)) continue;
      if (inferred && HTTP.includes(kind)) {
        if (out.some((o) => o.path.join('.') === s.path.join('.'))) continue;
        out.push({ path: s.path, label: `HTTP ${s.label}`, trigger: kind, inferred, unambiguous: HTTP_REQUEST_FIELDS.has(s.path[0]) });
        continue;
      }
      const label = kind === 'other' ? s.label : HTTP.includes(kind) || s.path.length === 0 ? `${triggerName(kind)} ${s.label}` : s.label;
      out.push(inferred ? { path: s.path, label, trigger: kind, inferred } : { path: s.path, label, trigger: kind });
    }
  }
  return out;
}

function segMatch(pattern: string, seg: string): boolean {
  return pattern === '*' || seg === '*' || pattern === seg;
}

/**
 * The source that a read of `event.<path>` is, or contains: the path runs inside a source
 * (event.body.name) or encloses one (event.Records[0] holds the S3 key).
 */
export function matchSource(path: readonly string[], sources: readonly ActiveSource[]): ActiveSource | undefined {
  for (const s of sources) {
    const n = Math.min(path.length, s.path.length);
    let ok = true;
    for (let i = 0; i < n && ok; i++) ok = segMatch(s.path[i], path[i]);
    if (ok) return s;
  }
  return undefined;
}

/** `event.Records[].s3.object.key`, for messages. */
export function renderPath(root: string, path: readonly string[]): string {
  let out = root;
  for (const p of path) out += p === '*' ? '[]' : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return out;
}
