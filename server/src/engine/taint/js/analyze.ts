// The JS/TS handlers of a file, run by the walker: each exported handler with the event as its first
// argument (and the Lambda callback as its third), then its responses are checked.
import * as path from 'node:path';
import type ts from 'typescript';
import { tsx } from './syntax.js';
import type { CodeFile, HandlerBinding } from '../../code/types.js';
import { JsInterp } from './interp.js';
import { runWithSources } from '../entries.js';
import { CLEAN, type AV, type FnValue } from '../values.js';
import type { HandlerTriggers, TaintResult } from '../types.js';

export function analyzeJs(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined): TaintResult {
  if (!code.sf) return { flows: [], handlers: [] };
  const load = (f: string) => (f === code.file ? code : loadModule(f));
  const it = new JsInterp(code, load);
  const frame = it.moduleFrame(code);
  const triggers: HandlerTriggers[] = [];
  for (const h of handlers) {
    let fn: FnValue | undefined;
    if (h.node) {
      const cls = h.node.parent && tsx.isClassLike(h.node.parent) ? h.node.parent : undefined;
      fn = { node: h.node, closure: frame, file: code.file, self: cls ? { cls, props: new Map() } : undefined };
    } else {
      // Exports the syntax alone does not resolve (re-exports, computed values): evaluate them.
      let v: AV | undefined = it.requireModule('./' + path.basename(code.file));
      for (const p of h.exportPath) v = v ? it.readProp(v, p) : undefined;
      fn = v?.fn;
    }
    if (!fn) continue;
    const node = fn.node as ts.FunctionLikeDeclaration;
    const params = node.parameters;
    const eventSpan = params[0] ? it.spanOf(params[0]) : it.spanOf(node);
    const cb = params[2];
    it.callbackName = cb && tsx.isIdentifier(cb.name) ? cb.name.text : undefined;
    const entry = fn;
    triggers.push(runWithSources(it, h, () => {
      it.responses.length = 0;
      it.runFunction(entry, [{ sym: { root: 'event', path: [], span: eventSpan } }, CLEAN, CLEAN]);
      it.checkResponses();
    }));
  }
  return { flows: it.toFlows(), handlers: triggers, stoppedEarly: it.stoppedEarly };
}
