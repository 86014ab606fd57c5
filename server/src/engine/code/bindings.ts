// Which exports of a code file run as handlers, and what triggers feed them. From config when a
// function names this file; by shape otherwise.
import type { AppModel, FunctionModel } from '../model/types.js';
import type { CodeFile, HandlerBinding } from './types.js';
import { handlersByShape, moduleExports, resolveFunction } from './exports.js';
import { pythonHandlersByShape, pythonRoutes, resolvePyFunction } from './python-exports.js';

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

export function bindHandlers(code: CodeFile, model: AppModel, inlineOf?: FunctionModel): HandlerBinding[] {
  // Code written in the config is the handler of the function that writes it, and of no other.
  const named = inlineOf ? [inlineOf] : functionsIn(model, code.file);
  if (code.language === 'python') return bindPython(code, named);
  const sf = code.sf;
  if (named.length > 0) {
    const exports = sf ? moduleExports(sf) : undefined;
    return named.map((fn) => {
      const exportPath = fn.handler!.exportPath;
      const node = sf && exports ? resolveFunction(exports.get(exportPath[0]), sf) : undefined;
      return { exportPath, node, fn, triggers: fn.triggers };
    });
  }
  if (!sf || twinIsNamed(code.file, model)) return [];
  return handlersByShape(sf).map((h) => ({ exportPath: h.exportPath, node: h.node, triggers: [] }));
}

/**
 * `handler.js` beside `handler.ts`: one is the compiled copy of the other. When the config names
 * one of them, the other is not a second handler of the same code.
 */
function twinIsNamed(file: string, model: AppModel): boolean {
  const m = /^(.*)\.([cm]?)(js|ts)$/.exec(file);
  if (!m) return false;
  const other = m[3] === 'js' ? 'ts' : 'js';
  return functionsIn(model, `${m[1]}.${m[2]}${other}`).length > 0 || (m[2] === '' && functionsIn(model, `${m[1]}.${other === 'js' ? 'mjs' : 'mts'}`).length > 0);
}

/**
 * Python: the functions the config names (else those of the Lambda shape), plus the Powertools
 * routes of the module, which the resolver runs for the same function (with its triggers).
 */
function bindPython(code: CodeFile, named: FunctionModel[]): HandlerBinding[] {
  // Most Python files of a workspace are libraries: a glance at the text says whether it can hold a
  // handler of the Lambda shape, before the syntax tree is built.
  if (named.length === 0 && !PY_SHAPE_HINT.test(code.text)) return [];
  const py = code.py;
  if (!py) return [];
  const out: HandlerBinding[] = named.map((fn) => ({ exportPath: fn.handler!.exportPath, pyNode: resolvePyFunction(py, fn.handler!.exportPath[0] ?? '')?.node, fn, triggers: fn.triggers }));
  if (named.length === 0) for (const f of pythonHandlersByShape(py)) out.push({ exportPath: [f.name], pyNode: f.node, triggers: [] });
  const triggers = named.flatMap((f) => f.triggers);
  for (const r of pythonRoutes(py)) {
    if (out.some((b) => b.pyNode === r.fn.node)) continue;
    out.push({ exportPath: [r.fn.name], pyNode: r.fn.node, fn: named[0], triggers, route: { resolverClass: r.resolverClass, path: r.path } });
  }
  return out;
}

/**
 * A superset of what pythonHandlersByShape and pythonRoutes accept, on the text: a top-level `def`
 * named handler/lambda_handler or whose first parameter is event-like, or a top-level decorator.
 */
const PY_SHAPE_HINT = /^(?:async[ \t]+)?def[ \t]+(?:handler|lambda_handler)[ \t]*\(|^(?:async[ \t]+)?def[ \t]+\w+[ \t]*\(\s*(?:event|evt|e|_event|event_data|lambda_event)\b|^@/im;

/** A cache key for the handler context: changes when config changes what feeds this file. */
export function handlerSignature(bindings: HandlerBinding[]): string {
  return bindings
    .map((b) => `${b.exportPath.join('.')}:${b.fn ? `${b.fn.file}#${b.fn.id}` : 'shape'}${b.route ? ':route' : ''}:${b.triggers.map((t) => t.kind).sort().join(',')}`)
    .join(';');
}
