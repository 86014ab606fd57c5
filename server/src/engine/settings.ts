// Effective settings: rule severities (off/info/warning/error), excludes, and per-path overrides.
// The CLI and the editor feed the same shape, from `.faasguard.yml` plus editor settings.
import type { Severity } from './types.js';
import { GlobSet } from './util/glob.js';

export type RuleLevel = Severity | 'off';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export interface OverrideInput {
  files: string[];
  rules: Record<string, RuleLevel>;
}

export interface SettingsInput {
  rules?: Record<string, RuleLevel>;
  exclude?: string[];
  overrides?: OverrideInput[];
}

export class Settings {
  readonly key: string;
  readonly exclude: string[];
  private readonly rules: Record<string, RuleLevel>;
  private readonly overrides: { globs: GlobSet; rules: Record<string, RuleLevel> }[];
  private readonly excludeSet: GlobSet;

  constructor(input: SettingsInput) {
    this.rules = { ...(input.rules ?? {}) };
    this.exclude = [...(input.exclude ?? [])];
    this.excludeSet = new GlobSet(this.exclude);
    this.overrides = (input.overrides ?? []).map((o) => ({ globs: new GlobSet(o.files), rules: o.rules }));
    this.key = JSON.stringify([this.rules, this.exclude, input.overrides ?? []]);
  }

  /** False only when the rule is off everywhere (so it need not run at all). */
  enabled(ruleId: string): boolean {
    if (this.rules[ruleId] !== 'off') return true;
    return this.overrides.some((o) => o.rules[ruleId] !== undefined && o.rules[ruleId] !== 'off');
  }

  severityFor(ruleId: string, relPath: string, fallback: Severity): RuleLevel {
    let level: RuleLevel = this.rules[ruleId] ?? fallback;
    for (const o of this.overrides) if (o.rules[ruleId] !== undefined && o.globs.matches(relPath)) level = o.rules[ruleId];
    return level;
  }

  isExcludedFile(relPath: string): boolean {
    return this.excludeSet.matches(relPath);
  }
}
