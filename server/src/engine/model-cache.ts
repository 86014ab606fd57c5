// The model cache: which inputs a model is built from (configs, Terraform folders, CDK apps and what
// building read), and the model rules' findings on it, kept per rule with the code files each rule
// read. A keystroke in a handler never rebuilds the model: only the model rules that read that
// handler run again, on the same model, and their code-derived facts (AWS calls, authentication
// evidence) are cached per code file version, so only that file's are derived again.
import * as path from 'node:path';
import type { FileHost } from './host.js';
import { buildModel, type ConfigSource } from './model/build.js';
import type { AppModel, ConfigModel } from './model/types.js';
import type { ModelRule } from './rule.js';
import type { Finding } from './types.js';
import { runModelRules } from './runner.js';
import type { CodeFile } from './code/types.js';
import type { ParseCache } from './parse-cache.js';
import { fileRole } from './workspace.js';
import type { HclFile } from './config/terraform/hcl.js';
import { terraformSources } from './model/terraform.js';
import { cdkSources } from './model/cdk-sources.js';
import { groupByFile } from './finding-sets.js';
import { relocateGenerated } from './model/cdk-out.js';
import { shiftFindings, touchesFile, type TextShift } from './shift.js';

/** One model rule's findings, and the files (handlers) it read, with their versions. */
interface RuleRun {
  reads: Set<string>;
  key: string;
  findings: Finding[];
  /** A rule that reads code, once it ran again on the same model: its runs config by config. */
  byConfig?: Map<ConfigModel, RuleRun>;
}

export interface ModelState {
  /** Configs, and the files building the model read (`keyFiles`), with their versions. */
  key: string;
  keyFiles: Set<string>;
  model: AppModel;
  byRule: Map<string, RuleRun>;
  /** Every file a model rule read, with their versions. */
  ruleReads: Set<string>;
  ruleKey: string;
  findings: Map<string, Finding[]>;
}

export interface ModelInputs {
  root: string;
  host: FileHost;
  parsed: ParseCache;
  files: readonly string[];
  fileSet: ReadonlySet<string>;
  isInRoot(file: string): boolean;
}

/** The versions of some files, as one key. */
export function readKey(host: FileHost, files: Iterable<string>): string {
  return [...files].sort().map((f) => `${f}@${host.version(f)}`).join('|');
}

/** The model's sources, and its cache key given the other files building it read. */
export function modelSources(inp: ModelInputs, base: string[]): { sources: ConfigSource[]; tfDirs: Map<string, HclFile[]>; key: (read: Set<string>) => string } {
  const { host, parsed, files, fileSet } = inp;
  const sources: ConfigSource[] = [];
  for (const f of files) {
    if (fileRole(f) !== 'data') continue;
    const d = parsed.doc(f);
    if (d.doc && d.format) {
      sources.push({ doc: d.doc, format: d.format });
      base.push(`${f}@${d.version}`);
    }
  }
  // Terraform: a folder of `.tf` files is one configuration (local modules are read by their caller).
  const tfDirs = new Map<string, HclFile[]>();
  for (const f of files) {
    if (fileRole(f) !== 'terraform') continue;
    const h = parsed.hcl(f);
    base.push(`${f}@${h.version}`);
    if (h.hcl) (tfDirs.get(path.dirname(f)) ?? tfDirs.set(path.dirname(f), []).get(path.dirname(f))!).push(h.hcl);
  }
  sources.push(...terraformSources(tfDirs));
  // CDK: an app is the folder of a `cdk.json` whose `app` names a TypeScript or JavaScript entry file.
  sources.push(...cdkSources(files, fileSet, host, parsed, base));
  // The key also covers every other file building the model read: `${file()}` includes, CDK app code.
  const configSet = new Set(sources.map((s) => s.doc.file));
  const key = (read: Set<string>) => [...base, ...[...read].filter((f) => !configSet.has(f)).sort().map((f) => `${f}@${host.version(f)}`)].join('|');
  return { sources, tfDirs, key };
}

