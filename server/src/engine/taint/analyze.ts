// Entry point of the taint analysis for one code file: the walker of the file's language runs every
// handler the file exports with the event as its first argument; the sink hits become flows with
// their steps and fixes. When no config names a handler's trigger, a first run records which event
// fields the code reads, and the trigger is inferred from them (infer.ts).
import type { CodeFile, HandlerBinding } from '../code/types.js';
import type { TaintFlow, TaintResult } from './types.js';
import { analyzeJs } from './js/analyze.js';
import { analyzePython } from './python/analyze.js';

export function analyzeCode(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined): TaintResult {
  if (handlers.length === 0) return { flows: [], handlers: [] };
  if (code.language === 'js') return analyzeJs(code, handlers, loadModule);
  return analyzePython(code, handlers, loadModule);
}

export function analyzeTaint(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined): TaintFlow[] {
  return analyzeCode(code, handlers, loadModule).flows;
}
