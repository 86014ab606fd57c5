// The engine: discovers files, parses and caches them, builds the model, runs the rules, applies
// suppressions and settings. The CLI and the language server are thin adapters over this class.
// Caching makes one keystroke in a handler re-analyse that handler only, and one keystroke in a
// config re-run the config rules plus the code rules of the handlers whose context changed.
import * as path from 'node:path';
import type { FileHost } from './host.js';
import { hashText, MAX_FILE_BYTES } from './host.js';
import { buildModel, type ConfigSource } from './model/build.js';
import type { AppModel } from './model/types.js';
import type { CodeRule, ModelRule, Rule } from './rule.js';
import { discover, fileRole, toRel } from './workspace.js';
import { ENGINE_CODES, type Finding } from './types.js';
import { LineIndex } from './util/lines.js';
import { applySuppressions, ignoreFix, parseSuppressions, type Suppression } from './suppress.js';
import { runCodeRules, runModelRules } from './runner.js';
import type { CodeFile } from './code/types.js';
import { ParseCache } from './parse-cache.js';
import { pythonParseProblem } from './code/parse.js';
import { bindHandlers, handlerSignature } from './code/bindings.js';
import { Settings, type SettingsInput } from './settings.js';
import { mergeSettings, parseProjectConfig, PROJECT_CONFIG_NAMES, type ProjectConfig } from './project-config.js';
import { GlobSet } from './util/glob.js';
import { statementHover } from './iam/statement-hover.js';
import { VendoredFiles } from './code/vendored.js';
import type { HclFile } from './config/terraform/hcl.js';
import { terraformSources } from './model/terraform.js';
import { cdkEntry } from './model/cdk.js';
import { relocateGenerated } from './model/cdk-out.js';
import { inlineCodeFindings } from './code/inline.js';
import { makeDoc } from './config/synthetic.js';

export interface EngineOptions {
  root: string;
  host: FileHost;
  rules: readonly Rule[];
  /** Settings that add to the project's `.faasguard.yml` (editor settings). */
  settings?: SettingsInput;
  /** An explicit project config file; by default `.faasguard.yml` at the root, when present. */
  projectConfig?: string;
}

interface CodeResult {
  key: string;
  findings: Finding[];
  /** Local modules the analysis read, with their versions at the time. */
  deps: Map<string, string | undefined>;
}

export interface ScanProgress {
  (done: number, total: number, file?: string): void;
}

export class Engine {
  readonly root: string;
  readonly host: FileHost;
  readonly rules: readonly Rule[];
  readonly ruleIds: ReadonlySet<string>;
  settings: Settings;

  private extra: SettingsInput;
  private readonly projectConfigPath?: string;
  private project?: { file: string; version: string; config: ProjectConfig };
  private files: string[] = [];
  private fileSet = new Set<string>();
  private fileListKey = '';
  private tooLarge = new Map<string, number>();
  private readonly codeResults = new Map<string, CodeResult>();
  /** Reverse of the code results' deps: module -> the files whose analysis read it. */
  private readonly readBy = new Map<string, Set<string>>();
  private modelState?: { key: string; model: AppModel; findings: Map<string, Finding[]> };
  /** Work counters, so that tests and benchmarks can check what a change re-analysed. */
  readonly stats = { modelBuilds: 0, codeAnalyses: 0, parses: 0 };
  private readonly parsed: ParseCache;
  /** Library copies, bundles and generated files: skipped by the code rules, with one note each. */
  private readonly vendored: VendoredFiles;

  constructor(opts: EngineOptions) {
    this.root = path.resolve(opts.root);
    this.host = opts.host;
    this.rules = opts.rules;
    this.ruleIds = new Set(opts.rules.map((r) => r.id));
    this.parsed = new ParseCache(opts.host, this.stats);
    this.vendored = new VendoredFiles(this.root, opts.host);
    this.extra = opts.settings ?? {};
    this.projectConfigPath = opts.projectConfig ? path.resolve(opts.projectConfig) : undefined;
    this.settings = new Settings(this.extra);
    this.refreshSettings();
  }

