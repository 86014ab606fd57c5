// Entry point of the taint analysis for one code file: the walker of the file's language runs every
// handler the file exports with the event as its first argument; the sink hits become flows with
// their steps and fixes.
import type { CodeFile, HandlerBinding } from '../code/types.js';
import type { TaintFlow } from './types.js';
import { analyzeJs } from './js/analyze.js';

export function analyzeTaint(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined): TaintFlow[] {
  if (handlers.length === 0) return [];
  if (code.language === 'js') return analyzeJs(code, handlers, loadModule);
  return [];
}
