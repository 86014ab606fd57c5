// What a whole Lambda event holds, by trigger, for the messages: an SQS event has message bodies,
// not request headers and tokens. Never claim a source the trigger does not have.
import { type HandlerTriggers, type Severity, type TriggerKind } from '../../server/src/engine/rule-kit.js';

const CONTENTS: Partial<Record<TriggerKind, string>> = {
  api: 'request bodies, headers, tokens and personal data',
  httpApi: 'request bodies, headers, tokens and personal data',
  functionUrl: 'request bodies, headers, tokens and personal data',
  alb: 'request bodies, headers, tokens and personal data',
  websocket: 'message bodies, connection headers and tokens',
  s3: 'object keys and bucket names',
  sqs: 'message bodies and attributes',
  sns: 'message bodies and attributes',
  dynamodb: 'the old and new images of changed items',
  kinesis: 'record data',
  kafka: 'record data',
  mq: 'message data',
  eventbridge: 'event details',
  cognito: 'user attributes (emails, phone numbers) and client metadata',
  appsync: "GraphQL arguments and the caller's identity",
  alexa: "the user's requests and session data",
  customResource: 'resource properties and a pre-signed response URL',
  s3ObjectLambda: "the caller's request URL and headers and pre-signed S3 URLs",
  cloudfront: "viewers' request URIs, query strings, headers and cookies",
  cloudwatchLogs: 'the log data of other functions',
  iot: 'device messages',
};

/**
 * What the whole event of these handlers holds, as a phrase: "message bodies and attributes". When
 * no config names the trigger, the phrase says it was inferred from the code.
 */
export function eventContents(triggers: readonly HandlerTriggers[]): { phrase: string; note: string } {
  const phrases = new Set<string>();
  for (const h of triggers) for (const k of h.kinds) phrases.add(CONTENTS[k] ?? 'the whole event payload');
  if (phrases.size === 0) return { phrase: 'the whole event payload', note: '' };
  const inferred = triggers.some((h) => h.inferred && h.kinds.length > 0);
  return { phrase: [...phrases].join('; '), note: inferred ? ' (No config names the trigger: it is inferred from the fields the code reads.)' : '' };
}

/** Triggers whose whole event is AWS-issued metadata and a constant input from the config: logging it leaks nothing. */
const NO_CALLER_DATA = new Set<TriggerKind>(['schedule']);

/** True when every trigger of these handlers is known and sends an event no caller writes (a schedule). */
export function wholeEventIsHarmless(triggers: readonly HandlerTriggers[]): boolean {
  return triggers.length > 0 && triggers.every((h) => h.kinds.length > 0 && h.kinds.every((k) => NO_CALLER_DATA.has(k)));
}

/**
 * Triggers whose whole event is AWS-issued metadata about something the deployer set up: an S3
 * notification (bucket, object key, size, the uploader's principal id and IP), a custom-resource
 * request (the template's own properties and a pre-signed response URL). Logging it is common and
 * mostly harmless, but an object key can carry a person's name and the response URL lets whoever
 * reads it answer for the resource until it expires: said quietly, as a note.
 */
const METADATA_ONLY = new Set<TriggerKind>([...NO_CALLER_DATA, 's3', 'customResource']);

/** How loudly a whole-event log is reported: `info` when every trigger sends only AWS-issued metadata. */
export function wholeEventSeverity(triggers: readonly HandlerTriggers[]): Severity | undefined {
  const quiet = triggers.length > 0 && triggers.every((h) => h.kinds.length > 0 && h.kinds.every((k) => METADATA_ONLY.has(k)));
  return quiet ? 'info' : undefined;
}
