// The abstract values the taint interpreter computes, for every language. A value may carry attacker
// data (taints), data from a helper's parameter (deps, when computing a summary), be a view into the
// event or a parameter (sym), have known properties and elements, be a function, or come from a
// module. Syntax nodes are opaque here: only the walker of their language looks inside them.
import type { FlowStep, SinkFamily, SourceInfo } from './types.js';

/** A syntax node of the walker's language (a TypeScript node, a Python AST node). */
export type Syntax = object;

export const MAX_STEPS = 12;
const MAX_TAINTS = 4;

/** Families a taint has been made safe for. 'all' when it can no longer carry a payload. */
export type Sanitized = ReadonlySet<SinkFamily | 'urlencoded' | 'normalized-path'>;
export const NONE: Sanitized = new Set();

export interface Taint {
  source: SourceInfo;
  steps: FlowStep[];
  sanitized: Sanitized;
}

/** Data that comes from parameter `param` of the function being summarised, at `path`. */
export interface Dep {
  param: number;
  path: string[];
  steps: FlowStep[];
  sanitized: Sanitized;
}

/** A function value: its node, the scope it closes over, and the file it is in. */
export interface FnValue {
  node: Syntax;
  closure: unknown; // a Frame; typed loosely to keep this module free of the interpreter
  file: string;
  /** `this` for methods of a class instance. */
  self?: AV;
}

export interface AV {
  taints?: Taint[];
  deps?: Dep[];
  /** A view into the event (root 'event') or a summarised function's parameter (root = index). */
  sym?: {
    root: 'event' | number;
    path: string[];
    span?: { file: string; start: number; end: number };
    /** The view went through a JSON parse of the text at this depth (`JSON.parse(record.body)`). */
    parsed?: number;
  };
  props?: Map<string, AV>;
  elem?: AV;
  fn?: FnValue;
  /** A class (its declaration), for instances and static members. */
  cls?: Syntax;
  /** The value was produced by a package (its name), for matching sinks such as `pool.query`. */
  module?: string;
  /** A property path from the module's export, e.g. ['promises', 'readFile']. */
  modulePath?: string[];
  /** A local module (absolute path) and the export path read from it. */
  local?: { file: string; path: string[] };
  /** A global, e.g. `eval`, `JSON.parse`, `process.env`. */
  global?: string;
  /** The constant string value, when known. */
  literal?: string;
  /** The known constant start of a string built by concatenation. */
  prefix?: string;
  /** Where a `path.join`/`path.resolve` built this value, and which arguments carried data. */
  pathJoin?: { call: Syntax; dataArgs: number[] };
  /** The object literal this value was created from, for precise spans and fixes. */
  objNode?: Syntax;
  /** The `resolve` function of `new Promise(...)`: what it is called with is the promise's value. */
  resolver?: { value: AV | undefined };
  /** Facts only one walker reads (a Python data class view, a compiled pattern...): opaque to the core. */
  ext?: object;
}

export const CLEAN: AV = Object.freeze({}) as AV;

export function lit(s: string): AV {
  return { literal: s, prefix: s };
}

export function hasData(v: AV | undefined): boolean {
  return !!v && ((v.taints?.length ?? 0) > 0 || (v.deps?.length ?? 0) > 0);
}

function mergeTaints(a: Taint[] | undefined, b: Taint[] | undefined): Taint[] | undefined {
  if (!a?.length) return b?.length ? b : undefined;
  if (!b?.length) return a;
  const out = [...a];
  for (const t of b) {
    if (out.length >= MAX_TAINTS) break;
    if (!out.some((o) => o.source.path === t.source.path && sameSet(o.sanitized, t.sanitized))) out.push(t);
  }
  return out;
}

function mergeDeps(a: Dep[] | undefined, b: Dep[] | undefined): Dep[] | undefined {
  if (!a?.length) return b?.length ? b : undefined;
  if (!b?.length) return a;
  const out = [...a];
  for (const d of b) {
    if (out.length >= MAX_TAINTS * 2) break;
    if (!out.some((o) => o.param === d.param && o.path.join('.') === d.path.join('.') && sameSet(o.sanitized, d.sanitized))) out.push(d);
  }
  return out;
}

