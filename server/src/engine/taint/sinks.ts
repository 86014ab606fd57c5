// Matching calls against the sink catalogue and checking the arguments that must not carry data.
import ts from 'typescript';
import { SK, tsx } from './syntax.js';
import type { Interp } from './interp.js';
import type { CalleeSpec, SinkFamily, SinkSpec } from './types.js';
import { depsFor, join, taintFor, type AV } from './values.js';

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

/** Group 1 is set for shells, which need `-c`; ssh runs its arguments in the remote shell. */
const SHELL_PROGRAM = /^(?:.*[/\\])?(?:(sh|bash|zsh|dash|ksh|csh|tcsh|fish|cmd|cmd\.exe|powershell|pwsh|su)|ssh)$/i;

const SQL_START = /^\s*\(?\s*(select|insert|update|delete|with|replace|merge|upsert|create|drop|alter|truncate|call|exec|execute|grant|revoke|set|show|describe|explain)\b/i;

/** The node of property `key` in the object literal a value was built from. */
export function propNode(v: AV, key: string, ci = false): ts.Node | undefined {
  for (const p of v.objNode?.properties ?? []) {
    const name = p.name && (tsx.isIdentifier(p.name) || tsx.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (name === undefined || (ci ? name.toLowerCase() !== key.toLowerCase() : name !== key)) continue;
    if (tsx.isPropertyAssignment(p)) return p.initializer;
    if (tsx.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}

function conditionHolds(spec: SinkSpec, call: ts.CallExpression | ts.NewExpression, args: AV[]): boolean {
  const argNodes = call.arguments ?? [];
  switch (spec.when) {
    case undefined:
      return true;
    case 'shell-option': {
      const optIndex = argNodes[1] && tsx.isArrayLiteralExpression(argNodes[1]) ? 2 : args[1]?.elem ? 2 : 1;
      const opt = args[optIndex];
      const n = opt ? propNode(opt, 'shell') : undefined;
      return !!n && n.kind !== SK.FalseKeyword && !(tsx.isStringLiteral(n) && n.text === '');
    }
    case 'shell-program': {
      const program = args[0]?.literal;
      const list = argNodes[1];
      if (program === undefined || !list || !tsx.isArrayLiteralExpression(list)) return false;
      const m = SHELL_PROGRAM.exec(program);
      if (!m) return false;
      // A shell runs its arguments as a command only with -c (cmd /c, powershell -Command).
      return !m[1] || list.elements.some((e) => tsx.isStringLiteralLike(e) && /^(?:-[a-z]*c|\/c|-command)$/i.test(e.text));
    }
    case 'string-argument':
      return !args[0]?.fn && !(argNodes[0] && (tsx.isArrowFunction(argNodes[0]) || tsx.isFunctionExpression(argNodes[0])));
    case 'unsafe-yaml-schema': {
      const opt = argNodes[1];
      return !!opt && /FULL_SCHEMA|DEFAULT_FULL|js-yaml-js-types|JS_TYPES|jsTypes/.test(opt.getText());
    }
    case 'sql-text': {
      const v = args[0];
      const text = v?.literal ?? v?.prefix;
      return !!text && SQL_START.test(text);
    }
    case 'html-response':
      return true;
  }
}

/** Reports the arguments (or their properties) of a matched sink call that carry attacker data. */
export function checkSink(it: Interp, spec: SinkSpec, call: ts.CallExpression | ts.NewExpression, args: AV[], info?: CalleeInfo): void {
  if (!conditionHolds(spec, call, args)) return;
  const argNodes = call.arguments ?? [];
  for (const i of spec.args) {
    const v = args[i];
    const node = argNodes[i];
    if (!v || !node) continue;
    if (spec.props && v.props) {
      for (const p of spec.props) {
        const pv = v.props.get(p);
        if (pv) checkValue(it, spec, call, propNode(v, p) ?? node, pv, info);
      }
      if (spec.wholeObject) checkValue(it, spec.wholeLabel ? { ...spec, label: spec.wholeLabel } : spec, call, node, { taints: v.taints, deps: v.deps, sym: v.sym }, info);
      continue;
    }
    // An array argument (spawn's arguments) carries what its elements carry.
    const whole = spec.props && spec.wholeObject && spec.wholeLabel ? { ...spec, label: spec.wholeLabel } : spec;
    checkValue(it, whole, call, node, v.elem ? join(v, v.elem) : v, info);
  }
}

export function checkValue(it: Interp, spec: SinkSpec, call: ts.Node, node: ts.Node, v: AV, info?: CalleeInfo): void {
  const m = it.materialize(v);
  const family: SinkFamily = spec.family;
  const taint = taintFor(m, family);
  const deps = depsFor(m, family);
  if (taint || deps.length) {
    it.report({ spec, file: node.getSourceFile().fileName, call, arg: node, value: v, taint, deps, calleeModule: info?.module, calleePath: info?.modulePath });
  }
}
