// The minimal policy for one function: the actions its code needs, each on the resource it
// resolves to (an intrinsic for a resource of the template, an ARN for a literal name, `*` when
// the resource cannot be resolved), grouped into as few statements as the resources allow.
import type { AppModel, FunctionModel } from '../model/types.js';
import type { CodeLoader } from '../code/aws-calls.js';
import type { Unresolved } from '../code/aws-calls-types.js';
import { str, type Out } from '../fix/yaml-edit.js';
import { functionNeeds } from './least-privilege.js';
import { resourceOut } from './least-privilege-fix.js';

export interface MinimalStatement {
  actions: string[];
  resources: Out[];
}

export interface MinimalPolicy {
  fn: FunctionModel;
  statements: MinimalStatement[];
  /** Calls whose resource could not be resolved (granted on `*`), as "action (file:line)". */
  unscoped: string[];
  /** What keeps the function from being fully resolved. */
  unresolved: Unresolved[];
}

export function minimalPolicy(model: AppModel, fn: FunctionModel, load: CodeLoader): MinimalPolicy {
  const n = functionNeeds(model, fn, load);
  const byResource = new Map<string, { out: Out; actions: Set<string> }>();
  const unscoped: string[] = [];
  for (const need of n.needs) {
    if (need.possible) continue;
    const out = resourceOut(need, new Set()) ?? str('*');
    if ('str' in out && out.str === '*') unscoped.push(need.action);
    const k = JSON.stringify(out);
    const e = byResource.get(k) ?? byResource.set(k, { out, actions: new Set() }).get(k)!;
    e.actions.add(need.action);
  }
  // Resources that need the same actions share a statement.
  const byActions = new Map<string, MinimalStatement>();
  for (const { out, actions } of byResource.values()) {
    const list = [...actions].sort();
    const k = list.join(',');
    const s = byActions.get(k) ?? byActions.set(k, { actions: list, resources: [] }).get(k)!;
    s.resources.push(out);
  }
  return { fn, statements: [...byActions.values()], unscoped: [...new Set(unscoped)].sort(), unresolved: n.unresolved };
}

/** The policy document as JSON, intrinsics in their long form. */
export function policyJson(p: MinimalPolicy): unknown {
  const value = (o: Out): unknown => {
    if ('str' in o) return o.str;
    if ('ref' in o) return { Ref: o.ref };
    if ('getAtt' in o) return { 'Fn::GetAtt': o.getAtt };
    if ('sub' in o) return { 'Fn::Sub': o.sub };
    if ('raw' in o) return o.raw;
    if ('seq' in o) return o.seq.map(value);
    return Object.fromEntries(o.map.map(([k, v]) => [k, value(v)]));
  };
  return {
    Version: '2012-10-17',
    Statement: p.statements.map((s) => ({ Effect: 'Allow', Action: s.actions.length === 1 ? s.actions[0] : s.actions, Resource: s.resources.length === 1 ? value(s.resources[0]) : s.resources.map(value) })),
  };
}

/** The policy document as YAML, with short-form intrinsics (`!GetAtt Table.Arn`). */
export function policyYaml(p: MinimalPolicy, inline: (o: Out) => string): string {
  const lines = ['Version: "2012-10-17"', 'Statement:'];
  if (p.statements.length === 0) lines[1] = 'Statement: []';
  for (const s of p.statements) {
    lines.push('  - Effect: Allow');
    lines.push(s.actions.length === 1 ? `    Action: ${s.actions[0]}` : '    Action:', ...(s.actions.length === 1 ? [] : s.actions.map((a) => `      - ${a}`)));
    lines.push(s.resources.length === 1 ? `    Resource: ${inline(s.resources[0])}` : '    Resource:', ...(s.resources.length === 1 ? [] : s.resources.map((r) => `      - ${inline(r)}`)));
  }
  return lines.join('\n') + '\n';
}
