// Building settings from YAML/JSON configs (serverless.yml, SAM, CloudFormation): a setting is
// looked up in layers (the function's own map, then the shared defaults), along a key path; the
// first layer that has it wins. A value on the way that cannot be read (a `${...}` variable, an
// intrinsic such as `!If`, a parameter) makes the setting unknown. Fixes are edits of the YAML or
// JSON text at the spans the model holds (fix/yaml-edit.ts).
import type { Val } from '../config/val.js';
import type { Span, TextEdit } from '../types.js';
import { ensurePath, replaceValue, taggedSpan, type Out } from '../fix/yaml-edit.js';
import type { SetSetting, Setting, SettingTarget, UnsetSetting } from './settings.js';

/** How a setting's values read from, and are written to, YAML/JSON at one place. */
export interface Codec<T> {
  /** The value, or undefined when it cannot be read (the setting is then unknown). */
  read(v: Val): T | undefined;
  write(value: T): Out;
  /** The value as written there, for messages (`Active`, `true`). */
  show(value: T): string;
  /**
   * The value may be a reference (`!GetAtt Queue.Arn`, `!Ref KeyArn`): read it, it is set. Without
   * this, an intrinsic is decided at deployment and the setting is unknown.
   */
  references?: boolean;
}

/** A place a setting can come from: a map, the key path below it, and how to name it. */
export interface Layer<T> {
  /** The map the path starts from (the function's Properties, Globals.Function, provider...). */
  base: Val | undefined;
  path: string[];
  from: 'function' | 'shared';
  /** The setting's name at this place, for messages: `Tracing`, `Globals.Function.Tracing`. */
  where: string;
  codec: Codec<T>;
}

/** Whether a value is decided at deployment: a `${...}` variable or an intrinsic (`!If`, `!Ref P`). */
export function undecided(v: Val): boolean {
  return v.kind === 'opaque' || v.intrinsic() !== undefined;
}

/** A target that rewrites one existing value. */
export function replaceTarget<T>(v: Val, codec: Codec<T>, where: string, scope: 'function' | 'shared'): SettingTarget<T> {
  return {
    where, scope,
    describe: (value) => `${where}: ${codec.show(value)}`,
    edits: (value) => [replaceValue(v, codec.write(value))],
  };
}

/** A target that writes `path` under `root` (creating the missing keys). */
export function pathTarget<T>(root: Val | undefined, path: string[], codec: Codec<T>, where: string, scope: 'function' | 'shared'): SettingTarget<T> {
  return {
    where, scope,
    describe: (value) => `${where}: ${codec.show(value)}`,
    edits: (value) => {
      if (!root || root.kind !== 'map') return undefined;
      const e = ensurePath(root, path, codec.write(value));
      return e ? [e] : undefined;
    },
  };
}

/** A set setting read from a value, or unknown when the value cannot be read. */
export function fromValue<T>(v: Val, layer: Pick<Layer<T>, 'from' | 'where' | 'codec'>): SetSetting<T> | { state: 'unknown'; span: Span } {
  const i = v.intrinsic();
  // `!If [c, x, !Ref AWS::NoValue]` may be nothing at all; a reference is a value.
  const readable = v.kind !== 'opaque' && (!i || (layer.codec.references && i.fn !== 'Fn::If'));
  const value = readable ? layer.codec.read(v) : undefined;
  if (value === undefined) return { state: 'unknown', span: v.span };
  return {
    state: 'set', value, span: v.kind === 'map' || v.kind === 'seq' ? v.anchorSpan : taggedSpan(v), text: v.source, from: layer.from, val: v,
    replace: replaceTarget(v, layer.codec, layer.where, layer.from),
  };
}

export type Lookup = { found: Val } | { unknown: Val } | undefined;

/**
 * The maps settings start from (a function's Properties, Globals.Function, provider) are looked up
 * some forty times per function: their entries are indexed once per map (Val.get builds them on
 * every call).
 */
