// Facts about AWS events the core needs: which triggers answer a caller with the function's response,
// and which fields of an AWS event relayed inside a message (an SQS or SNS body, an EventBridge
// detail) AWS itself fills in, so that they are not the message sender's data.
import type { TriggerKind } from '../model/types.js';
import type { ActiveSource } from './sources.js';

/** Triggers whose caller receives the function's response. */
export const CALLER_FACING = new Set<TriggerKind>(['api', 'httpApi', 'functionUrl', 'alb', 'websocket', 'appsync']);
/** ...and those where a returned value with no statusCode is the response body itself. */
export const WHOLE_IS_BODY = new Set<TriggerKind>(['httpApi', 'functionUrl', 'appsync']);

const HTTP_KINDS = new Set<string>(['api', 'httpApi', 'functionUrl', 'alb', 'websocket']);
const NESTED_CUSTOM_RESOURCE = new Set(['ResponseURL', 'StackId', 'RequestId', 'LogicalResourceId', 'PhysicalResourceId', 'ResourceType', 'ServiceToken', 'ResourceProperties', 'OldResourceProperties', 'RequestType']);
const S3_ENVELOPE = new Set(['bucket', 'configurationId', 's3SchemaVersion']);
const RECORD_ENVELOPE = new Set(['eventSource', 'awsRegion', 'eventTime', 'eventName', 'eventVersion', 'userIdentity', 'requestParameters', 'responseElements']);

/** A field, below a JSON-parsed message a service relayed, of the AWS event that message carries. */
export function awsIssued(s: ActiveSource, path: readonly string[], parsed: number): boolean {
  return s.trigger !== 'unknown' && !HTTP_KINDS.has(s.trigger) && nestedAwsField(path.slice(parsed));
}

/** A field (below a JSON-parsed relayed message) of the AWS event that message carries. */
function nestedAwsField(rest: readonly string[]): boolean {
  if (rest.length === 0) return false;
  if (NESTED_CUSTOM_RESOURCE.has(rest[0])) return true;
  // An S3 event notification: Records[].s3.bucket, and the records' envelope.
  if (rest[0] === 'Records' && rest.length >= 3) return RECORD_ENVELOPE.has(rest[2]) || (rest[2] === 's3' && S3_ENVELOPE.has(rest[3] ?? ''));
  return false;
}