/** Builds the model; nothing outside the root is read. */
export function buildAppModel(inp: ModelInputs, sources: ConfigSource[], tfDirs: Map<string, HclFile[]>): AppModel {
  const { host, parsed, isInRoot, root } = inp;
  const exists = (f: string) => host.version(f) !== undefined;
  const terraform = { dirFiles: (dir: string) => tfDirs.get(dir) ?? [], readFile: (f: string) => (isInRoot(f) ? host.readFile(f) : undefined), exists: (f: string) => isInRoot(f) && exists(f), root };
  const cdk = {
    load: (f: string) => {
      const code = isInRoot(f) && fileRole(f) === 'js' ? parsed.code(f) : undefined;
      return code?.sf ? { file: f, sf: code.sf } : undefined;
    },
    exists: (f: string) => isInRoot(f) && exists(f),
    root,
  };
  const cdkPy = {
    load: (f: string) => {
      const code = isInRoot(f) && fileRole(f) === 'python' ? parsed.code(f) : undefined;
      return code?.py ? { file: f, text: code.text, py: code.py } : undefined;
    },
    exists: (f: string) => isInRoot(f) && exists(f),
    root,
  };
  return buildModel(sources, { load: parsed.include, exists, terraform, cdk, cdkPy, inRoot: isInRoot });
}

export interface RuleRunContext {
  host: FileHost;
  stats: { modelRuleRuns: number };
  rules: ModelRule[];
  loadCode(file: string): CodeFile | undefined;
}

/**
 * Runs the model rules on a model. On the same model as before, only the rules that read a code
 * file that changed since run again; a file whose findings did not change keeps the same array
 * (so that the caches downstream hold).
 */
export function runModelRulesIncrementally(ctx: RuleRunContext, key: string, model: AppModel, previous?: ModelState): ModelState {
  const byRule = new Map<string, RuleRun>();
  // The files whose model findings may have changed (all of them without a previous run).
  const dirty = previous ? new Set<string>() : undefined;
  const touch = (list: Finding[] | undefined) => {
    for (const f of list ?? []) dirty?.add(f.span.file);
  };
  for (const rule of ctx.rules) {
    const before = previous?.byRule.get(rule.id);
    if (before && before.key === readKey(ctx.host, before.reads)) {
      byRule.set(rule.id, before);
      continue;
    }
    if (before) {
      // The same model, and code this rule read changed: run it again only on the configs whose
      // functions read that code. (Model rules judge one config at a time: the rules' findings on
      // the corpus are the same run on the whole model and config by config.)
      const run = rerunByConfig(ctx, rule, model, before);
      for (const [c, r] of run.byConfig!) {
        if (before.byConfig?.get(c) === r) continue;
        touch(r.findings);
        touch(before.byConfig?.get(c)?.findings ?? (before.byConfig ? [] : before.findings));
      }
      // And whatever else differs (findings moved from a synthesized template to the CDK app's source).
      const was = new Set(before.findings);
      const now = new Set(run.findings);
      touch(run.findings.filter((f) => !was.has(f)));
      touch(before.findings.filter((f) => !now.has(f)));
      byRule.set(rule.id, run);
      continue;
    }
    const run = runRule(ctx, rule, model);
    touch(run.findings);
    byRule.set(rule.id, run);
  }
  const all = [...byRule.values()].flatMap((r) => r.findings);
  const findings = dirty ? new Map(previous!.findings) : groupByFile(all);
  if (dirty) {
    for (const f of dirty) findings.delete(f);
    for (const [file, list] of groupByFile(all.filter((f) => dirty.has(f.span.file)))) findings.set(file, list);
  }
  for (const [file, list] of findings) {
    if (dirty && !dirty.has(file)) continue;
    const before = previous?.findings.get(file);
    if (before && before !== list && sameFindings(before, list)) findings.set(file, before);
  }
  const ruleReads = new Set([...byRule.values()].flatMap((r) => [...r.reads]));
  return { key, keyFiles: new Set(model.filesRead), model, byRule, ruleReads, ruleKey: readKey(ctx.host, ruleReads), findings };
}