const indexes = new WeakMap<Val, Map<string, Val>>();

function keyOf(map: Val, key: string): Val | undefined {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const e of map.entries()) if (!index.has(e.key)) index.set(e.key, e.val);
    indexes.set(map, index);
  }
  return index.get(key);
}

/** Follows `path` under `base`; a value on the way that cannot be read stands for everything below it. */
export function lookup(base: Val | undefined, path: string[]): Lookup {
  let cur = base;
  for (const key of path) {
    if (!cur) return undefined;
    if (undecided(cur)) return { unknown: cur };
    if (cur.kind !== 'map') return undefined;
    cur = keyOf(cur, key);
  }
  if (!cur) return undefined;
  // An empty value (`Tracing:`) or `!Ref AWS::NoValue` is no value.
  if (cur.kind === 'null' || cur.alternatives().length === 0) return undefined;
  return { found: cur };
}

/**
 * The setting from the first layer that has it; `unset` (with the given anchor and targets) when
 * none has; `unknown` when a layer that might have it cannot be read.
 */
export function resolve<T>(layers: Layer<T>[], unset: () => Omit<UnsetSetting<T>, 'state'>): Setting<T> {
  for (const layer of layers) {
    const r = lookup(layer.base, layer.path);
    if (!r) continue;
    if ('unknown' in r) return { state: 'unknown', span: r.unknown.span };
    return fromValue(r.found, layer);
  }
  return { state: 'unset', ...unset() };
}

// ---- codecs ----

export const stringCodec: Codec<string> = {
  read: (v) => (v.kind === 'scalar' ? v.str() : undefined),
  write: (s) => ({ str: s }),
  show: (s) => s,
};

export const numberCodec: Codec<number> = {
  read: (v) => (v.kind === 'scalar' ? v.num() : undefined),
  write: (n) => ({ raw: String(n) }),
  show: (n) => String(n),
};

/** `true`/`false` (YAML booleans or the strings). */
export const boolCodec: Codec<boolean> = {
  read: (v) => (v.kind === 'scalar' ? v.bool() : undefined),
  write: (b) => ({ raw: String(b) }),
  show: (b) => String(b),
};

/** A string or a list of strings (`Architectures`, `Layers`, `AllowOrigins`). */
export const stringListCodec: Codec<string[]> = {
  read: (v) => {
    if (v.kind === 'scalar') {
      const s = v.str();
      return s === undefined ? undefined : [s];
    }
    if (v.kind !== 'seq') return undefined;
    const out: string[] = [];
    for (const it of v.items()) {
      // An item we cannot read (`!Ref LayerArn`) is kept as written: the list still has it.
      out.push(it.str() ?? it.source);
    }
    return out;
  },
  write: (xs) => ({ seq: xs.map((s) => ({ str: s })) }),
  show: (xs) => `[${xs.join(', ')}]`,
};


/** A value whose presence is what matters (a map, a reference): read as its source text. */
export const presenceCodec: Codec<string> = {
  read: (v) => v.str() ?? v.source,
  write: (s) => ({ str: s }),
  show: (s) => s,
  references: true,
};

/** Active tracing: `Active` (or `true`) is on; `PassThrough`, `Disabled`, `false` are off. */
export function tracingCodec(on: Out, onText: string, off: Out, offText: string): Codec<boolean> {
  return {
    read: (v) => {
      const s = v.kind === 'scalar' ? v.str() : undefined;
      if (s === undefined) return undefined;
      return s === 'Active' || s.toLowerCase() === 'true';
    },
    write: (b) => (b ? on : off),
    show: (b) => (b ? onText : offText),
  };
}

/** A setting the format does not have, or that a reader cannot read yet. */
export const UNKNOWN = { state: 'unknown' } as const;

export function edits(list: (TextEdit | undefined)[]): TextEdit[] | undefined {
  const out = list.filter((e): e is TextEdit => e !== undefined);
  return out.length === list.length ? out : undefined;
}
