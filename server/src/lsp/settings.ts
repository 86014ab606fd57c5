// Editor settings: `faasguard.enable`, `faasguard.rules` (id -> off/info/warning/error) and
// `faasguard.exclude` (globs). Invalid values are ignored, never fatal.
import type { Connection } from 'vscode-languageserver/node';
import { RULE_LEVELS, type RuleLevel } from '../engine/settings.js';

export interface ClientSettings {
  enable: boolean;
  rules: Record<string, RuleLevel>;
  exclude: string[];
}

export function sanitizeSettings(raw: unknown): ClientSettings {
  const r = (raw ?? {}) as { enable?: unknown; rules?: unknown; exclude?: unknown };
  const rules: Record<string, RuleLevel> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && (RULE_LEVELS as readonly string[]).includes(v)) rules[k] = v as RuleLevel;
    }
  }
  const exclude = Array.isArray(r.exclude) ? r.exclude.filter((x): x is string => typeof x === 'string') : [];
  return { enable: r.enable !== false, rules, exclude };
}

export async function readSettings(connection: Connection, canPull: boolean): Promise<ClientSettings> {
  if (!canPull) return sanitizeSettings({});
  const raw = await connection.workspace.getConfiguration({ section: 'faasguard' });
  return sanitizeSettings(raw);
}
