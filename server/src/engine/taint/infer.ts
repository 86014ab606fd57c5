// Which trigger a handler serves, when no config says: from the paths of the event its code reads
// (recorded by a first run of the walker). `event.body`/`queryStringParameters` mean an HTTP event;
// `Records[].s3` S3; `Records[].body` SQS; `detail-type` EventBridge; `RequestType`/`ResponseURL` a
// CloudFormation custom resource (which has no attacker-controlled field); and so on. The sources
// that follow are labelled as inferred (see sources.ts).
import type { TriggerKind } from '../model/types.js';
import { activeSources, HTTP_REQUEST_FIELDS, type ActiveSource } from './sources.js';

// `httpMethod` alone is not enough: Bedrock agent action groups have one too.
const HTTP_HINTS = new Set([...HTTP_REQUEST_FIELDS, 'requestContext', 'routeKey']);
/** A Bedrock agent's action group: parameters the agent chose (from what its users said). */
const BEDROCK_AGENT = new Set(['actionGroup', 'apiPath', 'agent', 'sessionAttributes', 'promptSessionAttributes', 'inputText']);
const CUSTOM_RESOURCE = new Set(['RequestType', 'ResponseURL', 'ResourceProperties', 'OldResourceProperties', 'StackId', 'LogicalResourceId', 'PhysicalResourceId', 'ResourceType', 'ServiceToken']);
const RECORD_KIND: Record<string, TriggerKind> = {
  s3: 's3', body: 'sqs', messageAttributes: 'sqs', receiptHandle: 'sqs', md5OfBody: 'sqs', Sns: 'sns', dynamodb: 'dynamodb', kinesis: 'kinesis',
};

const isIndex = (s: string | undefined) => s === '*' || (s !== undefined && /^\d+$/.test(s));

/** Members of a string: reading them on `event.body` still fits an HTTP event, whose body is text. */
const STRING_MEMBERS = new Set(['length', 'toString', 'trim', 'split', 'slice', 'substring', 'startsWith', 'endsWith', 'includes', 'indexOf', 'replace', 'match',
  'toLowerCase', 'toUpperCase', 'encode', 'decode', 'strip', 'lower', 'upper', 'startswith', 'endswith', 'find', 'splitlines']);

export function inferTriggerKinds(paths: Iterable<readonly string[]>): TriggerKind[] {
  const kinds = new Set<TriggerKind>();
  const list = [...paths];
  // An HTTP event's body is text: code that reads fields of `event.body` itself (`event['body']['artist']`)
  // is given an object there, by a direct invocation or a non-proxy integration, not by API Gateway's proxy.
  const bodyIsObject = list.some((p) => p[0] === 'body' && p[1] !== undefined && !isIndex(p[1]) && !STRING_MEMBERS.has(p[1]));
  for (const p of list) {
    const [a, b, c] = p;
    if (a === undefined) continue;
    if (a === 'body' && bodyIsObject) continue;
    if (BEDROCK_AGENT.has(a)) kinds.add('other');
    else if (HTTP_HINTS.has(a)) kinds.add('api');
    else if (a === 'Records' && isIndex(b) && c && RECORD_KIND[c]) kinds.add(RECORD_KIND[c]);
    else if (a === 'detail-type' || a === 'detail') kinds.add('eventbridge');
    else if (CUSTOM_RESOURCE.has(a)) kinds.add('customResource');
    else if (a === 'getObjectContext' || a === 'userRequest') kinds.add('s3ObjectLambda');
    else if (a === 'arguments' || (a === 'info' && b === 'fieldName')) kinds.add('appsync');
    else if (a === 'awslogs') kinds.add('cloudwatchLogs');
    else if (a === 'triggerSource' || a === 'userPoolId' || (a === 'request' && (b === 'userAttributes' || b === 'clientMetadata'))) kinds.add('cognito');
    else if (a === 'request' && b === 'intent') kinds.add('alexa');
    else if (a === 'records' && isIndex(b)) kinds.add('kafka');
  }
  return [...kinds];
}

/** The sources for a handler whose trigger no config names, from the paths its code read. */
export function inferredSources(paths: Iterable<readonly string[]>): { kinds: TriggerKind[]; sources: ActiveSource[] } {
  let kinds = inferTriggerKinds(paths);
  // A Bedrock agent's event is the agent's choice as a whole, whatever else it has.
  if (kinds.includes('other')) kinds = ['other'];
  return { kinds, sources: activeSources(kinds, true) };
}
