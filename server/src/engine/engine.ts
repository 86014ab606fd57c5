// The engine: discovers files, parses and caches them, builds the model, runs the rules, applies
// suppressions and settings. The CLI and the language server are thin adapters over this class.
// Caching makes one keystroke in a handler re-analyse that handler only, and one keystroke in a
// config re-run the config rules plus the code rules of the handlers whose context changed.
import * as path from 'node:path';
import type { LineIndex } from './util/lines.js';
import type { FileHost } from './host.js';
import { hashText, MAX_FILE_BYTES } from './host.js';
import type { AppModel } from './model/types.js';
import type { CodeRule, ModelRule, Rule } from './rule.js';
import { discover, fileRole, toRel } from './workspace.js';
import { ENGINE_CODES, type Finding } from './types.js';
import { Finisher } from './finish.js';
import type { CodeFile } from './code/types.js';
import { ParseCache } from './parse-cache.js';
import { buildAppModel, modelSources, readKey, runModelRulesIncrementally, type ModelState } from './model-cache.js';
import { nearConfigs } from './near.js';
import { pythonParseProblem } from './code/parse.js';
import { Settings, type SettingsInput } from './settings.js';
import { mergeSettings, parseProjectConfig, PROJECT_CONFIG_NAMES, type ProjectConfig } from './project-config.js';
import { GlobSet } from './util/glob.js';
import { statementHover } from './iam/statement-hover.js';
import { VendoredFiles } from './code/vendored.js';
import { aliasBudgetNote, fileSkipped, guarded } from './guard.js';
import { codeSkipNote, tooLargeNote } from './skip-notes.js';
import { RootedHost } from './rooted-host.js';
import { onePerSpan } from './finding-sets.js';
import { inlineCodeFindings } from './code/inline.js';
import { rebaseSameMeaning, type CodeResult } from './rebase.js';
import { CarryStore } from './taint/carry.js';
import { codeResultFor } from './code-results.js';

export interface EngineOptions {
  root: string;
  host: FileHost;
  rules: readonly Rule[];
  /** Settings that add to the project's `.faasguard.yml` (editor settings). */
  settings?: SettingsInput;
  /** An explicit project config file; by default `.faasguard.yml` at the root, when present. */
  projectConfig?: string;
}

export interface ScanProgress {
  (done: number, total: number, file?: string): void;
}

export class Engine {
  readonly root: string;
  readonly host: RootedHost;
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
  /** What the taint analyses of files being edited leave for their next versions (a few files). */
  private readonly carries = new CarryStore();
  /** Reverse of the code results' deps: module -> the files whose analysis read it. */
  private readonly readBy = new Map<string, Set<string>>();
  /**
   * The model, keyed by the configs and the files building it read; and the model rules' findings,
   * keyed also by the code files those rules read (handlers whose AWS calls or authentication they
   * look at). A keystroke in such a handler re-runs the model rules on the same model, whose
   * code-derived facts are cached per code file: it never rebuilds the model.
   */
  private modelState?: ModelState;
  /** Work counters, so that tests and benchmarks can check what a change re-analysed. */
  readonly stats = { modelBuilds: 0, modelRuleRuns: 0, codeAnalyses: 0, parses: 0, rebases: 0 };
  private readonly parsed: ParseCache;
  /** Library copies, bundles and generated files: skipped by the code rules, with one note each. */
  private readonly vendored: VendoredFiles;

