// The settings of a function, resolved once by the reader of its config format: the function's own
// value, else the defaults it inherits (SAM `Globals.Function`, serverless.yml `provider`), else
// what AWS does when nothing is written. Rules read these and never branch on the format.
//
// Each setting is one of:
//  - set: a value the model can read, with the span of the token that holds it;
//  - unset: nothing is written; `anchor` says where a finding about it belongs and `targets` where
//    a fix can write it (the function, or the shared defaults), preferred first;
//  - unknown: a variable, parameter or condition decided at deployment. Never reported.
// Edits come from the reader (`SettingTarget.edits`): YAML/JSON readers write YAML/JSON, a
// Terraform or CDK reader writes HCL or TypeScript. A rule only says which value it wants.
import type { Val } from '../config/val.js';
import type { Span, TextEdit } from '../types.js';

/** A place where a setting can be written, and how. Supplied by the format's reader. */
export interface SettingTarget<T> {
  /** The setting's name there, e.g. `Globals.Function.Tracing`, `provider.logRetentionInDays`, `TracingConfig.Mode`. */
  where: string;
  /** `function`: this function only. `shared`: the defaults every function of the config inherits. */
  scope: 'function' | 'shared';
  /** How the value reads once written, e.g. `Tracing: Active` or `provider.tracing.lambda: true`. */
  describe(value: T): string;
  /** The edits that write it, in the file's own syntax; undefined when it cannot be written safely. */
  edits(value: T): TextEdit[] | undefined;
  /** The logical id of a resource the edits create (a log group...), when they create one. */
  creates?: string;
}

export interface SetSetting<T> {
  state: 'set';
  value: T;
  /** The token that holds the value. */
  span: Span;
  /** The value as written, for messages (`PassThrough`, `false`). */
  text: string;
  /** `function`: written on the function. `shared`: inherited from the defaults. */
  from: 'function' | 'shared';
  /** Writes another value in its place. */
  replace: SettingTarget<T>;
  /** The YAML/JSON node, for readers of those formats (undefined for HCL and TypeScript). */
  val?: Val;
}

export interface UnsetSetting<T> {
  state: 'unset';
  /** Where a finding about the missing setting belongs; functions sharing one anchor share one finding. */
  anchor: Span;
  /** Where a fix can write it, the preferred place first. Empty when no place is safe. */
  targets: SettingTarget<T>[];
}

export interface UnknownSetting {
  state: 'unknown';
  /** The value that cannot be read, when there is one. */
  span?: Span;
}

export type Setting<T> = SetSetting<T> | UnsetSetting<T> | UnknownSetting;

/** A destination an asynchronous invocation can fail over to (a queue, a topic, a function, a bus). */
export interface DestinationRef {
  /** The ARN or reference as written, for messages. */
  text: string;
  /** The logical id of the destination, when it is a resource of the same config. */
  targetId?: string;
}

export interface VpcSettings {
  subnets?: number;
  securityGroups?: number;
}

/** An environment variable as written (the function's own, or inherited from the defaults). */
export interface EnvVar {
  name: string;
  nameSpan: Span;
  from: 'function' | 'shared';
  /** A function variable of the same name replaces this inherited one. */
  overridden?: boolean;
  /** Set when the value is a literal; unknown for references and variables. */
  value: Setting<string>;
  /**
   * Replaces a literal value with a deploy-time reference to a secret of the given name, as this
   * format writes one (`${ssm:...}` in serverless.yml, a `{{resolve:...}}` dynamic reference in a
   * template). `store` names the service that keeps it.
   */
  secretReference?: { store: string; target: SettingTarget<string> };
}

export interface EnvironmentSettings {
  variables: EnvVar[];
  /** The KMS key that encrypts the variables (unset: the AWS managed key). */
  kmsKey: Setting<string>;
}

export interface LogGroupSettings {
  /** `default`: /aws/lambda/<name>; `custom`: a group the config names; `disabled`: the function writes no logs. */
  kind: 'default' | 'custom' | 'disabled' | 'unknown';
  /** The log group resource of the same config that holds the function's logs, when there is one. */
  group?: { id: string; span: Span };
  /** The retention of that group. Unknown when the group is created elsewhere. */
  retention: Setting<number>;
}

/** A CORS configuration (of a function URL, an API, a route). */
export interface CorsSettings {
  /** The configuration as written (its key, or the value that turns it on). */
  span: Span;
  allowOrigins: Setting<string[]>;
  allowCredentials: Setting<boolean>;
}

export interface FunctionUrlSettings {
  /** The URL's declaration. */
  span: Span;
  authType: Setting<'AWS_IAM' | 'NONE'>;
  /** Undefined when the URL answers no CORS preflight. */
  cors?: CorsSettings;
}

export interface FunctionSettings {
  runtime: Setting<string>;
  architectures: Setting<string[]>;
  /** MB. */
  memory: Setting<number>;
  /** Seconds. */
  timeout: Setting<number>;
  reservedConcurrency: Setting<number>;
  /** true: active X-Ray tracing; false: PassThrough. */
  tracing: Setting<boolean>;
  logFormat: Setting<'JSON' | 'Text'>;
  logGroup: LogGroupSettings;
  /** The dead-letter queue or topic of asynchronous invocations. */
  deadLetter: Setting<DestinationRef>;
  /** The on-failure destination of asynchronous invocations. */
  onFailure: Setting<DestinationRef>;
  environment: EnvironmentSettings;
  vpc: Setting<VpcSettings>;
  /** The function URL, when the function has one. */
  url?: FunctionUrlSettings;
  layers: Setting<string[]>;
}

export const unknown: UnknownSetting = { state: 'unknown' };

/** Settings for a reader that cannot read any yet: everything unknown, nothing reported. */
export function unknownSettings(): FunctionSettings {
  return {
    runtime: unknown, architectures: unknown, memory: unknown, timeout: unknown, reservedConcurrency: unknown,
    tracing: unknown, logFormat: unknown, logGroup: { kind: 'unknown', retention: unknown },
    deadLetter: unknown, onFailure: unknown,
    environment: { variables: [], kmsKey: unknown },
    vpc: unknown, layers: unknown,
  };
}

/** The key that identifies an anchor, to group functions that share one finding. */
export function spanKey(s: Span): string {
  return `${s.file}:${s.start}:${s.end}`;
}

/** Unset settings grouped by anchor, in first-seen order: one finding per place. */
export function groupByAnchor<F, T>(items: { fn: F; setting: UnsetSetting<T> }[]): { anchor: Span; setting: UnsetSetting<T>; fns: F[] }[] {
  const groups = new Map<string, { anchor: Span; setting: UnsetSetting<T>; fns: F[] }>();
  for (const { fn, setting } of items) {
    const k = spanKey(setting.anchor);
    const g = groups.get(k);
    if (g) g.fns.push(fn);
    else groups.set(k, { anchor: setting.anchor, setting, fns: [fn] });
  }
  return [...groups.values()];
}
