// The JS/TS handlers of a file, run by the walker: each exported handler with the event as its first
// argument (and the Lambda callback as its third), then its responses are checked.
import * as path from 'node:path';
import type ts from 'typescript';
import { tsx } from './syntax.js';
import type { CodeFile, HandlerBinding } from '../../code/types.js';
import { JsInterp } from './interp.js';
import { runWithSources } from '../entries.js';
import { CLEAN, type AV, type FnValue } from '../values.js';
import type { HandlerTriggers } from '../types.js';
import type { CarriedResult, CarryIn } from '../analyze.js';
import { shiftBetween } from '../../shift.js';

const isFunctionValue = (e: ts.Expression) => tsx.isArrowFunction(e) || tsx.isFunctionExpression(e);

/**
 * What a top-level statement binds when all it does at load is bind functions: a function declaration
 * (`function f`), a declaration of function values (`const f = (x) => ...`), or one assigned to an
 * export (`exports.handler = async (event) => ...`). Loading runs none of them, so a new version of
 * the statement binds the same names to the new functions, and the module's other values are the same.
 */
function slotOf(st: ts.Statement): string | undefined {
  if (tsx.isFunctionDeclaration(st)) return st.name ? `function ${st.name.text}` : undefined;
  const mods = (st as { modifiers?: readonly ts.Node[] }).modifiers?.map((m) => m.kind).join(',') ?? '';
  if (tsx.isVariableStatement(st)) {
    const names: string[] = [];
    for (const d of st.declarationList.declarations) {
      if (!tsx.isIdentifier(d.name) || !d.initializer || !isFunctionValue(d.initializer)) return undefined;
      names.push(d.name.text);
    }
    return `var ${st.declarationList.flags} ${mods} ${names.join(',')}`;
  }
  if (tsx.isExpressionStatement(st) && tsx.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === tsx.SyntaxKind.EqualsToken && isFunctionValue(st.expression.right)) {
    const names: string[] = [];
    let l: ts.Expression = st.expression.left;
    for (; tsx.isPropertyAccessExpression(l); l = l.expression) names.unshift(l.name.text);
    return tsx.isIdentifier(l) && (l.text === 'exports' || l.text === 'module') ? `assign ${[l.text, ...names].join('.')}` : undefined;
  }
  return undefined;
}

/** Statements that bind the same names to functions (the module's values are otherwise the same). */
function sameSlot(a: object, b: object): boolean {
  const x = slotOf(a as ts.Statement);
  return x !== undefined && x === slotOf(b as ts.Statement);
}

export function analyzeJs(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined, carry?: CarryIn): CarriedResult {
  const sf = code.sf;
  if (!sf) return { result: { flows: [], handlers: [] }, rerun: false };
  const load = (f: string) => (f === code.file ? code : loadModule(f));
  const it = new JsInterp(code, load);
  const prev = carry?.carry;
  if (carry) it.startCarry(carry.key, sf, prev, sf.statements, sameSlot, () => shiftBetween(code.file, prev!.text, code.text));
  it.recorder?.beginInit();
  const frame = it.moduleFrame(code);
  it.recorder?.endInit();
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
  const flows = it.toFlows();
  return { result: { flows, handlers: triggers, stoppedEarly: it.stoppedEarly }, ...it.finishCarry(code.text, sf.statements) };
}
