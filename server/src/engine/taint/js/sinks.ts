// JS/TS sink calls: the extra conditions some sinks have (a shell option, a string argument, an
// unsafe YAML schema, SQL text), and the arguments (or their properties) that must not carry data.
import ts from 'typescript';
import { SK, tsx } from './syntax.js';
import type { JsInterp as Interp } from './interp.js';
import type { CalleeInfo } from '../callee.js';
import type { SinkSpec } from '../types.js';
import { join, type AV } from '../values.js';

/** Group 1 is set for shells, which need `-c`; ssh runs its arguments in the remote shell. */
const SHELL_PROGRAM = /^(?:.*[/\\])?(?:(sh|bash|zsh|dash|ksh|csh|tcsh|fish|cmd|cmd\.exe|powershell|pwsh|su)|ssh)$/i;

const SQL_START = /^\s*\(?\s*(select|insert|update|delete|with|replace|merge|upsert|create|drop|alter|truncate|call|exec|execute|grant|revoke|set|show|describe|explain)\b/i;

/** The node of property `key` in the object literal a value was built from. */
export function propNode(v: AV, key: string, ci = false): ts.Node | undefined {
  for (const p of (v.objNode as ts.ObjectLiteralExpression | undefined)?.properties ?? []) {
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
    default:
      return false; // conditions of other languages' sinks
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
        if (pv) it.checkValue(spec, call, propNode(v, p) ?? node, pv, info);
      }
      if (spec.wholeObject) it.checkValue(spec.wholeLabel ? { ...spec, label: spec.wholeLabel } : spec, call, node, { taints: v.taints, deps: v.deps, sym: v.sym }, info);
      continue;
    }
    // An array argument (spawn's arguments) carries what its elements carry.
    const whole = spec.props && spec.wholeObject && spec.wholeLabel ? { ...spec, label: spec.wholeLabel } : spec;
    it.checkValue(whole, call, node, v.elem ? join(v, v.elem) : v, info);
  }
}
