// Function settings of SAM and CloudFormation templates. SAM reads a function's Properties, then
// `Globals.Function` (maps are merged key by key, so each key path is looked up in both); a missing
// setting can be written in Globals (every function) or on the function. CloudFormation has no
// Globals, spells some settings differently (`TracingConfig.Mode`, `DeadLetterConfig`), and keeps
// others in resources of their own (`AWS::Lambda::Url`, `AWS::Lambda::EventInvokeConfig`).
import type { Val } from '../config/val.js';
import { str } from '../fix/yaml-edit.js';
import { addResource, logGroupResource, uniqueId } from '../fix/logging.js';
import type { FunctionModel, ResourceModel } from './types.js';
import type { CorsSettings, DestinationRef, EnvVar, FunctionSettings, FunctionUrlSettings, LogGroupSettings, Setting, SettingTarget, VpcSettings } from './settings.js';
import {
  boolCodec, fromValue, lookup, numberCodec, pathTarget, presenceCodec, replaceTarget, resolve, stringCodec, stringListCodec, tracingCodec, undecided,
  type Codec, type Layer,
} from './settings-yaml.js';
import { defaultGroupNames, logGroupOf, logGroups, retentionOfGroup } from './log-groups.js';
import { destinationCodec, logFormatCodec } from './settings-sls.js';

export interface CfnContext {
  root: Val;
  sam: boolean;
  /** SAM `Globals.Function`. */
  globals: Val | undefined;
  resources: ResourceModel[];
}

/** What the functions of a template share, indexed once: URL and async-invoke resources by target, logical ids. */
interface TemplateIndex {
  urls: Map<string, ResourceModel>;
  invokeConfigs: Map<string, ResourceModel[]>;
  ids: string[];
}

const templateIndexes = new WeakMap<ResourceModel[], TemplateIndex>();

function indexOf(resources: ResourceModel[]): TemplateIndex {
  let idx = templateIndexes.get(resources);
  if (!idx) {
    idx = { urls: new Map(), invokeConfigs: new Map(), ids: resources.map((r) => r.id) };
    for (const r of resources) {
      if (r.type === 'AWS::Lambda::Url') {
        const fn = r.props?.get('TargetFunctionArn')?.refTarget()?.id;
        if (fn && !idx.urls.has(fn)) idx.urls.set(fn, r);
      } else if (r.type === 'AWS::Lambda::EventInvokeConfig') {
        const fn = r.props?.get('FunctionName')?.refTarget()?.id;
        if (fn) (idx.invokeConfigs.get(fn) ?? idx.invokeConfigs.set(fn, []).get(fn)!).push(r);
      }
    }
    templateIndexes.set(resources, idx);
  }
  return idx;
}

