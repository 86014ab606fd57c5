// Function settings of a serverless.yml: the function's own key, else the `provider` default, else
// what the framework and AWS do. Missing settings are written under `provider` (one place for the
// whole service, and one finding there), except those that only exist per function.
import type { Val } from '../config/val.js';
import type { Span } from '../types.js';
import { str, type Out } from '../fix/yaml-edit.js';
import type { FunctionModel, ResourceModel } from './types.js';
import type { CorsSettings, DestinationRef, EnvVar, FunctionSettings, FunctionUrlSettings, LogGroupSettings, Setting, SettingTarget, VpcSettings } from './settings.js';
import {
  boolCodec, fromValue, lookup, numberCodec, pathTarget, presenceCodec, replaceTarget, resolve, stringCodec, stringListCodec, tracingCodec, undecided,
  type Codec, type Layer,
} from './settings-yaml.js';
import { logGroupOf } from './log-groups.js';

export interface SlsContext {
  root: Val;
  provider: Val | undefined;
  resources: ResourceModel[];
  /** The framework creates a REST API for this service (http events, no external restApiId). */
  createsRestApi: boolean;
}

/** serverless's logical id for a function's resources: `users-create` -> `UsersDashcreate`. */
export function slsName(key: string): string {
  const n = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}`;
}

/** `resources` as a list of parts (a map, or a list of maps from includes). */
function resourceParts(root: Val): Val[] {
  const r = root.get('resources');
  return r?.kind === 'seq' ? r.items() : r ? [r] : [];
}

/** Serverless Framework v1-v3 have no native log format setting (v4 and the oss-serverless v3 fork do). */
function pinnedBeforeV4(root: Val): boolean {
  const v = root.get('frameworkVersion')?.str();
  if (!v) return false;
  if (v.includes('>') && !v.includes('<')) return false; // open-ended (`>=2.24.0`): v4 satisfies it
  const m = /(\d+)/.exec(v);
  return !!m && Number(m[1]) < 4;
}

export function readSlsSettings(fn: FunctionModel, ctx: SlsContext): FunctionSettings {
  const f = fn.val;
  const p = ctx.provider;
  const providerAnchor: Span = ctx.root.entry('provider')?.keySpan ?? fn.keySpan;
  const own = <T>(path: string[], codec: Codec<T>): Layer<T> => ({ base: f, path, from: 'function', where: path.join('.'), codec });
  const shared = <T>(path: string[], codec: Codec<T>): Layer<T> => ({ base: p, path, from: 'shared', where: `provider.${path.join('.')}`, codec });
  const atProvider = <T>(path: string[], codec: Codec<T>) => () => ({ anchor: providerAnchor, targets: [pathTarget(ctx.root, ['provider', ...path], codec, `provider.${path.join('.')}`, 'shared')] });
  const atFunction = <T>(path: string[], codec: Codec<T>) => () => ({ anchor: fn.keySpan, targets: [pathTarget(f, path, codec, path.join('.'), 'function')] });
  const both = <T>(path: string[], codec: Codec<T>, fnPath = path) => resolve([own(fnPath, codec), shared(path, codec)], atProvider(path, codec));

  const architecture: Codec<string[]> = { ...stringListCodec, write: (xs) => str(xs[0]), show: (xs) => xs[0] };
  return {
    runtime: both(['runtime'], stringCodec),
    architectures: both(['architecture'], architecture),
    memory: both(['memorySize'], numberCodec),
    timeout: both(['timeout'], numberCodec),
    reservedConcurrency: resolve([own(['reservedConcurrency'], numberCodec)], atFunction(['reservedConcurrency'], numberCodec)),
    tracing: tracing(fn, ctx, own, shared, providerAnchor),
    logFormat: logFormat(fn, ctx, own, shared, atProvider),
    logGroup: logGroup(fn, ctx, providerAnchor),
    deadLetter: deadLetter(fn),
    onFailure: resolve([own(['destinations', 'onFailure'], destinationCodec)], atFunction(['destinations', 'onFailure'], destinationCodec)),
    environment: {
      variables: environment(f, p, ctx.root),
      kmsKey: both(['kmsKeyArn'], presenceCodec),
    },
    vpc: both(['vpc'], vpcCodec),
    url: url(fn),
    layers: both(['layers'], stringListCodec),
  };
}

function tracing(fn: FunctionModel, ctx: SlsContext, own: <T>(p: string[], c: Codec<T>) => Layer<T>, shared: <T>(p: string[], c: Codec<T>) => Layer<T>, anchor: Span): Setting<boolean> {
  const fnCodec = tracingCodec(str('Active'), 'Active', str('PassThrough'), 'PassThrough');
  const providerCodec = tracingCodec({ raw: 'true' }, 'true', { raw: 'false' }, 'false');
  return resolve([own(['tracing'], fnCodec), shared(['tracing', 'lambda'], providerCodec)], () => {
    // No `provider.tracing` at all, and the framework creates a REST API: trace it too, in the same key.
    const target = ctx.createsRestApi && !ctx.provider?.get('tracing') ? slsTracingBoth(ctx.root) : pathTarget(ctx.root, ['provider', 'tracing', 'lambda'], providerCodec, 'provider.tracing.lambda', 'shared');
    return { anchor, targets: [target] };
  });
}

/**
 * `provider.tracing: { lambda: true, apiGateway: true }`, written when serverless.yml has no
 * `provider.tracing` and the framework creates a REST API: the function tracing fix and the API
 * tracing fix then write the same edit, and applying both writes it once.
 */
export function slsTracingBoth(root: Val): SettingTarget<boolean> {
  const codec: Codec<boolean> = { ...boolCodec, write: (b): Out => ({ map: [['lambda', { raw: String(b) }], ['apiGateway', { raw: String(b) }]] }) };
  return { ...pathTarget(root, ['provider', 'tracing'], codec, 'provider.tracing', 'shared'), describe: (b) => `provider.tracing: { lambda: ${b}, apiGateway: ${b} }` };
}

function logFormat(fn: FunctionModel, ctx: SlsContext, own: <T>(p: string[], c: Codec<T>) => Layer<T>, shared: <T>(p: string[], c: Codec<T>) => Layer<T>, atProvider: <T>(p: string[], c: Codec<T>) => () => { anchor: Span; targets: SettingTarget<T>[] }): Setting<'JSON' | 'Text'> {
  if (pinnedBeforeV4(ctx.root)) return { state: 'unknown' };
  // `resources.extensions.<Fn>LambdaFunction.Properties.LoggingConfig` overrides the generated function.
  const extPath = ['extensions', `${slsName(fn.id)}LambdaFunction`, 'Properties', 'LoggingConfig', 'LogFormat'];
  const extensions: Layer<'JSON' | 'Text'>[] = resourceParts(ctx.root).map((part) => ({ base: part, path: extPath, from: 'function', where: `resources.${extPath.join('.')}`, codec: logFormatCodec }));
  return resolve([own(['logs', 'logFormat'], logFormatCodec), ...extensions, shared(['logs', 'lambda', 'logFormat'], logFormatCodec)], atProvider(['logs', 'lambda', 'logFormat'], logFormatCodec));
}

export const logFormatCodec: Codec<'JSON' | 'Text'> = {
  read: (v) => {
    const s = v.kind === 'scalar' ? v.str() : undefined;
    return s === undefined ? undefined : s.toUpperCase() === 'JSON' ? 'JSON' : 'Text';
  },
  write: (s) => str(s),
  show: (s) => s,
};

function logGroup(fn: FunctionModel, ctx: SlsContext, providerAnchor: Span): LogGroupSettings {
  const f = fn.val;
  const p = ctx.provider;
  if (f.get('disableLogs')?.bool() === true) return { kind: 'disabled', retention: { state: 'unknown' } };
  const custom = lookup(f, ['logs', 'logGroup']) ?? lookup(p, ['logs', 'lambda', 'logGroup']);
  if (custom) {
    // The framework creates no log group then: the named one holds the logs.
    if ('unknown' in custom) return { kind: 'unknown', retention: { state: 'unknown' } };
    return logGroupOf(custom.found, ctx.resources);
  }
  // The group the framework creates: its retention comes from the function, the provider, the
  // log-retention plugin, or an override of the generated resource (`resources.extensions`).
  const id = `${slsName(fn.id)}LogGroup`;
  const overrides: Layer<number>[] = resourceParts(ctx.root).flatMap((part) => [
    { base: part, path: ['extensions', id, 'Properties', 'RetentionInDays'], from: 'function' as const, where: `resources.extensions.${id}.Properties.RetentionInDays`, codec: numberCodec },
    { base: part, path: ['Resources', id, 'Properties', 'RetentionInDays'], from: 'function' as const, where: `resources.Resources.${id}.Properties.RetentionInDays`, codec: numberCodec },
  ]);
  const plugins = (ctx.root.get('plugins')?.kind === 'map' ? ctx.root.get('plugins')?.get('modules') : ctx.root.get('plugins'))?.list().map((x) => x.str()) ?? [];
  const plugin: Layer<number>[] = plugins.includes('serverless-plugin-log-retention')
    ? [{ base: ctx.root, path: ['custom', 'logRetentionInDays'], from: 'shared', where: 'custom.logRetentionInDays', codec: numberCodec }]
    : [];
  const layers: Layer<number>[] = [
    { base: f, path: ['logRetentionInDays'], from: 'function', where: 'logRetentionInDays', codec: numberCodec },
    ...overrides,
    { base: p, path: ['logRetentionInDays'], from: 'shared', where: 'provider.logRetentionInDays', codec: numberCodec },
    ...plugin,
  ];
  const retention = resolve(layers, () => ({ anchor: providerAnchor, targets: [pathTarget(ctx.root, ['provider', 'logRetentionInDays'], numberCodec, 'provider.logRetentionInDays', 'shared')] }));
  return { kind: 'default', retention };
}

/** `onError: <arn>` (SNS or SQS), or the dead-letter plugin's `deadLetter: { targetArn | sqs | sns }`. */
function deadLetter(fn: FunctionModel): Setting<DestinationRef> {
  const f = fn.val;
  const layers: Layer<DestinationRef>[] = [
    { base: f, path: ['onError'], from: 'function', where: 'onError', codec: destinationCodec },
    { base: f, path: ['deadLetter', 'targetArn'], from: 'function', where: 'deadLetter.targetArn', codec: destinationCodec },
    { base: f, path: ['deadLetter', 'sqs'], from: 'function', where: 'deadLetter.sqs', codec: destinationCodec },
    { base: f, path: ['deadLetter', 'sns'], from: 'function', where: 'deadLetter.sns', codec: destinationCodec },
  ];
  return resolve(layers, () => ({ anchor: fn.keySpan, targets: [] }));
}

/** A destination: an ARN, a function name, `{ type, arn }`, or a `!GetAtt`/`!Ref` to a resource. */
export const destinationCodec: Codec<DestinationRef> = {
  read: (v) => {
    const arn = v.kind === 'map' && !v.intrinsic() ? (v.get('arn') ?? v.get('Arn')) : v;
    if (!arn) return undefined;
    return { text: arn.str() ?? arn.source, targetId: arn.refTarget()?.id };
  },
  write: (d) => str(d.text),
  show: (d) => d.text,
  references: true,
};

const vpcCodec: Codec<VpcSettings> = {
  read: (v) => {
    if (v.kind !== 'map') return undefined;
    const count = (x: Val | undefined) => (x?.kind === 'seq' ? x.items().length : undefined);
    return { subnets: count(v.get('subnetIds')), securityGroups: count(v.get('securityGroupIds')) };
  },
  write: () => ({ map: [] }),
  show: () => 'vpc',
};

function environment(f: Val, p: Val | undefined, root: Val): EnvVar[] {
  const service = root.get('service')?.str() ?? 'app';
  const read = (map: Val | undefined, from: 'function' | 'shared'): EnvVar[] => {
    if (!map || map.kind !== 'map') return [];
    return map.entries().map((e): EnvVar => {
      const where = from === 'function' ? `environment.${e.key}` : `provider.environment.${e.key}`;
      const value = fromValue(e.val, { from, where, codec: stringCodec });
      const reference: Codec<string> = { read: () => undefined, write: (name) => str(`\${ssm:/${service}/${name}}`), show: (name) => `\${ssm:/${service}/${name}}` };
      return {
        name: e.key, nameSpan: e.keySpan, from, value,
        secretReference: value.state === 'set' ? { store: 'SSM Parameter Store', target: replaceTarget(e.val, reference, where, from) } : undefined,
      };
    });
  };
  const mine = read(f.get('environment'), 'function');
  const inherited = read(p?.get('environment'), 'shared').map((v) => (mine.some((m) => m.name === v.name) ? { ...v, overridden: true } : v));
  return [...inherited, ...mine];
}

/** `url: true`, or `url: { authorizer: aws_iam, cors: ... }`. */
function url(fn: FunctionModel): FunctionUrlSettings | undefined {
  const u = fn.val.get('url');
  if (!u || u.bool() === false || u.kind === 'null') return undefined;
  if (undecided(u)) return { span: u.anchorSpan, authType: { state: 'unknown' } };
  const authCodec: Codec<'AWS_IAM' | 'NONE'> = {
    read: (v) => (v.kind === 'scalar' ? (v.str()?.toLowerCase() === 'aws_iam' ? 'AWS_IAM' : 'NONE') : undefined),
    write: (a) => str(a === 'AWS_IAM' ? 'aws_iam' : 'none'),
    show: (a) => (a === 'AWS_IAM' ? 'aws_iam' : 'none'),
  };
  let authType: Setting<'AWS_IAM' | 'NONE'>;
  if (u.kind === 'scalar') {
    // `url: true`: public. The fix turns it into a map that requires IAM.
    const trueCodec: Codec<'AWS_IAM' | 'NONE'> = { ...authCodec, write: (a): Out => (a === 'AWS_IAM' ? { map: [['authorizer', str('aws_iam')]] } : { raw: 'true' }) };
    authType = { state: 'set', value: 'NONE', span: u.span, text: u.source, from: 'function', val: u, replace: { ...replaceTarget(u, trueCodec, 'url', 'function'), describe: (a) => (a === 'AWS_IAM' ? 'url.authorizer: aws_iam' : 'url: true') } };
  } else {
    authType = resolve([{ base: u, path: ['authorizer'], from: 'function', where: 'url.authorizer', codec: authCodec }], () => ({ anchor: u.anchorSpan, targets: [] }));
  }
  return { span: u.anchorSpan, authType, cors: urlCors(u) };
}

/** `url.cors: true` (any origin, no credentials) or `{ allowedOrigins, allowCredentials, ... }`. */
function urlCors(u: Val): CorsSettings | undefined {
  const c = u.kind === 'map' ? u.get('cors') : undefined;
  if (!c || c.kind === 'null' || c.bool() === false) return undefined;
  const none = { state: 'unset' as const, anchor: c.anchorSpan, targets: [] };
  if (undecided(c)) return { span: c.anchorSpan, allowOrigins: { state: 'unknown' }, allowCredentials: { state: 'unknown' } };
  if (c.bool() === true) {
    const origins = fromValue(c, { from: 'function', where: 'url.cors', codec: { ...stringListCodec, read: () => ['*'] } });
    return { span: c.anchorSpan, allowOrigins: origins, allowCredentials: none };
  }
  const key = <T>(k: string, codec: Codec<T>): Setting<T> => resolve([{ base: c, path: [k], from: 'function', where: `url.cors.${k}`, codec }], () => none);
  return { span: c.anchorSpan, allowOrigins: key('allowedOrigins', stringListCodec), allowCredentials: key('allowCredentials', boolCodec) };
}