  constructor(opts: EngineOptions) {
    this.root = path.resolve(opts.root);
    // Every read of the engine goes through the rooted host: nothing outside the workspace is read.
    this.host = new RootedHost(opts.host, this.root, new Set(opts.projectConfig ? [path.resolve(opts.projectConfig)] : []));
    this.rules = opts.rules;
    this.ruleIds = new Set(opts.rules.map((r) => r.id));
    this.parsed = new ParseCache(this.host, this.stats);
    this.vendored = new VendoredFiles(this.root, this.host);
    this.finisher = new Finisher(this.root, this.host, opts.rules, this.ruleIds);
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

  /** Runs one analysis pass over one consistent view of the disk (one stat and one read per file). */
  private pass<T>(fn: () => T): T {
    const end = this.host.snapshot?.();
    try {
      return fn();
    } finally {
      end?.();
    }
  }

  /** Walks the workspace for candidate files. Call again when files are created or deleted. */
  discover(isCancelled?: () => boolean): string[] {
    return this.pass(() => this.discoverNow(isCancelled));
  }

  private discoverNow(isCancelled?: () => boolean): string[] {
    this.refreshSettings();
    this.host.reset();
    const d = discover(this.root, this.host, new GlobSet(this.settings.exclude), isCancelled);
    this.vendored.reset();
    this.files = d.files;
    this.fileSet = new Set(d.files);
    this.fileListKey = hashText(d.files.join('\n'));
    this.tooLarge = new Map(d.tooLarge.map((t) => [t.file, t.size]));
    this.discoveryNotice = d.capped
      ? `Discovery stopped at ${d.capped.limit.toLocaleString('en-US')} files: ${d.capped.dropped.toLocaleString('en-US')}${d.capped.dropped === 1 ? ' or more' : ''} more candidate files were not analysed (folders with a deployment config came first). Exclude bulk data in .faasguard.yml to analyse the rest.`
      : undefined;
    this.forgetGone();
    return this.files;
  }

  private discoveryNotice?: string;

  /** Caps that dropped work for the workspace as a whole (not one file): each said once by the CLI and in SARIF. */
  get notices(): string[] {
    return this.discoveryNotice ? [this.discoveryNotice] : [];
  }

  /** Drops what is kept for files that were deleted or are outside the root (one record each, no leak). */
  private forgetGone(): void {
    const gone = (f: string) => !this.fileSet.has(f) && (!this.isInRoot(f) || this.host.version(f) === undefined);
    for (const f of this.parsed.files()) if (gone(f)) this.parsed.forget(f);
    for (const map of [this.codeResults, this.readBy, this.finished]) for (const f of [...map.keys()]) if (gone(f)) map.delete(f);
    this.finisher.forgetWhere(gone);
    this.carries.forgetWhere(gone);
  }

  get knownFiles(): readonly string[] {
    return this.files;
  }

  /** The line index the last findings of a file were placed with (kept for files with findings), for reports. */
  linesOf(file: string): LineIndex | undefined {
    return this.finisher.linesOf(file);
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

  model(): { model: AppModel; findings: Map<string, Finding[]> } {
    return this.pass(() => this.modelNow());
  }

  private modelNow(): { model: AppModel; findings: Map<string, Finding[]> } {
    this.refreshSettings();
    // Creating or deleting a file can change which handler a config names.
    const inputs = { root: this.root, host: this.host, parsed: this.parsed, files: this.files, fileSet: this.fileSet, isInRoot: (f: string) => this.isInRoot(f) && this.host.inside(f) };
    const { sources, tfDirs, key } = modelSources(inputs, [this.settings.key, this.fileListKey]);
    const state = this.modelState;
    if (state && state.key === key(state.keyFiles)) {
      // Files read since the key was taken (a value read lazily, `${file()}` resolved when a rule
      // asked for it) join the key as they are now.
      if (state.model.filesRead.size !== state.keyFiles.size) {
        state.keyFiles = new Set(state.model.filesRead);
        state.key = key(state.keyFiles);
      }
      // The same model. Its rules re-run only when a code file they read changed (and not when
      // the change is one of comments or layout: their findings are moved through it).
      if (state.ruleKey === readKey(this.host, state.ruleReads)) return state;
      for (const f of state.ruleReads) if (this.parsed.parsedVersion(f) !== undefined && this.parsed.parsedVersion(f) !== this.host.version(f)) this.rebase(f);
      if (this.modelState !== state) return this.modelNow();
      const next = this.runModelRules(state.key, state.model, state);
      this.modelState = { ...next, keyFiles: new Set(state.model.filesRead), key: key(state.model.filesRead) };
      return this.modelState;
    }
    this.stats.modelBuilds++;
    const model = buildAppModel(inputs, sources, tfDirs);
    const next = this.runModelRules('', model);
    this.modelState = { ...next, keyFiles: new Set(model.filesRead), key: key(model.filesRead) };
    return this.modelState;
  }

  private runModelRules(key: string, model: AppModel, previous?: ModelState): ModelState {
    const rules = this.rules.filter((r): r is ModelRule => r.scope === 'model' && this.settings.enabled(r.id));
    const exclude = new GlobSet(this.settings.exclude);
    const loadCode = (f: string) => (this.isInRoot(f) && !exclude.matches(toRel(this.root, f)) ? this.loadCode(f) : undefined);
    return runModelRulesIncrementally({ host: this.host, stats: this.stats, rules, loadCode }, key, model, previous);
  }

  // ---- code findings (cached per file by version, handler context and local imports) ----

  private codeFindings(file: string, model: AppModel): Finding[] {
    const code = this.loadCode(file);
    if (!code || this.vendored.reason(file, model)) return [];
    this.rebase(file);
    const rules = this.rules.filter((r): r is CodeRule => r.scope === 'code' && r.languages.includes(code.language) && this.settings.enabled(r.id));
    const ctx = { host: this.host, codeResults: this.codeResults, readBy: this.readBy, rules, settingsKey: this.settings.key, stats: this.stats, loadCode: (f: string) => this.loadCode(f), carries: this.carries };
    return codeResultFor(ctx, code, model);
  }

  /** Results of the version before, moved through an edit that did not change what the code means (rebase.ts). */
  private rebase(file: string): void {
    const state = rebaseSameMeaning({ parsed: this.parsed, host: this.host, codeResults: this.codeResults, modelState: this.modelState, stats: this.stats }, file);
    if (state) this.modelState = state;
  }

  /** Markdown for a hover at a position of the config that is not a finding (a grant: who uses it). */
  hoverAt(file: string, offset: number): string | undefined {
    return this.pass(() => this.hoverNow(file, offset));
  }

  private hoverNow(file: string, offset: number): string | undefined {
    const { model } = this.model();
    return guarded(() => statementHover(model, path.resolve(file), offset, (f) => (this.isInRoot(f) && !this.isExcluded(f) ? this.loadCode(f) : undefined)), () => undefined);
  }

  // ---- public analysis entry points ----

  /** Findings for the given files (absolute paths), with suppressions and settings applied. */
  analyze(files: readonly string[]): Map<string, Finding[]> {
    return this.pass(() => this.analyzeNow(files));
  }

  private analyzeNow(files: readonly string[]): Map<string, Finding[]> {
    const targets = files.map((f) => path.resolve(f));
    for (const f of targets) this.rebase(f);
    const { model, findings: modelFindings } = this.model();
    // The code files' own analyses first: a handler's flow may end in another of these files, which
    // knows it from the handler's analysis (dependents()), whatever the order of `files`.
    for (const file of targets) guarded(() => this.ownCodeFindings(file, model), () => []);
    const out = new Map<string, Finding[]>();
    for (const file of targets) out.set(file, this.fileFindings(file, model, modelFindings));
    return out;
  }

  /** True once the workspace's model has been built (discovery and every config read). */
  get modelReady(): boolean {
    return this.modelState !== undefined;
  }

  /**
   * First findings for files before the workspace is indexed (no discovery, no full model): from a
   * model of the configs near them only (near.ts). Nothing is kept as the workspace's model; call
   * `analyze` for the complete findings, which may add some that need a config from elsewhere.
   */
  analyzeNear(files: readonly string[]): Map<string, Finding[]> {
    return this.pass(() => {
      this.refreshSettings();
      const targets = files.map((f) => path.resolve(f));
      const near = [...new Set([...nearConfigs(this.root, this.host, targets, new GlobSet(this.settings.exclude), (f) => this.parsed.hcl(f).hcl), ...targets])];
      const inputs = { root: this.root, host: this.host, parsed: this.parsed, files: near, fileSet: new Set(near), isInRoot: (f: string) => this.isInRoot(f) && this.host.inside(f) };
      const { sources, tfDirs, key } = modelSources(inputs, ['near']);
      const model = buildAppModel(inputs, sources, tfDirs);
      const { findings } = this.runModelRules(key(model.filesRead), model);
      return new Map(targets.map((f) => [f, this.fileFindings(f, model, findings)]));
    });
  }

  /** Findings for every file of the workspace that has any. */
  analyzeWorkspace(progress?: ScanProgress, isCancelled?: () => boolean): { results: Map<string, Finding[]>; cancelled: boolean; fileCount: number } {
    return this.pass(() => {
      const steps = this.scanSteps();
      for (;;) {
        const r = steps.next();
        if (r.done) return { ...r.value, cancelled: false };
        if (isCancelled?.()) {
          steps.return({ results: new Map(), fileCount: 0 });
          return { results: new Map(), cancelled: true, fileCount: r.value.total };
        }
        progress?.(r.value.done, r.value.total, r.value.file);
      }
    });
  }

  /**
   * The workspace scan as steps, so that a caller (the language server) can yield between files,
   * report progress and stop when cancelled.
   */
  *scanSteps(): Generator<{ done: number; total: number; file?: string }, { results: Map<string, Finding[]>; fileCount: number }> {
    // A view of the disk per step: a caller may edit files between steps (the language server
    // yields to its message loop), and a scan it drops must not keep the view alive.
    const { model, findings: modelFindings } = this.pass(() => {
      this.discoverNow();
      return this.modelNow();
    });
    const list = [...new Set<string>([...this.files, ...modelFindings.keys(), ...this.tooLarge.keys()])].sort();
    const results = new Map<string, Finding[]>();
    const total = list.length * 2;
    let done = 0;
    // First pass: analyse every code file, so that cross-file flows are known before grouping.
    for (const file of list) {
      yield { done: done++, total, file };
      this.pass(() => guarded(() => this.ownCodeFindings(file, model), () => []));
      // A Python file's tree-sitter tree is not needed after its analysis (its parse problem is kept).
      if (fileRole(file) === 'python' && !this.tooLarge.has(file)) this.pass(() => this.releasePythonTree(file));
    }
    for (const file of list) {
      yield { done: done++, total, file };
      const f = this.pass(() => this.fileFindings(file, model, modelFindings));
      if (f.length > 0) results.set(file, f);
    }
    return { results, fileCount: this.files.length };
  }

  /** A file's findings; whatever throws on the way becomes one diagnostic on that file (guard.ts). */
  private fileFindings(file: string, model: AppModel, modelFindings: Map<string, Finding[]>): Finding[] {
    return guarded(() => this.fileFindingsUnguarded(file, model, modelFindings), (e) => [fileSkipped(file, 'analyse', e)]);
  }

  private fileFindingsUnguarded(file: string, model: AppModel, modelFindings: Map<string, Finding[]>): Finding[] {
    const size = this.tooLarge.get(file) ?? this.host.size(file);
    if (size !== undefined && size > MAX_FILE_BYTES) return [tooLargeNote(file, size)];
    const role = fileRole(file);
    if (this.project && file === this.project.file) return this.project.config.problems;
    let own: Finding[] = [];
    if (role === 'data' || role === 'terraform') {
      const d = role === 'data' ? this.parsed.doc(file) : this.parsed.hcl(file);
      if (d.problem) return this.settings.isExcludedFile(toRel(this.root, file)) ? [] : [d.problem];
    } else if (role === 'js' || role === 'python') {
      const skipped = codeSkipNote(file, role, model, this.parsed, this.vendored);
      if (skipped) return [skipped];
      own = this.codeFindings(file, model);
    }
    // Cross-file flows: a handler that calls into this module may report a sink here.
    const fromOthers: Finding[][] = [];
    for (const other of this.dependents(file)) fromOthers.push(guarded(() => this.codeFindings(other, model), () => []));
    // Nothing this file's findings come from changed: the same result (and the same array) as before.
    const inputs: unknown[] = [model, modelFindings.get(file), own, ...fromOthers, this.host.version(file), this.settings.key];
    const cached = this.finished.get(file);
    if (cached && cached.inputs.length === inputs.length && cached.inputs.every((x, i) => x === inputs[i])) return cached.findings;
    const findings: Finding[] = [...own, ...fromOthers.flat()].filter((f) => f.span.file === file);
    findings.push(...(modelFindings.get(file) ?? []));
    const codeRules = this.rules.filter((r): r is CodeRule => r.scope === 'code' && this.settings.enabled(r.id));
    findings.push(...inlineCodeFindings(file, model, codeRules, this.host, this.settings.key));
    for (const note of model.notes) if (note.span.file === file) findings.push({ ruleId: ENGINE_CODES.modelNote, category: 'internal', severity: 'info', span: note.span, message: note.message });
    if (role === 'data' && this.parsed.doc(file).doc?.aliasLimitHit) findings.push(aliasBudgetNote(file));
    const result = this.finish(file, onePerSpan(findings));
    this.finished.set(file, { inputs, findings: result });
    return result;
  }

  /** A code file's own analysis, first of all (a file over the size limit is not read, so not analysed). */
  private ownCodeFindings(file: string, model: AppModel): Finding[] {
    const role = fileRole(file);
    return (role === 'js' || role === 'python') && !this.tooLarge.has(file) ? this.codeFindings(file, model) : [];
  }

  private releasePythonTree(file: string): void {
    const code = this.parsed.peekCode(file);
    if (!code) return;
    pythonParseProblem(code);
    code.releaseTree?.();
  }

  /** Code files whose analysis read `file` (a local module they import), among the known files. */
  private dependents(file: string): string[] {
    return [...(this.readBy.get(file) ?? [])].filter((other) => other !== file && this.fileSet.has(other));
  }

  private readonly finished = new Map<string, { inputs: unknown[]; findings: Finding[] }>();
  private readonly finisher: Finisher;

  /** Severity settings, suppressions and the "ignore" fix. */
  private finish(file: string, findings: Finding[]): Finding[] {
    return this.finisher.finish(file, findings, this.settings);
  }
}