export function readCfnSettings(fn: FunctionModel, resource: ResourceModel, ctx: CfnContext): FunctionSettings {
  // A SAM function with no Properties (everything from Globals): its settings go under a new `Properties`.
  const props = resource.props;
  const base = props ?? resource.val;
  const prefix = props ? [] : ['Properties'];
  const g = ctx.sam ? ctx.globals : undefined;
  const own = <T>(path: string[], codec: Codec<T>): Layer<T> => ({ base: props, path, from: 'function', where: path.join('.'), codec });
  const shared = <T>(path: string[], codec: Codec<T>): Layer<T> => ({ base: g, path, from: 'shared', where: `Globals.Function.${path.join('.')}`, codec });
  const fnTarget = <T>(path: string[], codec: Codec<T>): SettingTarget<T> => pathTarget(base, [...prefix, ...path], codec, path.join('.'), 'function');
  /** SAM: Globals (every function, preferred) then the function; CloudFormation: the function. */
  const targets = <T>(path: string[], codec: Codec<T>, preferShared = true): SettingTarget<T>[] => {
    const mine = fnTarget(path, codec);
    if (!ctx.sam) return [mine];
    const globalsTarget = pathTarget(ctx.root, ['Globals', 'Function', ...path], codec, `Globals.Function.${path.join('.')}`, 'shared');
    return preferShared ? [globalsTarget, mine] : [mine, globalsTarget];
  };
  const setting = <T>(path: string[], codec: Codec<T>, preferShared = true) =>
    resolve([own(path, codec), ...(g ? [shared(path, codec)] : [])], () => ({ anchor: fn.keySpan, targets: targets(path, codec, preferShared) }));

  const image = props?.get('PackageType')?.str() === 'Image';
  const active = tracingCodec(str('Active'), 'Active', str('PassThrough'), 'PassThrough');
  return {
    runtime: image ? { state: 'unknown' } : setting(['Runtime'], stringCodec),
    architectures: setting(['Architectures'], stringListCodec),
    memory: setting(['MemorySize'], numberCodec),
    timeout: setting(['Timeout'], numberCodec),
    reservedConcurrency: setting(['ReservedConcurrentExecutions'], numberCodec, false),
    tracing: ctx.sam ? setting(['Tracing'], active) : setting(['TracingConfig', 'Mode'], active),
    logFormat: setting(['LoggingConfig', 'LogFormat'], logFormatCodec),
    logGroup: logGroup(fn, resource, ctx),
    deadLetter: ctx.sam
      ? resolve([own(['DeadLetterQueue', 'TargetArn'], destinationCodec), ...(g ? [shared(['DeadLetterQueue', 'TargetArn'], destinationCodec)] : [])], () => ({ anchor: fn.keySpan, targets: [] }))
      : resolve([own(['DeadLetterConfig', 'TargetArn'], destinationCodec)], () => ({ anchor: fn.keySpan, targets: [] })),
    onFailure: onFailure(fn, ctx, own, shared),
    environment: {
      variables: environment(props, g),
      kmsKey: setting(['KmsKeyArn'], presenceCodec, false),
    },
    vpc: resolve([own(['VpcConfig'], vpcCodec), ...(g ? [shared(['VpcConfig'], vpcCodec)] : [])], () => ({ anchor: fn.keySpan, targets: [] })),
    url: url(fn, props, g, ctx),
    layers: setting(['Layers'], stringListCodec, false),
  };
}

function logGroup(fn: FunctionModel, resource: ResourceModel, ctx: CfnContext): LogGroupSettings {
  // SAM deep-merges Globals.Function.LoggingConfig into the function's own.
  const custom = lookup(resource.props, ['LoggingConfig', 'LogGroup']) ?? (ctx.sam ? lookup(ctx.globals, ['LoggingConfig', 'LogGroup']) : undefined);
  if (custom) {
    if ('unknown' in custom) return { kind: 'unknown', retention: { state: 'unknown' } };
    return logGroupOf(custom.found, ctx.resources);
  }
  const names = defaultGroupNames(fn.id, resource.props?.get('FunctionName'));
  const declared = logGroups(ctx.resources).find((x) => x.name !== undefined && names.includes(x.name));
  if (declared) return { kind: 'default', group: { id: declared.res.id, span: declared.res.keySpan }, retention: retentionOfGroup(declared.res) };
  // Lambda creates /aws/lambda/<name> on first use, with no retention: declare it, next to the function.
  const id = uniqueId(`${fn.id}LogGroup`, indexOf(ctx.resources).ids);
  const target: SettingTarget<number> = {
    where: `an AWS::Logs::LogGroup ${id} for /aws/lambda/<name of ${fn.id}>`, scope: 'function', creates: id,
    describe: (days) => `log group ${id} with RetentionInDays: ${days}`,
    edits: (days) => {
      const e = addResource(ctx.root, ctx.sam ? 'sam' : 'cloudformation', id, logGroupResource({ sub: `/aws/lambda/\${${fn.id}}` }, days), fn.id);
      return e ? [e] : undefined;
    },
  };
  return { kind: 'default', retention: { state: 'unset', anchor: fn.keySpan, targets: [target] } };
}

/** `EventInvokeConfig.DestinationConfig.OnFailure.Destination` (SAM), or an `AWS::Lambda::EventInvokeConfig` resource. */
function onFailure(fn: FunctionModel, ctx: CfnContext, own: <T>(p: string[], c: Codec<T>) => Layer<T>, shared: <T>(p: string[], c: Codec<T>) => Layer<T>): Setting<DestinationRef> {
  const path = ['EventInvokeConfig', 'DestinationConfig', 'OnFailure', 'Destination'];
  const layers: Layer<DestinationRef>[] = ctx.sam ? [own(path, destinationCodec), shared(path, destinationCodec)] : [];
  for (const r of indexOf(ctx.resources).invokeConfigs.get(fn.id) ?? []) {
    layers.push({ base: r.props, path: ['DestinationConfig', 'OnFailure', 'Destination'], from: 'function', where: `${r.id}.DestinationConfig.OnFailure.Destination`, codec: destinationCodec });
  }
  return resolve(layers, () => ({ anchor: fn.keySpan, targets: [] }));
}

