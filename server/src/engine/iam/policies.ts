// Walking the permissions of the model: every identity statement once (with the role and the
// functions that hold it), and every resource-policy statement.
import type { AppModel, ConfigModel, FunctionModel, PolicyDoc, ResourcePolicyModel, RoleModel, Statement } from '../model/types.js';
import { configOfItem } from '../model/owners.js';
import { actionInfo, countLevels, expandAction, hasWildcard, serviceActions, splitAction, wildcardMatch, type ActionInfo } from './actions.js';

export interface StatementRef {
  statement: Statement;
  policy: PolicyDoc;
  role: RoleModel;
  functions: FunctionModel[];
}

export function identityStatements(model: AppModel): StatementRef[] {
  const out: StatementRef[] = [];
  // A statement reached from several roles (inherited provider statements, a shared include) is listed once.
  const seen = new Map<string, StatementRef>();
  for (const role of model.roles) {
    for (const policy of role.policies) {
      for (const statement of policy.statements) {
        const k = `${statement.val.file}:${statement.val.span.start}`;
        const existing = seen.get(k);
        if (existing) {
          for (const f of role.functions) if (!existing.functions.includes(f)) existing.functions.push(f);
          continue;
        }
        const ref = { statement, policy, role, functions: [...role.functions] };
        seen.set(k, ref);
        out.push(ref);
      }
    }
  }
  return out;
}

export function isAllow(s: Statement): boolean {
  return (s.effect ?? '').toLowerCase() === 'allow';
}

/** The config (template, serverless.yml) a role or a resource policy was read from. */
export function configOf(model: AppModel, item: RoleModel | ResourcePolicyModel): ConfigModel | undefined {
  return configOfItem(model, item);
}

/**
 * Who holds a role, for messages: " (used by A, B)", " (role of state machine X)", " (role R)", or
 * for a policy that reaches no role of the template, where it goes (" (policy P, attached to no role of this template)").
 */
export function heldBy(role: RoleModel, functions: FunctionModel[]): string {
  if (role.reach) return ` (${role.reach})`;
  if (functions.length > 0) return usedBy(functions);
  if (role.owner) return ` (role of ${role.owner})`;
  const svc = role.trustedServices?.find((s) => !s.startsWith('lambda.'));
  if (role.origin === 'cfn-role') return ` (role ${role.id}${svc ? `, assumed by ${svc}` : ''})`;
  return '';
}

/** "used by function A, B" for messages. */
export function usedBy(functions: FunctionModel[]): string {
  if (functions.length === 0) return '';
  const names = functions.slice(0, 3).map((f) => f.id);
  return ` (used by ${names.join(', ')}${functions.length > 3 ? ` and ${functions.length - 3} more` : ''})`;
}

export function describeExpansion(pattern: string, actions: ActionInfo[]): string {
  const c = countLevels(actions);
  const parts = [`${c.total} action${c.total === 1 ? '' : 's'}`];
  const extra: string[] = [];
  if (c.write) extra.push(`${c.write} write`);
  if (c.permissions) extra.push(`${c.permissions} permissions management`);
  return `${pattern} grants ${parts[0]}${extra.length ? `, ${extra.join(' and ')}` : ''}`;
}

const sortedNames = new WeakMap<ActionInfo[], { lower: string[]; order: number[] }>();

/** A service's action names in lower case, and their indexes sorted by that name (kept per action list). */
function byLowerName(all: ActionInfo[]): { lower: string[]; order: number[] } {
  let s = sortedNames.get(all);
  if (!s) {
    const lower = all.map((x) => x.name.toLowerCase());
    const order = lower.map((_, i) => i).sort((a, b) => (lower[a] < lower[b] ? -1 : lower[a] > lower[b] ? 1 : a - b));
    sortedNames.set(all, (s = { lower, order }));
  }
  return s;
}

/** The first position in `order` whose name is not below `key`. */
function lowerBound(lower: string[], order: number[], key: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lower[order[mid]] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A short list of patterns that grants exactly the allowed actions of a service. Wildcards
 * (`svc:Get*`) are used only where every action they match is allowed and read/list level, so the
 * result never contains a wildcard that grants write access; write actions are listed by name.
 */
export function coverActions(service: string, allowed: (a: ActionInfo) => boolean): string[] {
  const all = serviceActions(service);
  const prefixes = new Set<string>(); // wildcard prefixes, lower case
  const names: string[] = [];
  // Whether `prefix*` grants more than one action, all allowed and read/list: memoised, since many
  // actions share their first words (`Describe`, `Get`...).
  const usable = new Map<string, boolean>();
  const { lower, order } = byLowerName(all);
  const wildcardOk = (prefix: string): boolean => {
    const key = prefix.toLowerCase();
    let ok = usable.get(key);
    if (ok === undefined) {
      // The actions `prefix*` matches are one run of the names in lower-case order.
      let i = lowerBound(lower, order, key);
      let n = 0;
      ok = true;
      for (; i < order.length && lower[order[i]].startsWith(key); i++, n++) {
        const x = all[order[i]];
        if (!(allowed(x) && /^[RL]+$/.test(x.levels))) {
          ok = false;
          break;
        }
      }
      ok = ok && n > 1;
      usable.set(key, ok);
    }
    return ok;
  };
  for (const a of all) {
    if (!allowed(a)) continue;
    // The shortest camel-case prefix whose wildcard grants only allowed actions (and more than one).
    const words = a.name.match(/[A-Z][a-z0-9]*|[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [a.name];
    let found: string | undefined;
    for (let k = 1; k <= words.length && !found; k++) {
      const prefix = words.slice(0, k).join('');
      if (wildcardOk(prefix)) found = prefix;
    }
    if (found) prefixes.add(found);
    else names.push(a.name);
  }
  const wild = [...prefixes].filter((p) => ![...prefixes].some((q) => q !== p && p.toLowerCase().startsWith(q.toLowerCase())));
  const covered = (n: string) => wild.some((p) => n.toLowerCase().startsWith(p.toLowerCase()));
  return [...wild.map((p) => `${service}:${p}*`), ...names.filter((n) => !covered(n)).map((n) => `${service}:${n}`)].sort();
}

export { actionInfo, expandAction, hasWildcard, splitAction, wildcardMatch };
