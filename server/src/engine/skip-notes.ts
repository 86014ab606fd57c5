// The one diagnostic of a file that is not analysed: too large, binary, too deeply nested, a library
// copy or bundle, or Python that nothing of can be read.
import type { AppModel } from './model/types.js';
import type { ParseCache } from './parse-cache.js';
import type { VendoredFiles } from './code/vendored.js';
import { pythonParseProblem } from './code/parse.js';
import { ENGINE_CODES, type Finding } from './types.js';

export function tooLargeNote(file: string, size: number): Finding {
  return {
    ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'info', span: { file, start: 0, end: 0 },
    message: `This file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 2 MB limit: FaaSGuard does not analyse it.`,
  };
}

/** Why a code file is not analysed, as its one diagnostic; undefined when it is analysed. */
export function codeSkipNote(file: string, role: 'js' | 'python', model: AppModel, parsed: ParseCache, vendored: VendoredFiles): Finding | undefined {
  if (parsed.isBinary(file)) {
    return { ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'info', span: { file, start: 0, end: 0 }, message: 'This file contains binary data: FaaSGuard does not analyse it.' };
  }
  const skipped = parsed.codeProblem(file);
  if (skipped) return skipped;
  const note = vendored.note(file, model);
  if (note) return note;
  const code = role === 'python' ? parsed.code(file) : undefined;
  const problem = code ? pythonParseProblem(code) : undefined;
  if (problem) return { ruleId: ENGINE_CODES.parseError, category: 'internal', severity: 'error', message: problem.message, span: { file, start: problem.start, end: problem.end } };
  return undefined;
}
