// An edit of comments or layout in a code file (code/same-meaning.ts) changes no result: the
// results cached for the version before are moved through the edit (shift.ts) instead of analysed
// again: the file's own code findings, those of the files whose analysis read it, and the model
// rules' findings. Whatever the edit touches is analysed again as usual.
import type { FileHost } from './host.js';
import type { AppModel } from './model/types.js';
import type { Finding } from './types.js';
import type { ParseCache } from './parse-cache.js';
import { fileRole } from './workspace.js';
import { guarded } from './guard.js';
import { sameMeaning } from './code/same-meaning.js';
import { isParsed } from './code/parse.js';
import { shiftBetween, shiftFindings } from './shift.js';
import { rebaseModelState, type ModelState } from './model-cache.js';

/** A code file's findings from the code rules, cached per version, handler context and local imports. */
export interface CodeResult {
  /** The file's version the findings are for. */
  version: string | undefined;
  key: string;
  findings: Finding[];
  /** Local modules the analysis read, with their versions at the time. */
  deps: Map<string, string | undefined>;
  /** The model the handlers were bound on. */
  model: AppModel;
}

export interface RebaseContext {
  parsed: ParseCache;
  host: FileHost;
  codeResults: Map<string, CodeResult>;
  modelState: ModelState | undefined;
  stats: { rebases: number };
}

/** Moves what was cached for the version `file` was parsed from; returns the new model state, if it moved. */
export function rebaseSameMeaning(ctx: RebaseContext, file: string): ModelState | undefined {
  const role = fileRole(file);
  if (role !== 'js' && role !== 'python') return undefined;
  const step = ctx.parsed.takeStep(file);
  const code = step && ctx.parsed.peekCode(file);
  if (!step || !code) return undefined;
  const own = ctx.codeResults.get(file);
  const readers = [...ctx.codeResults].filter(([f, r]) => f !== file && r.deps.get(file) === step.from);
  const modelRead = ctx.modelState?.ruleReads.has(file) === true;
  if (own?.version !== step.from && readers.length === 0 && !modelRead) return undefined;
  // Known from the parse (edits inside one comment), else the parsed versions they mean the same as
  // are compared.
  const a = step.prev.sameMeaningAs ?? step.prev;
  const b = code.sameMeaningAs ?? code;
  const same = a === b || (isParsed(a) && isParsed(b) && guarded(() => sameMeaning(a, b), () => false));
  if (!same) return undefined;
  ctx.stats.rebases++;
  const s = shiftBetween(file, step.prev.text, code.text);
  const memo = new Map<Finding, Finding | null>();
  if (own?.version === step.from) {
    const findings = shiftFindings(own.findings, s, memo);
    if (findings) ctx.codeResults.set(file, { ...own, version: step.to, key: `${step.to}${own.key.slice(own.key.indexOf('|'))}`, findings });
  }
  for (const [f, r] of readers) {
    const findings = shiftFindings(r.findings, s, memo);
    if (findings) ctx.codeResults.set(f, { ...r, findings, deps: new Map(r.deps).set(file, step.to) });
  }
  // A model rule's text may name a line of the code (`where()`): its findings are not moved across new lines.
  if (!ctx.modelState || !modelRead || s.linesMoved) return undefined;
  return rebaseModelState(ctx.modelState, ctx.host, file, step.from, s, memo);
}