  /** Editor settings, on top of `.faasguard.yml`. */
  setSettings(input: SettingsInput): void {
    this.extra = input;
    this.project = undefined;
    this.refreshSettings();
  }

  /** The project config file in use, if any. */
  get projectConfigFile(): string | undefined {
    if (this.projectConfigPath) return this.projectConfigPath;
    return PROJECT_CONFIG_NAMES.map((n) => path.join(this.root, n)).find((f) => this.host.version(f) !== undefined);
  }

  /** Re-reads `.faasguard.yml` when it changed; returns true when the effective settings changed. */
  refreshSettings(): boolean {
    const file = this.projectConfigFile;
    const version = file ? this.host.version(file) : undefined;
    if (this.project && this.project.file === file && this.project.version === version) return false;
    const text = file ? this.host.readFile(file) : undefined;
    const config: ProjectConfig = file && text !== undefined ? parseProjectConfig(file, text, this.ruleIds) : { settings: {}, problems: [] };
    this.project = file && version ? { file, version, config } : undefined;
    const next = new Settings(mergeSettings(config.settings, this.extra));
    if (next.key === this.settings.key) return false;
    this.settings = next;
    this.modelState = undefined;
    this.codeResults.clear();
    this.readBy.clear();
    return true;
  }

  /** Walks the workspace for candidate files. Call again when files are created or deleted. */
  discover(isCancelled?: () => boolean): string[] {
    this.refreshSettings();
    const d = discover(this.root, this.host, new GlobSet(this.settings.exclude), isCancelled);
    this.vendored.reset();
    this.files = d.files;
    this.fileSet = new Set(d.files);
    this.fileListKey = hashText(d.files.join('\n'));
    this.tooLarge = new Map(d.tooLarge.map((t) => [t.file, t.size]));
    return this.files;
  }

  get knownFiles(): readonly string[] {
    return this.files;
  }

  /** Adds a file the editor opened that discovery did not list (for example, created since). */
  addFile(file: string): void {
    const f = path.resolve(file);
    if (!this.fileSet.has(f) && fileRole(f) && this.isInRoot(f) && !this.isExcluded(f)) {
      this.files.push(f);
      this.fileSet.add(f);
      this.fileListKey = hashText(this.files.join('\n'));
    }
  }

