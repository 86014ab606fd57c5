// From an AWS SDK operation to the IAM actions it needs, over the table scripts/gen.mjs generates
// from the aws-sdk API models and iam-data (sdk-operations.json): the action of the same name,
// unless iam/operation-overrides.json says otherwise. Also: which SDK service a v2 class, a v3
// package or a boto3 service name is, and which request parameter names the resource.
import table from './sdk-operations.json';
import { actionInfo as lookupAction, expandAction, type ActionInfo } from './actions.js';

interface ServiceRow {
  iam: string | null;
  v2: string;
  v3: string;
  aliases: string[];
  ops: string;
  /** Operations whose request can name a role to hand to the service. */
  passRole: string;
}

interface Overrides {
  operations: Record<string, Record<string, string[]>>;
  params: Record<string, Record<string, string[]>>;
  kms: Record<string, string>;
  byContent: Record<string, Record<string, string[]>>;
  documentClient: Record<string, string>;
  resourceParams: Record<string, { param: string; types: string[] }>;
  forwardAccess: Record<string, string[]>;
}

const data = table as unknown as { source: string; services: Record<string, ServiceRow>; overrides: Overrides; arnTemplates: Record<string, Record<string, string>> };
export const SDK_DATA_SOURCE = data.source;

/** actionInfo, memoised: every call of a file asks for its actions (bounded: names come from scanned files). */
const infoCache = new Map<string, ActionInfo | undefined>();
export function actionInfo(action: string): ActionInfo | undefined {
  const k = action.toLowerCase();
  if (infoCache.has(k)) return infoCache.get(k);
  const info = lookupAction(action);
  if (infoCache.size > 20_000) infoCache.clear();
  infoCache.set(k, info);
  return info;
}