function sameSet(a: Sanitized, b: Sanitized): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** A value that may be either `a` or `b` (branches, `||`, `??`). */
export function join(a: AV | undefined, b: AV | undefined, depth = 0): AV {
  if (!a || a === CLEAN) return b ?? CLEAN;
  if (!b || b === CLEAN || a === b) return a;
  const out: AV = {};
  // Only defined fields are set: objects keep one shape and no `delete` is needed.
  const taints = mergeTaints(a.taints, b.taints);
  if (taints) out.taints = taints;
  const deps = mergeDeps(a.deps, b.deps);
  if (deps) out.deps = deps;
  const sym = a.sym ?? b.sym;
  if (sym) out.sym = sym;
  const fn = a.fn ?? b.fn;
  if (fn) out.fn = fn;
  const cls = a.cls ?? b.cls;
  if (cls) out.cls = cls;
  const module = a.module ?? b.module;
  if (module) {
    out.module = module;
    out.modulePath = a.modulePath ?? b.modulePath;
  }
  const local = a.local ?? b.local;
  if (local) out.local = local;
  const global = a.global ?? b.global;
  if (global) out.global = global;
  if (a.literal !== undefined && a.literal === b.literal) out.literal = a.literal;
  const prefix = commonPrefix(a.prefix, b.prefix);
  if (prefix) out.prefix = prefix;
  const pathJoin = a.pathJoin ?? b.pathJoin;
  if (pathJoin) out.pathJoin = pathJoin;
  const objNode = a.objNode ?? b.objNode;
  if (objNode) out.objNode = objNode;
  const ext = a.ext ?? b.ext;
  if (ext) out.ext = ext;
  if (depth < 4 && (a.props || b.props)) out.props = joinProps(a, b, depth);
  if (depth < 4 && (a.elem || b.elem)) out.elem = join(a.elem, b.elem, depth + 1);
  return out;
}

/**
 * Known properties of either value. A property only one side knows is, on the other side, what
 * reading it gives: nothing for a plain object, its data for data, and, for a view into the event or
 * a parameter, a read through the view (so the property is left out, and reads go to the view).
 */
function joinProps(a: AV, b: AV, depth: number): Map<string, AV> {
  const out = new Map<string, AV>();
  for (const [k, av] of a.props ?? []) {
    const bv = b.props?.get(k);
    if (bv) out.set(k, join(av, bv, depth + 1));
    else if (!b.sym) out.set(k, hasData(b) ? join(av, dataOnly(b), depth + 1) : av);
  }
  for (const [k, bv] of b.props ?? []) {
    if (a.props?.has(k) || a.sym) continue;
    out.set(k, hasData(a) ? join(bv, dataOnly(a), depth + 1) : bv);
  }
  return out;
}

function commonPrefix(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i > 0 ? a.slice(0, i) : undefined;
}

/** A step, or how to make it: spans are computed only for values that carry data. */
export type LazyStep = FlowStep | (() => FlowStep);

export function addStep(v: AV, lazy: LazyStep | undefined): AV {
  if (!lazy || (!v.taints?.length && !v.deps?.length)) return v;
  const step = typeof lazy === 'function' ? lazy() : lazy;
  const push = <T extends { steps: FlowStep[] }>(x: T): T => {
    const last = x.steps[x.steps.length - 1];
    if (x.steps.length >= MAX_STEPS || (last && last.span.start === step.span.start && last.span.file === step.span.file)) return x;
    return { ...x, steps: [...x.steps, step] };
  };
  return { ...v, taints: v.taints?.map(push), deps: v.deps?.map(push) };
}

/** Marks every taint and dep of `v` safe for `families`. */
export function sanitize(v: AV, families: readonly (SinkFamily | 'urlencoded' | 'normalized-path')[] | 'all'): AV {
  if (families === 'all') return CLEAN;
  const mark = <T extends { sanitized: Sanitized }>(x: T): T => ({ ...x, sanitized: new Set([...x.sanitized, ...families]) });
  const out: AV = { ...v, taints: v.taints?.map(mark), deps: v.deps?.map(mark) };
  if (v.props) out.props = new Map([...v.props].map(([k, p]) => [k, sanitize(p, families)]));
  if (v.elem) out.elem = sanitize(v.elem, families);
  return out;
}

/** Data-carrying parts only: what a string built from `v` carries. */
export function dataOnly(v: AV): AV {
  if (!v.taints?.length && !v.deps?.length) return CLEAN;
  const out: AV = {};
  if (v.taints?.length) out.taints = v.taints;
  if (v.deps?.length) out.deps = v.deps;
  return out;
}

/**
 * The first taint not made safe for `family`. Error details are a family of their own: injection
 * sinks never see them, and the error-detail sink sees nothing else.
 */
export function taintFor(v: AV, family: SinkFamily): Taint | undefined {
  const errors = family === 'error-detail';
  return v.taints?.find((t) => !t.sanitized.has(family) && (t.source.kind === 'error') === errors);
}

export function depsFor(v: AV, family: SinkFamily): Dep[] {
  return v.deps?.filter((d) => !d.sanitized.has(family)) ?? [];
}
