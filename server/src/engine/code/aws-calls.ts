// The AWS calls one function's code can make: from its handler export, through the top-level code
// and helpers it reaches and the local modules it imports (only the parts it imports), in JS/TS and
// Python. Computed once per version of the code it reads; the files read go through `load`, so a
// change to any of them re-runs the rules that use this.
import * as path from 'node:path';
import type { AppModel, FunctionModel } from '../model/types.js';
import type { CodeFile } from './types.js';
import type { FunctionCalls, Seeds, Unresolved } from './aws-calls-types.js';
import { JsFile, type Thing } from './aws-calls-js.js';
import { reachedUnits } from './js-units.js';
import { resolveLocal } from './modules.js';
import { pythonFunctionCalls } from './aws-calls-python.js';

/** More local modules than this: the function is not fully resolved (said so, not guessed). */
const MAX_FILES = 60;

export type CodeLoader = (file: string) => CodeFile | undefined;

/**
 * Results that outlive a model: a config keystroke rebuilds the model, but the code is the same.
 * Kept with the handler's parsed file (the parse cache hands out one object per version), so that
 * they go when that version goes (an edit, a deleted file, an engine dropped): nothing is held
 * outside the engine's caches. Valid while every code file the analysis loaded is still the same
 * parsed file. Reading them again through `load` keeps them recorded as files the model depends on.
 */
const acrossModels = new WeakMap<CodeFile, Map<string, { codes: Map<string, CodeFile | undefined>; result: FunctionCalls }>>();

/** The calls of a function's code, cached for the model (and across models while its code is unchanged). */
export function callsOfFunction(_model: AppModel, fn: FunctionModel, load: CodeLoader): FunctionCalls {
  const main = fn.handler?.codeFile ? load(fn.handler.codeFile) : undefined;
  const analyse = () => {
    const codes = new Map<string, CodeFile | undefined>();
    const result = analyseFunction(fn, (f) => {
      const c = load(f);
      codes.set(f, c);
      return c;
    });
    return { codes, result };
  };
  // No handler file: nothing is parsed, nothing worth keeping.
  if (!main) return analyse().result;
  // One model serves many keystrokes in its handlers: a hit is checked against the code every time.
  const key = `${fn.file}#${fn.id}#${fn.handler?.text ?? ''}`;
  const byFunction = acrossModels.get(main) ?? acrossModels.set(main, new Map()).get(main)!;
  const kept = byFunction.get(key);
  if (kept && [...kept.codes].every(([f, c]) => load(f) === c)) return kept.result;
  const next = analyse();
  byFunction.set(key, next);
  return next.result;
}

/** Code that asks the Parameters and Secrets Lambda extension: the extension calls AWS with the role. */
const EXTENSION = /localhost:2773|PARAMETERS_SECRETS_EXTENSION_HTTP_PORT|X-Aws-Parameters-Secrets-Token/i;

function analyseFunction(fn: FunctionModel, load: CodeLoader): FunctionCalls {
  const out = analyseCode(fn, load);
  for (const file of out.files) {
    const text = load(file)?.text ?? '';
    const m = EXTENSION.exec(text);
    if (m) out.unresolved.push({ span: { file, start: m.index, end: m.index + m[0].length }, reason: 'asks the Parameters and Secrets Lambda extension, which calls AWS with the role' });
  }
  return out;
}

function analyseCode(fn: FunctionModel, load: CodeLoader): FunctionCalls {
  const h = fn.handler;
  const none = (reason: string): FunctionCalls => ({ calls: [], unresolved: [{ span: h?.span ?? fn.keySpan, reason }], files: [] });
  if (!h) return none('the function has no handler in the config (a container image, or a handler the config does not name)');
  if (!h.codeFile) return none(`the handler file of ${h.text} is not in the workspace`);
  const code = load(h.codeFile);
  if (!code) return none(`the handler file ${path.basename(h.codeFile)} could not be read`);
  if (h.language === 'python' || code.language === 'python') return pythonFunctionCalls(code, h.exportPath[0], load, pythonRoot(h.codeFile, h.text));
  if (!code.sf) return none(`${path.basename(h.codeFile)} is not JavaScript or TypeScript`);
  return jsFunctionCalls(code, h.exportPath[0] ?? 'handler', load);
}