  isInRoot(file: string): boolean {
    const rel = path.relative(this.root, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  isExcluded(file: string): boolean {
    return new GlobSet(this.settings.exclude).matches(toRel(this.root, file));
  }

  /** A parsed code file (cached by version). */
  loadCode(file: string): CodeFile | undefined {
    return this.parsed.code(file);
  }

  // ---- the model (rebuilt only when a config or an include changed) ----

  private configFiles(): string[] {
    return this.files.filter((f) => fileRole(f) === 'data');
  }

  model(): { model: AppModel; findings: Map<string, Finding[]> } {
    this.refreshSettings();
    const sources: ConfigSource[] = [];
    // Creating or deleting a file can change which handler a config names.
    const base: string[] = [this.settings.key, this.fileListKey];
    for (const f of this.configFiles()) {
      const d = this.parsed.doc(f);
      if (d.doc && d.format) {
        sources.push({ doc: d.doc, format: d.format });
        base.push(`${f}@${d.version}`);
      }
    }
    // Terraform: a folder of `.tf` files is one configuration (local modules are read by their caller).
    const tfDirs = new Map<string, HclFile[]>();
    for (const f of this.files) {
      if (fileRole(f) !== 'terraform') continue;
      const h = this.parsed.hcl(f);
      base.push(`${f}@${h.version}`);
      if (h.hcl) (tfDirs.get(path.dirname(f)) ?? tfDirs.set(path.dirname(f), []).get(path.dirname(f))!).push(h.hcl);
    }
    sources.push(...terraformSources(tfDirs));
    // CDK: an app is the folder of a `cdk.json` whose `app` names a TypeScript or JavaScript entry file.
    for (const f of this.files) {
      if (path.basename(f) !== 'cdk.json') continue;
      const text = this.host.readFile(f);
      base.push(`${f}@${this.host.version(f)}`);
      const entry = text !== undefined ? cdkEntry(path.dirname(f), text) : undefined;
      if (!entry || !this.fileSet.has(entry)) continue;
      sources.push({ doc: makeDoc(entry, '', 'ts'), format: 'cdk', cdk: { dir: path.dirname(f), entry } });
      // `cdk.out` (not discovered: it is build output) holds the templates the app synthesized.
      const out = path.join(path.dirname(f), 'cdk.out');
      for (const e of this.host.readDir(out)) {
        if (!e.isFile || !e.name.endsWith('.template.json')) continue;
        const t = path.join(out, e.name);
        const d = this.parsed.doc(t);
        base.push(`${t}@${d.version}`);
        if (d.doc && d.format === 'cloudformation') sources.push({ doc: d.doc, format: d.format, generatedBy: entry });
      }
    }
    // The key also covers every other file the model and its rules read: `${file()}` includes, and
    // handlers that a config rule looked at.
    const configSet = new Set(sources.map((s) => s.doc.file));
    const keyOf = (read: Set<string>) => [...base, ...[...read].filter((f) => !configSet.has(f)).sort().map((f) => `${f}@${this.host.version(f)}`)].join('|');
    if (this.modelState && this.modelState.key === keyOf(this.modelState.model.filesRead)) return this.modelState;
    this.stats.modelBuilds++;
    const exists = (f: string) => this.host.version(f) !== undefined;
    const inRoot = (f: string) => this.isInRoot(f);
    const terraform = { dirFiles: (dir: string) => tfDirs.get(dir) ?? [], readFile: (f: string) => (inRoot(f) ? this.host.readFile(f) : undefined), exists: (f: string) => inRoot(f) && exists(f), root: this.root };
    const cdk = {
      load: (f: string) => {
        const code = inRoot(f) && fileRole(f) === 'js' ? this.parsed.code(f) : undefined;
        return code?.sf ? { file: f, sf: code.sf } : undefined;
      },
      exists: (f: string) => inRoot(f) && exists(f),
      root: this.root,
    };
    const model = buildModel(sources, { load: this.parsed.include, exists, terraform, cdk });
    const modelRules = this.rules.filter((r): r is ModelRule => r.scope === 'model' && this.settings.enabled(r.id));
    const findings = relocateGenerated(runModelRules(modelRules, model, this.host, { loadCode: (f) => (this.isInRoot(f) && !this.isExcluded(f) ? this.loadCode(f) : undefined) }), model);
    this.modelState = { key: keyOf(model.filesRead), model, findings: groupByFile(findings) };
    return this.modelState;
  }

  // ---- code findings (cached per file by version, handler context and local imports) ----

  private codeFindings(file: string, model: AppModel): Finding[] {
    const code = this.loadCode(file);
    if (!code || this.vendored.reason(file, model)) return [];
    const bindings = bindHandlers(code, model);
    const version = this.host.version(file);
    const key = `${version}|${handlerSignature(bindings)}|${this.settings.key}`;
    const cached = this.codeResults.get(file);
    if (cached && cached.key === key && [...cached.deps].every(([f, v]) => this.host.version(f) === v)) return cached.findings;
    this.stats.codeAnalyses++;
    const deps = new Map<string, string | undefined>();
    const rules = this.rules.filter((r): r is CodeRule => r.scope === 'code' && r.languages.includes(code.language) && this.settings.enabled(r.id));
    const findings = runCodeRules(rules, code, bindings, model, this.host, (f) => {
      deps.set(f, this.host.version(f));
      return this.loadCode(f);
    });
    for (const d of cached?.deps.keys() ?? []) this.readBy.get(d)?.delete(file);
    for (const d of deps.keys()) (this.readBy.get(d) ?? this.readBy.set(d, new Set()).get(d)!).add(file);
    this.codeResults.set(file, { key, findings, deps });
    return findings;
  }

  /** Markdown for a hover at a position of the config that is not a finding (a grant: who uses it). */
  hoverAt(file: string, offset: number): string | undefined {
    const { model } = this.model();
    return statementHover(model, path.resolve(file), offset, (f) => (this.isInRoot(f) && !this.isExcluded(f) ? this.loadCode(f) : undefined));
  }

  // ---- public analysis entry points ----

  /** Findings for the given files (absolute paths), with suppressions and settings applied. */
  analyze(files: readonly string[]): Map<string, Finding[]> {
    const { model, findings: modelFindings } = this.model();
    const out = new Map<string, Finding[]>();
    for (const raw of files) {
      const file = path.resolve(raw);
      out.set(file, this.fileFindings(file, model, modelFindings));
    }
    return out;
  }

  /** Findings for every file of the workspace that has any. */
  analyzeWorkspace(progress?: ScanProgress, isCancelled?: () => boolean): { results: Map<string, Finding[]>; cancelled: boolean; fileCount: number } {
    const steps = this.scanSteps();
    for (;;) {
      const r = steps.next();
      if (r.done) return { ...r.value, cancelled: false };
      if (isCancelled?.()) return { results: new Map(), cancelled: true, fileCount: r.value.total };
      progress?.(r.value.done, r.value.total, r.value.file);
    }
  }

  /**
   * The workspace scan as steps, so that a caller (the language server) can yield between files,
   * report progress and stop when cancelled.
   */
  *scanSteps(): Generator<{ done: number; total: number; file?: string }, { results: Map<string, Finding[]>; fileCount: number }> {
    this.discover();
    const { model, findings: modelFindings } = this.model();
    const list = [...new Set<string>([...this.files, ...modelFindings.keys(), ...this.tooLarge.keys()])].sort();
    const results = new Map<string, Finding[]>();
    const total = list.length * 2;
    let done = 0;
    // First pass: analyse every code file, so that cross-file flows are known before grouping.
    for (const file of list) {
      yield { done: done++, total, file };
      const role = fileRole(file);
      if ((role === 'js' || role === 'python') && !this.tooLarge.has(file)) this.codeFindings(file, model);
    }
    for (const file of list) {
      yield { done: done++, total, file };
      const f = this.fileFindings(file, model, modelFindings);
      if (f.length > 0) results.set(file, f);
    }
    return { results, fileCount: this.files.length };
  }

  private fileFindings(file: string, model: AppModel, modelFindings: Map<string, Finding[]>): Finding[] {
    const size = this.tooLarge.get(file) ?? this.host.size(file);
    if (size !== undefined && size > MAX_FILE_BYTES) {
      return [{
        ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'info', span: { file, start: 0, end: 0 },
        message: `This file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 2 MB limit: FaaSGuard does not analyse it.`,
      }];
    }
    const role = fileRole(file);
    if (this.project && file === this.project.file) return this.project.config.problems;
    let own: Finding[] = [];
    if (role === 'data' || role === 'terraform') {
      const d = role === 'data' ? this.parsed.doc(file) : this.parsed.hcl(file);
      if (d.problem) return this.settings.isExcludedFile(toRel(this.root, file)) ? [] : [d.problem];
    } else if (role === 'js' || role === 'python') {
      if (this.parsed.isBinary(file)) {
        return [{ ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'info', span: { file, start: 0, end: 0 }, message: 'This file contains binary data: FaaSGuard does not analyse it.' }];
      }
      const vendored = this.vendored.note(file, model);
      if (vendored) return [vendored];
      const code = role === 'python' ? this.loadCode(file) : undefined;
      const problem = code ? pythonParseProblem(code) : undefined;
      if (problem) return [{ ruleId: ENGINE_CODES.parseError, category: 'internal', severity: 'error', message: problem.message, span: { file, start: problem.start, end: problem.end } }];
      own = this.codeFindings(file, model);
    }
    // Cross-file flows: a handler that calls into this module may report a sink here.
    const fromOthers: Finding[][] = [];
    for (const other of this.dependents(file)) fromOthers.push(this.codeFindings(other, model));
    // Nothing this file's findings come from changed: the same result (and the same array) as before.
    const inputs: unknown[] = [this.modelState, own, ...fromOthers, this.host.version(file), this.settings.key];
    const cached = this.finished.get(file);
    if (cached && cached.inputs.length === inputs.length && cached.inputs.every((x, i) => x === inputs[i])) return cached.findings;
    const findings: Finding[] = [...own, ...fromOthers.flat()].filter((f) => f.span.file === file);
    findings.push(...(modelFindings.get(file) ?? []));
    const codeRules = this.rules.filter((r): r is CodeRule => r.scope === 'code' && this.settings.enabled(r.id));
    findings.push(...inlineCodeFindings(file, model, codeRules, this.host, this.settings.key));
    for (const note of model.notes) if (note.span.file === file) findings.push({ ruleId: ENGINE_CODES.modelNote, category: 'internal', severity: 'info', span: note.span, message: note.message });
    const result = this.finish(file, onePerSpan(findings));
    this.finished.set(file, { inputs, findings: result });
    return result;
  }

  /** Code files whose analysis read `file` (a local module they import), among the known files. */
  private dependents(file: string): string[] {
    return [...(this.readBy.get(file) ?? [])].filter((other) => other !== file && this.fileSet.has(other));
  }

  private readonly finished = new Map<string, { inputs: unknown[]; findings: Finding[] }>();
  private readonly textInfos = new Map<string, { version: string | undefined; lines: LineIndex; suppressions: Suppression[] }>();

  /** Line index and suppression comments of a file, cached by version. */
  private textInfo(file: string, text: string): { lines: LineIndex; suppressions: Suppression[] } {
    const version = this.host.version(file);
    const cached = this.textInfos.get(file);
    if (cached && cached.version === version && cached.lines.text === text) return cached;
    const lines = new LineIndex(text);
    const info = { version, lines, suppressions: parseSuppressions(file, lines) };
    this.textInfos.set(file, info);
    return info;
  }

  /** Severity settings, suppressions and the "ignore" fix. */
  private finish(file: string, findings: Finding[]): Finding[] {
    const rel = toRel(this.root, file);
    const text = this.host.readFile(file);
    const configured: Finding[] = [];
    for (const f of findings) {
      if (f.category === 'internal') {
        configured.push(f);
        continue;
      }
      const sev = this.settings.severityFor(f.ruleId, rel, f.severity);
      if (sev === 'off') continue;
      configured.push({ ...f, severity: sev });
    }
    if (text === undefined) return configured;
    const { lines, suppressions } = this.textInfo(file, text);
    const sups = suppressions.map((x) => ({ ...x, used: false }));
    const ran = new Set(this.rules.filter((r) => this.settings.severityFor(r.id, rel, r.meta.severity) !== 'off').map((r) => r.id));
    const meta = sups.length > 0 ? applySuppressions(configured, sups, lines, this.ruleIds, ran) : [];
    for (const f of configured) {
      if (f.category === 'internal' || f.suppressed) continue;
      const fix = ignoreFix(f, lines);
      if (fix) f.fixes = [...(f.fixes ?? []), fix];
    }
    return [...configured, ...meta].sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  }
}

/** One finding per rule and span: a sink reached from several handlers is reported once. */
function onePerSpan(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.span.start}|${f.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = m.get(f.span.file);
    if (list) list.push(f);
    else m.set(f.span.file, [f]);
  }
  return m;
}
