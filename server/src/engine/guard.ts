// The per-file guard: a stage that touches one file (read, parse, model contribution, taint, a rule,
// a fix builder, hover) and throws becomes ONE diagnostic on that file, and every other file is
// analysed. A resource limit (the call stack, a string or array too long, a budget) is named as a
// limit: never "internal error", never "syntax error".
import { ENGINE_CODES, type Finding, type Span } from './types.js';
import type { TooDeep } from './util/nesting.js';
import { MAX_ALIAS_DEREFS } from './config/parse.js';

/** Thrown by a bounded analysis that ran out of its budget; `why` says which one, for the note. */
export class BudgetExceeded extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'BudgetExceeded';
  }
}

/** The JavaScript engine's own limits: the call stack (deep nesting), string or array length. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export function isResourceLimit(e: unknown): boolean {
  return isStackOverflow(e) || e instanceof BudgetExceeded || (e instanceof RangeError && /Invalid (string|array) length|allocation/i.test(e.message));
}

/** Why a limit stopped the work, in words for a diagnostic. */
export function limitReason(e: unknown): string {
  if (e instanceof BudgetExceeded) return e.why;
  if (isStackOverflow(e)) return 'too deeply nested to analyse';
  if (e instanceof RangeError) return 'too large to analyse';
  return e instanceof Error ? e.message : String(e);
}

export function tooDeepFinding(file: string, deep: TooDeep, lineOf?: (offset: number) => number): Finding {
  const where = lineOf ? ` (line ${lineOf(deep.offset) + 1})` : '';
  return {
    ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'warning',
    span: { file, start: deep.offset, end: deep.offset + 1 },
    message: `This file is too deeply nested to analyse: more than ${deep.limit} levels${where}. FaaSGuard does not analyse it; the other files are analysed.`,
  };
}

/** One diagnostic for a file a stage could not finish: what stopped, and what that means for the file. */
export function fileSkipped(file: string, stage: string, e: unknown, span?: Span): Finding {
  const limit = isResourceLimit(e);
  const why = limitReason(e);
  const message = limit
    ? `This file is ${why} (found while trying to ${stage} it): FaaSGuard does not analyse it; the other files are analysed.`
    : `FaaSGuard could not ${stage} this file (${why}), so it is not analysed; the other files are analysed. Please report this.`;
  return { ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'warning', span: span ?? { file, start: 0, end: 0 }, message };
}

/** Runs `fn`; when it throws, `onError` gets the error (and its result is returned). */
export function guarded<T>(fn: () => T, onError: (e: unknown) => T): T {
  try {
    return fn();
  } catch (e) {
    return onError(e);
  }
}

/** The YAML alias budget (config/val.ts) stopped expanding aliases in this file. */
export function aliasBudgetNote(file: string): Finding {
  return {
    ruleId: ENGINE_CODES.analysisStopped, category: 'internal', severity: 'warning', span: { file, start: 0, end: 0 },
    message: `Analysis stopped early on this file: its YAML aliases were expanded ${MAX_ALIAS_DEREFS.toLocaleString('en-US')} times, the budget for one file; the aliases past it are read as unknown values, so findings inside them may be missing.`,
  };
}