const own = <T>(o: Record<string, T>, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

let byV2: Map<string, string> | undefined;
let byV3: Map<string, string> | undefined;
let byAlias: Map<string, string> | undefined;
const opIndex = new Map<string, Map<string, string>>();

function indexes(): void {
  if (byV2) return;
  byV2 = new Map();
  byV3 = new Map();
  byAlias = new Map();
  // The service key itself wins over another service's alias (`ses` is SES, not SESv2's signing name).
  for (const [key, s] of Object.entries(data.services)) {
    byV2.set(s.v2, key);
    if (!byV3.has(s.v3)) byV3.set(s.v3, key);
    byAlias.set(norm(key), key);
  }
  for (const [key, s] of Object.entries(data.services)) for (const a of s.aliases) if (!byAlias.has(a)) byAlias.set(a, key);
}

/** The SDK service of an SDK v2 class name: `S3`, `DynamoDB`, `StepFunctions`. */
export function serviceOfV2Class(name: string): string | undefined {
  indexes();
  return byV2!.get(name);
}

/** The SDK service of a v3 package: `@aws-sdk/client-s3` -> `s3`. */
export function serviceOfV3Package(pkg: string): string | undefined {
  const m = /^@aws-sdk\/client-([a-z0-9-]+)$/.exec(pkg);
  if (!m) return undefined;
  indexes();
  return byV3!.get(m[1]);
}

/** The SDK service of a boto3 service name: `s3`, `cognito-idp`, `stepfunctions`, `iot-data`. */
export function serviceOfBotoName(name: string): string | undefined {
  indexes();
  return byAlias!.get(norm(name));
}

export function hasService(service: string): boolean {
  return own(data.services, service) !== undefined;
}

export function iamPrefixOf(service: string): string | undefined {
  return own(data.services, service)?.iam ?? undefined;
}

/** The v2 class name of a service, for messages. */
export function displayService(service: string): string {
  return own(data.services, service)?.v2 ?? service;
}

/**
 * The operation a method or command name stands for, matched without case and punctuation:
 * `putObject`, `PutObject`, `put_object` and `PutObjectCommand` (without the suffix) all give `PutObject`.
 */
export function findOperation(service: string, name: string): string | undefined {
  let idx = opIndex.get(service);
  if (!idx) {
    const row = own(data.services, service);
    if (!row) return undefined;
    idx = new Map(row.ops.split(',').map((op) => [norm(op), op]));
    opIndex.set(service, idx);
  }
  return idx.get(norm(name));
}

/** The DynamoDB operation a document-client method or lib-dynamodb command sends: `put` -> `PutItem`. */
export function documentClientOperation(name: string): string | undefined {
  const key = Object.keys(data.overrides.documentClient).find((k) => k !== '$comment' && norm(k) === norm(name));
  return key ? data.overrides.documentClient[key] : undefined;
}

export interface OperationNeeds {
  /** The IAM actions the call needs; empty when they depend on content the analysis could not read. */
  actions: string[];
  /** Actions it may need (content not read): they count as used, never as missing. */
  possible: string[];
  /** False when the operation has no known IAM action (the call is then not fully resolved). */
  known: boolean;
}

/**
 * The IAM actions an operation needs. `params`: request parameter names known to be set (an ACL, a
 * version id); `content`: for transactions and PartiQL, the item kinds or statement verbs, or
 * undefined when they could not be read.
 */
export function operationActions(service: string, op: string, params: ReadonlySet<string> = new Set(), content?: string[]): OperationNeeds {
  const needs = baseActions(service, op, params, content);
  if (!needs.known) return needs;
  return { ...needs, possible: [...new Set([...needs.possible, ...indirect(service, op)])] };
}

/** What a call may need besides its own action: iam:PassRole when it can name a role, and what the service does with the caller's credentials. */
function indirect(service: string, op: string): string[] {
  const out: string[] = [];
  const row = own(data.services, service);
  if (row && row.passRole && row.passRole.split(',').includes(op)) out.push('iam:PassRole');
  for (const p of own(data.overrides.forwardAccess, service) ?? []) for (const a of expandAction(p)) out.push(`${a.service}:${a.name}`);
  return out;
}

function baseActions(service: string, op: string, params: ReadonlySet<string>, content: string[] | undefined): OperationNeeds {
  const prefix = iamPrefixOf(service);
  if (!prefix) return { actions: [], possible: [], known: false };
  const key = `${service}.${op}`;
  const byContent = own(data.overrides.byContent, key);
  if (byContent) {
    const all = [...new Set(Object.entries(byContent).flatMap(([k, v]) => (k === '$comment' ? [] : v)))];
    if (!content) return { actions: [], possible: all, known: true };
    const need = [...new Set(content.flatMap((c) => own(byContent, c) ?? []))];
    return { actions: need, possible: all, known: true };
  }
  const override = own(data.overrides.operations, service);
  const base = (override && own(override, op)) ?? (actionInfo(`${prefix}:${op}`) ? [`${prefix}:${actionInfo(`${prefix}:${op}`)!.name}`] : undefined);
  if (!base) return { actions: [], possible: [], known: false };
  const extra = own(data.overrides.params, key);
  const more = extra ? [...params].flatMap((p) => own(extra, p) ?? []) : [];
  return { actions: [...new Set([...base, ...more])], possible: [], known: true };
}

/** What an operation needs from a customer-managed key that encrypts its resource. */
export function kmsNeed(service: string, op: string): 'decrypt' | 'encrypt' | undefined {
  const m = own(data.overrides.kms, `${service}.${op}`);
  return m === 'decrypt' || m === 'encrypt' ? m : undefined;
}

/** The request parameter that names the resource (`Bucket`, `TableName`...) and its IAM resource types. */
export function resourceParam(service: string): { param: string; types: string[] } | undefined {
  return own(data.overrides.resourceParams, service);
}

/** The ARN template of an IAM resource type: `arn:${Partition}:s3:::${BucketName}`. */
export function arnTemplate(prefix: string, type: string): string | undefined {
  const t = own(data.arnTemplates, prefix);
  return t ? own(t, type.toLowerCase()) : undefined;
}
