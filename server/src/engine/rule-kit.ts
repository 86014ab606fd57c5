// One import for rule authors: the rule format, the application model (settings included), span
// and message helpers, and the fix helpers. A rule imports from here, not from the engine's files.
export { defineRule } from './rule.js';
export type { CodeRule, CodeRuleContext, ModelRule, ModelRuleContext, Report, RuleMeta } from './rule.js';
export type { Category, Fix, RelatedLocation, Severity, Span, TextEdit } from './types.js';

// ---- the model ----
export type {
  AppModel, ConfigFormat, ConfigModel, FunctionModel, HandlerRef, ManagedPolicyRef, ModelNote, PolicyDoc, ResourceModel,
  ResourcePolicyKind, ResourcePolicyModel, RoleBinding, RoleModel, Statement, Trigger, TriggerKind,
} from './model/types.js';
export type { ApiEvent, ApiKind, ApiModel, ApiOrigin } from './model/apis.js';
export type {
  CorsSettings, DestinationRef, EnvVar, EnvironmentSettings, FunctionSettings, FunctionUrlSettings, LogGroupSettings, SetSetting, Setting,
  SettingTarget, UnknownSetting, UnsetSetting, VpcSettings,
} from './model/settings.js';
export { groupByAnchor, spanKey } from './model/settings.js';
export type { Val, Entry } from './config/val.js';
export { flatItems } from './model/statements.js';
export { literalText, describeVal, referencedIds } from './model/refs.js';
export type { CodeFile, HandlerBinding } from './code/types.js';

// ---- fixes ----
export { replaceSetting, writeSetting, type SettingFixOptions } from './fix/settings.js';
export {
  appendItem, ensurePath, insertEntry, mergeInsertions, removeItem, replaceValue, str, taggedSpan, type Out,
} from './fix/yaml-edit.js';

// ---- spans and messages ----

/** A span from offsets in a file. */
export function spanAt(file: string, start: number, end: number): { file: string; start: number; end: number } {
  return { file, start, end };
}

/** `a, b and c` (at most `max` names, then `and N more`). */
export function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names.join('');
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `1 function` / `3 functions`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
