// Which exports of a code file run as handlers, and what triggers feed them. From config when a
// function names this file; by shape otherwise.
import type { AppModel, FunctionModel } from '../model/types.js';
import type { CodeFile, HandlerBinding } from './types.js';
import { handlersByShape, moduleExports, resolveFunction } from './exports.js';

const byCodeFile = new WeakMap<AppModel, Map<string, FunctionModel[]>>();

/** The functions whose handler is in each code file, indexed once per model. */
function functionsIn(model: AppModel, file: string): FunctionModel[] {
  let index = byCodeFile.get(model);
  if (!index) {
    index = new Map();
    for (const f of model.functions) {
      const cf = f.handler?.codeFile;
      if (cf) (index.get(cf) ?? index.set(cf, []).get(cf)!).push(f);
    }
    byCodeFile.set(model, index);
  }
  return index.get(file) ?? [];
}

export function bindHandlers(code: CodeFile, model: AppModel): HandlerBinding[] {
  const named = functionsIn(model, code.file);
  const sf = code.sf;
  if (named.length > 0) {
    const exports = sf ? moduleExports(sf) : undefined;
    return named.map((fn) => {
      const exportPath = fn.handler!.exportPath;
      const node = sf && exports ? resolveFunction(exports.get(exportPath[0]), sf) : undefined;
      return { exportPath, node, fn, triggers: fn.triggers };
    });
  }
  if (!sf) return [];
  return handlersByShape(sf).map((h) => ({ exportPath: h.exportPath, node: h.node, triggers: [] }));
}

/** A cache key for the handler context: changes when config changes what feeds this file. */
export function handlerSignature(bindings: HandlerBinding[]): string {
  return bindings
    .map((b) => `${b.exportPath.join('.')}:${b.fn ? `${b.fn.file}#${b.fn.id}` : 'shape'}:${b.triggers.map((t) => t.kind).sort().join(',')}`)
    .join(';');
}
