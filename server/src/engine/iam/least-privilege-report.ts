// Comparing grants with needs, for the two least-privilege rules and the statement hover: which
// grants no code needs (and whether that can be said: every function on the role fully resolved),
// and which calls no grant allows (and whether that can be said: the role's grants all known).
import * as path from 'node:path';
import type { AppModel, ConfigModel, FunctionModel, RoleModel } from '../model/types.js';
import type { CodeLoader } from '../code/aws-calls.js';
import type { Span } from '../types.js';
import { identityStatements } from './policies.js';
import { actionKey, configOfFunction, familyTemplates, functionNeeds, isAllowed, roleGrants, serviceUsed, type FunctionNeeds, type Grant, type Need } from './least-privilege.js';
import { referencedIds } from '../model/refs.js';

/** `src/orders.ts:14`, relative to the config's folder. */
export function where(span: Span, config: ConfigModel | undefined, load: CodeLoader): string {
  const code = load(span.file);
  const line = code ? code.lines.positionAt(span.start).line + 1 : 0;
  const rel = config ? path.relative(path.dirname(config.file), span.file).split(path.sep).join('/') : path.basename(span.file);
  return `${rel}:${line}`;
}

export function fnList(fns: FunctionModel[]): string {
  const names = fns.map((f) => f.id);
  if (names.length <= 1) return names.join('');
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** Why the unused-permission check cannot judge a role (or undefined when it can). */
export function unusedBlocker(role: RoleModel, all: FunctionNeeds[]): string | undefined {
  if (role.functions.length === 0) return 'no function of the config uses this role';
  if (role.owner || (role.trustedServices ?? []).some((s) => !s.startsWith('lambda.'))) return `the role is also assumed by ${role.owner ?? role.trustedServices!.find((s) => !s.startsWith('lambda.'))}, whose use the code does not show`;
  const open = all.filter((n) => !n.resolved);
  if (open.length > 0) {
    const u = open[0].unresolved[0];
    return `not every call of ${fnList(open.map((n) => n.fn))} is known: ${u.reason}`;
  }
  return undefined;
}

export interface Usage {
  /** action key -> the needs (calls) that use it. */
  used: Map<string, Need[]>;
  /** Actions the Lambda service uses for these functions. */
  service: Set<string>;
  needs: FunctionNeeds[];
}

export function usageOf(model: AppModel, fns: FunctionModel[], load: CodeLoader): Usage {
  const used = new Map<string, Need[]>();
  const service = new Set<string>();
  const needs = fns.map((f) => functionNeeds(model, f, load));
  for (const n of needs) {
    for (const need of n.needs) {
      const k = actionKey(need.action);
      (used.get(k) ?? used.set(k, []).get(k)!).push(need);
    }
    for (const s of serviceUsed(n.fn, n.config)) service.add(s);
  }
  return { used, service, needs };
}

/** "only dynamodb:PutItem is called, at src/orders.ts:14" (optionally only for some actions). */
export function whatIsCalled(u: Usage, config: ConfigModel | undefined, load: CodeLoader, only?: string[]): string {
  const seen = new Map<string, string>();
  const keep = only ? new Set(only.map(actionKey)) : undefined;
  for (const [k, needs] of u.used) {
    if (keep && !keep.has(k)) continue;
    for (const n of needs) {
      if (n.possible || seen.has(n.action)) continue;
      seen.set(n.action, where(n.call.span, config, load));
    }
  }
  if (seen.size === 0) return only ? 'it is used by the Lambda service for the function' : 'the code makes no AWS call that needs a permission';
  const items = [...seen].slice(0, 4);
  if (items.length === 1 && seen.size === 1) return `only ${items[0][0]} is called, at ${items[0][1]}`;
  const parts = items.map(([a, w]) => `${a} (${w})`);
  if (seen.size > 4) parts.push(`${seen.size - 4} more`);
  return `only ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]} are called`;
}

/** Markdown for a hover: each action of a grant and the code that uses it. */
export function usageHover(actions: string[], u: Usage, config: ConfigModel | undefined, load: CodeLoader, blocker?: string): string {
  const lines = ['Who uses each action:'];
  for (const a of actions.slice(0, 30)) {
    const needs = (u.used.get(actionKey(a)) ?? []).filter((n, i, all) => all.findIndex((m) => m.call.span.start === n.call.span.start && m.call.span.file === n.call.span.file) === i);
    const at = needs.slice(0, 3).map((n) => `\`${n.call.text}\` at ${where(n.call.span, config, load)}`).join(', ');
    const svc = u.service.has(actionKey(a)) ? 'the Lambda service (for the function itself)' : '';
    lines.push(`- \`${a}\`: ${at || svc || 'no code'}${at && svc ? `; also ${svc}` : ''}`);
  }
  if (actions.length > 30) lines.push(`- and ${actions.length - 30} more`);
  if (blocker) lines.push('', `Unused grants are not reported for this role: ${blocker}.`);
  return lines.join('\n');
}

// ---- unused grants ----

export interface UnusedGrant {
  grant: Grant;
  role: RoleModel;
  functions: FunctionModel[];
  usage: Usage;
  /** For a partly used SAM template: the narrowest template of its family that covers what is used. */
  narrower?: string;
  /** The actions of the grant that are used. */
  usedActions: string[];
}

function isUsed(u: Usage, a: string): boolean {
  const k = actionKey(a);
  return u.used.has(k) || u.service.has(k);
}

/** The grants of every role that no code of the functions holding them needs. */
export function unusedGrants(model: AppModel, load: CodeLoader): UnusedGrant[] {
  const out: UnusedGrant[] = [];
  // Statements, once each with every function that holds them (shared includes, inherited statements).
  const holdersOf = new Map<unknown, RoleModel[]>();
  for (const r of model.roles) {
    for (const p of r.policies) {
      for (const st of p.statements) {
        const list = holdersOf.get(st) ?? holdersOf.set(st, []).get(st)!;
        if (list[list.length - 1] !== r) list.push(r);
      }
    }
  }
  for (const ref of identityStatements(model)) {
    const holders = holdersOf.get(ref.statement) ?? [];
    const fns = [...new Set(holders.flatMap((r) => r.functions))];
    const needs = fns.map((f) => functionNeeds(model, f, load));
    if (holders.some((r) => unusedBlocker(r, needs.filter((n) => r.functions.includes(n.fn))))) continue;
    const g = roleGrants(ref.role).grants.filter((x) => x.kind === 'statement' && x.statement === ref.statement);
    const usage = usageOf(model, fns, load);
    for (const grant of g) {
      if (grant.actions.length === 0) continue; // a service IAM does not know: nothing precise to say
      const used = grant.actions.filter((a) => isUsed(usage, `${a.service}:${a.name}`));
      if (used.length > 0) continue;
      out.push({ grant, role: ref.role, functions: fns, usage, usedActions: [] });
    }
  }
  for (const role of model.roles) {
    if (role.samTemplates.length === 0) continue;
    const needs = role.functions.map((f) => functionNeeds(model, f, load));
    if (unusedBlocker(role, needs)) continue;
    const usage = usageOf(model, role.functions, load);
    for (const grant of roleGrants(role).grants) {
      if (grant.kind !== 'template') continue;
      const usedActions = grant.def.actions.filter((a) => isUsed(usage, a));
      if (usedActions.length === 0) {
        out.push({ grant, role, functions: role.functions, usage, usedActions });
        continue;
      }
      // The narrowest template over the same resource that still grants everything used.
      const narrower = familyTemplates(grant.def.family).find(([name, t]) => name !== grant.ref.name && t.param === grant.def.param && t.actions.length < grant.def.actions.length && usedActions.every((a) => t.actions.includes(a)));
      if (narrower) out.push({ grant, role, functions: role.functions, usage, usedActions, narrower: narrower[0] });
    }
  }
  return out;
}

// ---- missing permissions ----

export interface MissingCall {
  fn: FunctionModel;
  role: RoleModel;
  config?: ConfigModel;
  needs: Need[];
}

/** Why the missing-permission check skips a function (or undefined when it can judge it). */
export function missingBlocker(fn: FunctionModel, config?: ConfigModel): string | undefined {
  if (fn.role.kind !== 'role') return fn.role.kind === 'external' ? 'its role is defined outside this project' : 'it has no role in the config';
  const unknown = roleGrants(fn.role.role).unknown;
  if (unknown.length > 0) return `its role holds ${unknown[0]}`;
  // SAM connectors add statements to the role that the model does not list.
  const own = config?.resources.find((r) => r.id === fn.id);
  if (own?.val.get('Connectors') || config?.resources.some((r) => r.type === 'AWS::Serverless::Connector' && referencedIds(r.props?.get('Source')).has(fn.id))) return 'SAM connectors add permissions to its role';
  return undefined;
}

/** Calls whose actions no grant of the function's role allows, grouped per call. */
export function missingCalls(model: AppModel, load: CodeLoader): MissingCall[] {
  const out: MissingCall[] = [];
  for (const fn of model.functions) {
    if (fn.role.kind !== 'role' || missingBlocker(fn, configOfFunction(model, fn))) continue;
    const role = fn.role.role;
    const n = functionNeeds(model, fn, load);
    const byId = new Map((n.config?.resources ?? []).map((r) => [r.id, r]));
    const grants = roleGrants(role).grants;
    const byCall = new Map<string, Need[]>();
    for (const need of n.needs) {
      if (need.possible) continue;
      if (hasResourcePolicy(need, role, n.config)) continue;
      if (isAllowed(grants, need, byId) !== 'no') continue;
      const k = `${need.call.span.file}:${need.call.span.start}`;
      (byCall.get(k) ?? byCall.set(k, []).get(k)!).push(need);
    }
    for (const needs of byCall.values()) out.push({ fn, role, config: n.config, needs });
  }
  return out;
}

/** A resource policy of the template on the target (a bucket policy, a key policy naming the role) may grant it instead. */
function hasResourcePolicy(need: Need, role: RoleModel, config: ConfigModel | undefined): boolean {
  const r = need.target?.resource;
  if (!r || !config) return false;
  if (r.type === 'AWS::KMS::Key') return referencedIds(r.props?.get('KeyPolicy')).has(role.id);
  return config.resourcePolicies.some((p) => p.targetId === r.id || (p.kind === 'sqs-queue-policy' && referencedIds(p.resource.props?.get('Queues')).has(r.id)) || (p.kind === 'sns-topic-policy' && referencedIds(p.resource.props?.get('Topics')).has(r.id)));
}