function runRule(ctx: RuleRunContext, rule: ModelRule, model: AppModel): RuleRun {
  ctx.stats.modelRuleRuns++;
  const reads = new Set<string>();
  const findings = runModelRules([rule], model, ctx.host, { loadCode: ctx.loadCode, reads });
  return { reads, key: readKey(ctx.host, reads), findings: relocateGenerated(findings, model) };
}

function rerunByConfig(ctx: RuleRunContext, rule: ModelRule, model: AppModel, before: RuleRun): RuleRun {
  const byConfig = new Map<ConfigModel, RuleRun>();
  for (const c of model.configs) {
    const last = before.byConfig?.get(c);
    if (last && last.key === readKey(ctx.host, last.reads)) byConfig.set(c, last);
    else {
      ctx.stats.modelRuleRuns++;
      const reads = new Set<string>();
      const findings = runModelRules([rule], configView(model, c), ctx.host, { loadCode: ctx.loadCode, reads });
      byConfig.set(c, { reads, key: readKey(ctx.host, reads), findings });
    }
  }
  const runs = [...byConfig.values()];
  const reads = new Set(runs.flatMap((r) => [...r.reads]));
  return { reads, key: readKey(ctx.host, reads), findings: relocateGenerated(runs.flatMap((r) => r.findings), model), byConfig };
}

const views = new WeakMap<ConfigModel, AppModel>();

/** The model as one config sees it (every part of the model is the concatenation of its configs' parts). */
function configView(model: AppModel, c: ConfigModel): AppModel {
  let v = views.get(c);
  if (!v) {
    v = { configs: [c], functions: c.functions, roles: c.roles, resourcePolicies: c.resourcePolicies, routes: c.routes ?? [], authorizers: c.authorizers ?? [], buckets: c.buckets ?? [], cors: c.cors ?? [], trustPolicies: c.trustPolicies ?? [], keyPolicies: c.keyPolicies ?? [], notes: model.notes, filesRead: model.filesRead };
    views.set(c, v);
  }
  return v;
}

/** The same findings (model rule results are plain data: spans, messages, fixes). */
function sameFindings(a: Finding[], b: Finding[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** `readKey` as it was when `file` was at `version`. */
function readKeyAt(host: FileHost, files: Iterable<string>, file: string, version: string): string {
  return [...files].sort().map((f) => `${f}@${f === file ? version : host.version(f)}`).join('|');
}

/**
 * The model rules' findings moved through an edit of `file` that did not change what its code means
 * (the runs that read it at version `from` now hold for its current version). A run with a finding
 * the edit touches is left as it was: it runs again. Undefined when nothing could be moved.
 */
export function rebaseModelState(state: ModelState, host: FileHost, file: string, from: string, s: TextShift, memo: Map<Finding, Finding | null>): ModelState | undefined {
  // The model itself read the file (CDK app code): it is built again anyway.
  if (state.keyFiles.has(file)) return undefined;
  const moveRun = (run: RuleRun): RuleRun => {
    if (!run.reads.has(file) || run.key !== readKeyAt(host, run.reads, file, from)) return run;
    const findings = shiftFindings(run.findings, s, memo);
    if (!findings) return run;
    const byConfig = run.byConfig ? new Map([...run.byConfig].map(([c, r]) => [c, moveRun(r)])) : undefined;
    return { reads: run.reads, key: readKey(host, run.reads), findings, ...(byConfig ? { byConfig } : {}) };
  };
  let moved = false;
  const byRule = new Map<string, RuleRun>();
  for (const [id, run] of state.byRule) {
    const next = moveRun(run);
    if (next !== run) moved = true;
    byRule.set(id, next);
  }
  if (!moved) return undefined;
  const findings = new Map(state.findings);
  for (const [f, list] of findings) {
    if (!touchesFile(list, file)) continue;
    const next = shiftFindings(list, s, memo);
    if (next) findings.set(f, next);
  }
  const ruleKey = state.ruleKey === readKeyAt(host, state.ruleReads, file, from) ? readKey(host, state.ruleReads) : state.ruleKey;
  return { ...state, byRule, findings, ruleKey };
}