const vpcCodec: Codec<VpcSettings> = {
  read: (v) => {
    if (v.kind !== 'map') return undefined;
    const count = (x: Val | undefined) => (x?.kind === 'seq' && !x.intrinsic() ? x.items().length : undefined);
    return { subnets: count(v.get('SubnetIds')), securityGroups: count(v.get('SecurityGroupIds')) };
  },
  write: () => ({ map: [] }),
  show: () => 'VpcConfig',
};

function environment(props: Val | undefined, g: Val | undefined): EnvVar[] {
  const read = (map: Val | undefined, from: 'function' | 'shared'): EnvVar[] => {
    const vars = map?.get('Environment')?.get('Variables');
    if (!vars || vars.kind !== 'map') return [];
    return vars.entries().map((e): EnvVar => {
      const where = `${from === 'shared' ? 'Globals.Function.' : ''}Environment.Variables.${e.key}`;
      const value = fromValue(e.val, { from, where, codec: stringCodec });
      const reference: Codec<string> = { read: () => undefined, write: (name) => str(`{{resolve:secretsmanager:${name}}}`), show: (name) => `{{resolve:secretsmanager:${name}}}` };
      return {
        name: e.key, nameSpan: e.keySpan, from, value,
        secretReference: value.state === 'set' ? { store: 'Secrets Manager', target: replaceTarget(e.val, reference, where, from) } : undefined,
      };
    });
  };
  const mine = read(props, 'function');
  const inherited = read(g, 'shared').map((v) => (mine.some((m) => m.name === v.name) ? { ...v, overridden: true } : v));
  return [...inherited, ...mine];
}

const authCodec: Codec<'AWS_IAM' | 'NONE'> = {
  read: (v) => {
    const s = v.kind === 'scalar' ? v.str() : undefined;
    return s === 'AWS_IAM' ? 'AWS_IAM' : s === 'NONE' ? 'NONE' : undefined;
  },
  write: (a) => str(a),
  show: (a) => a,
};

/** SAM `FunctionUrlConfig` (own or Globals), or an `AWS::Lambda::Url` resource targeting the function. */
function url(fn: FunctionModel, props: Val | undefined, g: Val | undefined, ctx: CfnContext): FunctionUrlSettings | undefined {
  const samUrl = ctx.sam ? (props?.get('FunctionUrlConfig') ?? g?.get('FunctionUrlConfig')) : undefined;
  const resource = samUrl ? undefined : indexOf(ctx.resources).urls.get(fn.id);
  const config = samUrl ?? resource?.props;
  if (!config) return undefined;
  const span = samUrl ? samUrl.anchorSpan : resource!.keySpan;
  if (undecided(config)) return { span, authType: { state: 'unknown' } };
  const where = samUrl ? 'FunctionUrlConfig' : resource!.id;
  const authType = resolve([{ base: config, path: ['AuthType'], from: 'function', where: `${where}.AuthType`, codec: authCodec }], () => ({ anchor: span, targets: [pathTarget(config, ['AuthType'], authCodec, `${where}.AuthType`, 'function')] }));
  return { span, authType, cors: cors(config.get('Cors'), where) };
}

/** A `Cors` map of a function URL (AllowOrigins, AllowCredentials). */
export function cors(c: Val | undefined, where: string): CorsSettings | undefined {
  if (!c || c.kind === 'null') return undefined;
  if (undecided(c) || c.kind !== 'map') return { span: c.anchorSpan, allowOrigins: { state: 'unknown' }, allowCredentials: { state: 'unknown' } };
  const none = { state: 'unset' as const, anchor: c.anchorSpan, targets: [] };
  const key = <T>(k: string, codec: Codec<T>): Setting<T> => resolve([{ base: c, path: [k], from: 'function', where: `${where}.Cors.${k}`, codec }], () => none);
  return { span: c.anchorSpan, allowOrigins: key('AllowOrigins', stringListCodec), allowCredentials: key('AllowCredentials', boolCodec) };
}
