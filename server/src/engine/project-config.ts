// `.faasguard.yml`: the project's rule levels, excludes and per-path overrides, shared by the CLI
// and the editor. Invalid content becomes diagnostics in that file; it never throws.
//
//   rules:
//     no-wildcard-iam-action: error
//     require-function-tracing: off
//   exclude:
//     - legacy/**
//   overrides:
//     - files: ["test/**"]
//       rules:
//         no-event-data-in-shell: off
import { parseConfigText } from './config/parse.js';
import { Val } from './config/val.js';
import { RULE_LEVELS, type OverrideInput, type RuleLevel, type SettingsInput } from './settings.js';
import { ENGINE_CODES, type Finding, type Span } from './types.js';
import { globProblem } from './util/glob.js';

export const PROJECT_CONFIG_NAMES = ['.faasguard.yml', '.faasguard.yaml'];

export interface ProjectConfig {
  settings: SettingsInput;
  problems: Finding[];
}

export function parseProjectConfig(file: string, text: string, knownRules: ReadonlySet<string>): ProjectConfig {
  const problems: Finding[] = [];
  const problem = (span: Span, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ ruleId: ENGINE_CODES.projectConfigError, category: 'internal', severity, span, message });
  const doc = parseConfigText(file, text);
  if (doc.error) {
    problem({ file, start: doc.error.start, end: doc.error.end }, `${doc.error.message} FaaSGuard uses its defaults until this is fixed.`);
    return { settings: {}, problems };
  }
  const root = Val.root(doc);
  const settings: SettingsInput = {};
  if (!root || root.kind === 'null') return { settings, problems };
  if (root.kind !== 'map') {
    problem(root.span, 'The FaaSGuard config must be a mapping with `rules`, `exclude` and `overrides`.');
    return { settings, problems };
  }
  const readRules = (v: Val): Record<string, RuleLevel> => {
    const out: Record<string, RuleLevel> = {};
    if (v.kind !== 'map') {
      problem(v.span, '`rules` must map rule ids to off, info, warning or error.');
      return out;
    }
    for (const e of v.entries()) {
      const level = e.val.str()?.toLowerCase();
      if (!knownRules.has(e.key)) problem(e.keySpan, `Unknown rule: ${e.key}. Run \`faasguard rules\` for the list.`, 'warning');
      else if (!level || !(RULE_LEVELS as readonly string[]).includes(level)) problem(e.val.span, `The level of ${e.key} must be off, info, warning or error.`);
      else out[e.key] = level as RuleLevel;
    }
    return out;
  };
  const readGlobs = (v: Val, what: string): string[] => {
    const items = v.kind === 'seq' ? v.items() : [v];
    const out: string[] = [];
    for (const it of items) {
      const s = it.str();
      const invalid = s !== undefined ? globProblem(s.trim().replace(/^\.\//, '')) : undefined;
      if (s === undefined || s.trim() === '') problem(it.span, `${what} must be a list of glob patterns.`);
      else if (invalid) problem(it.span, `Invalid glob pattern ${JSON.stringify(s)}: ${invalid}. It is ignored; the rest of the config applies.`);
      else out.push(s);
    }
    return out;
  };
  for (const e of root.entries()) {
    switch (e.key) {
      case 'rules':
        settings.rules = readRules(e.val);
        break;
      case 'exclude':
        settings.exclude = readGlobs(e.val, '`exclude`');
        break;
      case 'overrides': {
        const list: OverrideInput[] = [];
        if (e.val.kind !== 'seq') {
          problem(e.val.span, '`overrides` must be a list of `{ files, rules }` entries.');
          break;
        }
        for (const o of e.val.items()) {
          const files = o.get('files');
          const rules = o.get('rules');
          if (!files || !rules) {
            problem(o.span, 'Each override needs `files` (globs) and `rules`.');
            continue;
          }
          list.push({ files: readGlobs(files, '`files`'), rules: readRules(rules) });
        }
        settings.overrides = list;
        break;
      }
      default:
        problem(e.keySpan, `Unknown key ${e.key}: the FaaSGuard config has rules, exclude and overrides.`);
    }
  }
  return { settings, problems };
}

/** Editor settings add to the project's: their rule levels win, their excludes are added. */
export function mergeSettings(project: SettingsInput, editor: SettingsInput): SettingsInput {
  return {
    rules: { ...(project.rules ?? {}), ...(editor.rules ?? {}) },
    exclude: [...(project.exclude ?? []), ...(editor.exclude ?? [])],
    overrides: [...(project.overrides ?? []), ...(editor.overrides ?? [])],
  };
}
