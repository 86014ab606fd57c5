// Entry point of the taint analysis for one code file: the walker of the file's language runs every
// handler the file exports with the event as its first argument; the sink hits become flows with
// their steps and fixes. When no config names a handler's trigger, a first run records which event
// fields the code reads, and the trigger is inferred from them (infer.ts). For a file being edited,
// the helper summaries of the previous version's analysis that still hold are taken over (carry.ts).
import type { CodeFile, HandlerBinding } from '../code/types.js';
import type { TaintFlow, TaintResult } from './types.js';
import { analyzeJs } from './js/analyze.js';
import { analyzePython } from './python/analyze.js';
import { isEditedTree } from '../code/syntax-index.js';
import { carryStats, type CarryStore, type TaintCarry } from './carry.js';

/** The carry a walker is given (`carry` from the previous version, if any) and what it leaves. */
export interface CarryIn {
  key: string;
  carry: TaintCarry | undefined;
}

export interface CarriedResult {
  result: TaintResult;
  carry?: TaintCarry;
  /** It took summaries over and then met a limit: run it again without them. */
  rerun: boolean;
}

/** Whether the file's tree was derived from its previous version's (the file is being edited). */
function beingEdited(code: CodeFile): boolean {
  return code.language === 'js' ? !!code.sf && isEditedTree(code.sf) : !!code.py?.edited;
}

/** What a summary taken over must have been computed for: the same handlers. */
function carryKey(handlers: HandlerBinding[]): string {
  return handlers.map((h) => `${h.exportPath.join('.')}:${h.route ? `${h.route.resolverClass}:${h.route.path}` : ''}:${h.triggers.map((t) => t.kind).join(',')}`).join(';');
}

/** `carries`: the engine's store of what each file being edited left for its next version (none: nothing is kept). */
export function analyzeCode(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined, carries?: CarryStore): TaintResult {
  if (handlers.length === 0) return { flows: [], handlers: [] };
  const run = (carry: CarryIn | undefined): CarriedResult =>
    code.language === 'js' ? analyzeJs(code, handlers, loadModule, carry) : analyzePython(code, handlers, loadModule, carry);
  if (!carries || !beingEdited(code)) return run(undefined).result;
  const key = carryKey(handlers);
  let out = run({ key, carry: carries.get(code.file) });
  if (out.rerun) {
    carryStats.reruns++;
    out = run({ key, carry: undefined });
  }
  carries.keep(code.file, out.carry);
  return out.result;
}

export function analyzeTaint(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined): TaintFlow[] {
  return analyzeCode(code, handlers, loadModule).flows;
}
