// Matching a call against the catalogue: what a walker knows about the called function (its name,
// the package it came from and the path of properties read from it, or a global), and the specs of
// the catalogue indexed by name so that a call checks only the specs that can apply.
import type { CalleeSpec } from './types.js';

export interface CalleeInfo {
  /** The called function's or method's name ('' when a module itself is called). */
  name: string;
  module?: string;
  modulePath: string[];
  global?: string;
  isMethod: boolean;
  construct: boolean;
}

const NO_SPECS: never[] = [];

/** Specs indexed by the names they match, so that a call checks only the specs that can apply. */
export class CalleeIndex<T extends { callee: CalleeSpec }> {
  private readonly byName = new Map<string, T[]>();
  private readonly any: T[] = [];
  constructor(specs: readonly T[]) {
    for (const s of specs) {
      if (s.callee.names.includes('*')) this.any.push(s);
      for (const n of s.callee.names) (this.byName.get(n) ?? this.byName.set(n, []).get(n)!).push(s);
    }
  }
  /** The specs that match a call, in catalogue order. */
  find(c: CalleeInfo): T[] {
    const candidates = this.byName.get(c.name);
    if (!candidates && this.any.length === 0) return NO_SPECS;
    const all = this.any.length === 0 ? candidates! : [...(candidates ?? []), ...this.any];
    return all.filter((s) => matchCallee(s.callee, c));
  }
}

export function matchCallee(spec: CalleeSpec, c: CalleeInfo): boolean {
  if (spec.construct && !c.construct) return false;
  if (spec.globals) {
    if (!c.global) return false;
    const parts = c.global.split('.');
    return spec.globals.includes(parts[0]) && spec.names.includes(parts[parts.length - 1]);
  }
  if (spec.modules) {
    if (!c.module || !spec.modules.includes(c.module)) return false;
    if (!spec.names.includes(c.name) && !spec.names.includes('*')) return false;
    if (spec.pathExcludes && c.modulePath.slice(0, -1).some((p) => spec.pathExcludes!.includes(p))) return false;
    return !spec.pathIncludes || c.modulePath.some((p) => spec.pathIncludes!.includes(p));
  }
  // By name only (a client we cannot identify): method calls, not globals.
  return c.isMethod && !c.global && spec.names.includes(c.name);
}