/** The folder a Python handler's module path starts from: `app/ingest.py` of `app.ingest.handler` sits two levels below it. */
function pythonRoot(codeFile: string, handler: string): string {
  const module = handler.slice(0, handler.lastIndexOf('.'));
  const depth = module.split(/[./]/).filter(Boolean).length;
  let dir = codeFile;
  for (let i = 0; i < depth; i++) dir = path.dirname(dir);
  return dir;
}

function jsFunctionCalls(entry: CodeFile, exportName: string, load: CodeLoader): FunctionCalls {
  const files = new Map<string, JsFile>();
  const exists = (f: string) => load(f)?.sf !== undefined;
  const ctx = {
    localValue(fromFile: string, spec: string, name: string | 'all', depth: number): Thing | undefined {
      if (depth > 3) return undefined;
      const file = resolveLocal(fromFile, spec, exists);
      if (!file) return undefined;
      if (name === 'all') return { k: 'localNs', file };
      return ctx.exportOf(file, name, depth);
    },
    exportOf(file: string, name: string, depth: number): Thing | undefined {
      if (depth > 3) return undefined;
      return jsFile(file, depth)?.exportValue(name);
    },
  };
  const jsFile = (file: string, depth = 0): JsFile | undefined => {
    let f = files.get(file);
    if (!f) {
      const code = load(file);
      if (!code?.sf) return undefined;
      f = new JsFile(code, ctx, depth);
      files.set(file, f);
      f.collect();
    }
    return f;
  };
  const seeds = new Map<string, Seeds>([[entry.file, new Set([exportName])]]);
  const out: FunctionCalls = { calls: [], unresolved: [], files: [] };
  const results = new Map<string, ReturnType<JsFile['results']>>();
  const queue = [entry.file];
  let steps = 0;
  while (queue.length > 0 && steps++ < MAX_FILES * 4) {
    const file = queue.shift()!;
    const f = jsFile(file);
    const code = load(file);
    if (!f || !code?.sf) continue;
    const r = f.results(reachedUnits(code.sf, seeds.get(file)!));
    results.set(file, r);
    for (const imp of r.imports) {
      const target = resolveLocal(file, imp.spec, exists);
      if (!target) {
        out.unresolved.push({ span: { file, start: 0, end: 0 }, reason: `imports ${imp.spec}, which is not in the workspace (or not JS/TS)` });
        continue;
      }
      const before = seeds.get(target);
      const merged = mergeSeeds(before, imp.seeds);
      if (before === undefined || sizeOf(merged) !== sizeOf(before)) {
        if (!seeds.has(target) && seeds.size >= MAX_FILES) {
          out.unresolved.push({ span: { file, start: 0, end: 0 }, reason: `imports more than ${MAX_FILES} local modules: the rest are not analysed` });
          continue;
        }
        seeds.set(target, merged);
        queue.push(target);
      }
    }
  }
  for (const [file, r] of results) {
    out.files.push(file);
    out.calls.push(...r.calls);
    out.unresolved.push(...r.unresolved);
  }
  out.unresolved = dedupe(out.unresolved);
  return out;
}

function mergeSeeds(a: Seeds | undefined, b: Seeds): Seeds {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...(a ?? []), ...b]);
}

function sizeOf(s: Seeds | undefined): number {
  return s === undefined ? -1 : s === 'all' ? Infinity : s.size;
}

function dedupe(list: Unresolved[]): Unresolved[] {
  const seen = new Set<string>();
  return list.filter((u) => {
    const k = `${u.span.file}:${u.span.start}:${u.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
