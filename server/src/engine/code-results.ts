// A code file's findings from the code rules, cached per version, handler context and local
// imports: analysed again only when one of those changed (or moved through an edit that did not
// change what the code means, rebase.ts, before this is asked).
import type { FileHost } from './host.js';
import type { AppModel } from './model/types.js';
import type { CodeRule } from './rule.js';
import type { Finding } from './types.js';
import type { CodeFile } from './code/types.js';
import type { CodeResult } from './rebase.js';
import { runCodeRules } from './runner.js';
import { bindHandlers, handlerSignature } from './code/bindings.js';
import type { CarryStore } from './taint/carry.js';

export interface CodeResultsContext {
  host: FileHost;
  codeResults: Map<string, CodeResult>;
  /** Reverse of the results' deps: module -> the files whose analysis read it. */
  readBy: Map<string, Set<string>>;
  /** The code rules enabled for the file's language. */
  rules: CodeRule[];
  settingsKey: string;
  stats: { codeAnalyses: number };
  loadCode(file: string): CodeFile | undefined;
  /** What the analyses of files being edited leave for their next versions (taint/carry.ts). */
  carries: CarryStore;
}

export function codeResultFor(ctx: CodeResultsContext, code: CodeFile, model: AppModel): Finding[] {
  const { host, codeResults, readBy } = ctx;
  const file = code.file;
  const version = host.version(file);
  const cached = codeResults.get(file);
  const depsHold = () => !!cached && [...cached.deps].every(([f, v]) => host.version(f) === v);
  // The same version on the same model binds the same handlers: no need to find them (or to
  // parse a version edited only in a comment) to know the findings hold.
  if (cached && cached.version === version && cached.model === model && cached.key.endsWith(`|${ctx.settingsKey}`) && depsHold()) return cached.findings;
  const bindings = bindHandlers(code, model);
  const key = `${version}|${handlerSignature(bindings)}|${ctx.settingsKey}`;
  if (cached && cached.key === key && depsHold()) {
    // The handlers bind the same on this model too (the first findings came from a model of the configs nearby).
    if (cached.model !== model) codeResults.set(file, { ...cached, model });
    return cached.findings;
  }
  ctx.stats.codeAnalyses++;
  const deps = new Map<string, string | undefined>();
  const findings = runCodeRules(ctx.rules, code, bindings, model, host, (f) => {
    deps.set(f, host.version(f));
    return ctx.loadCode(f);
  }, ctx.carries);
  for (const d of cached?.deps.keys() ?? []) readBy.get(d)?.delete(file);
  for (const d of deps.keys()) (readBy.get(d) ?? readBy.set(d, new Set()).get(d)!).add(file);
  codeResults.set(file, { version, key, findings, deps, model });
  return findings;
}
