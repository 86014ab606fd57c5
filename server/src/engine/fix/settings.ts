// Fixes that write a function setting, in whatever format the config is: the reader of the format
// supplied the targets (model/settings.ts), so a rule only chooses the value and the wording.
import type { Fix } from '../types.js';
import type { SetSetting, SettingTarget, UnsetSetting } from '../model/settings.js';

export interface SettingFixOptions<T> {
  /** The fix id; by default `<id>` on the function and `<id>-defaults` in the shared defaults. */
  id: string | ((target: SettingTarget<T>) => string);
  /** What the fix does, e.g. `Turn on X-Ray tracing`; the target's description is added in parentheses. */
  title: string;
  changesBehaviour?: boolean;
}

function fixId<T>(opts: SettingFixOptions<T>, t: SettingTarget<T>): string {
  if (typeof opts.id === 'function') return opts.id(t);
  return t.scope === 'shared' ? `${opts.id}-defaults` : opts.id;
}

function toFix<T>(t: SettingTarget<T>, value: T, opts: SettingFixOptions<T>, preferred: boolean): Fix | undefined {
  const edits = t.edits(value);
  if (!edits || edits.length === 0) return undefined;
  const fix: Fix = { id: fixId(opts, t), title: `${opts.title} (${t.describe(value)})`, edits };
  if (preferred) fix.isPreferred = true;
  if (opts.changesBehaviour) fix.changesBehaviour = true;
  return fix;
}

/** One fix per place the setting can be written, the preferred place first. */
export function writeSetting<T>(s: UnsetSetting<T>, value: T, opts: SettingFixOptions<T>): Fix[] {
  const out: Fix[] = [];
  for (const t of s.targets) {
    const f = toFix(t, value, opts, out.length === 0);
    if (f) out.push(f);
  }
  return out;
}

/** The fix that writes another value in place of a set one. */
export function replaceSetting<T>(s: SetSetting<T>, value: T, opts: SettingFixOptions<T>): Fix[] {
  const f = toFix(s.replace, value, opts, true);
  return f ? [f] : [];
}
