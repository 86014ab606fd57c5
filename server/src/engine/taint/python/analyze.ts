// The Python handlers of a file, run by the walker: each handler with the event as its first
// argument (a Powertools data class view when `@event_source(data_class=X)` decorates it), and each
// Powertools route with its path parameters; then its responses are checked.
import type { CodeFile, HandlerBinding } from '../../code/types.js';
import { child, type PyNode } from '../../code/python-ast.js';
import { dottedName, parameterNames, RESOLVER_TRIGGERS } from '../../code/python-exports.js';
import { PyInterp } from './interp.js';
import { runWithSources } from '../entries.js';
import { CLEAN, type AV, type FnValue } from '../values.js';
import type { HandlerTriggers } from '../types.js';
import type { CarriedResult, CarryIn } from '../analyze.js';
import { shiftBetween } from '../../shift.js';
import { callArgs } from './syntax.js';

/** `@event_source(data_class=S3Event)`: the class the handler's event is given as. */
function eventDataClass(fn: PyNode): string | undefined {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  for (const d of decorated?.children ?? []) {
    const e = d.children[0];
    if (d.type !== 'decorator' || e?.type !== 'call' || (dottedName(child(e, 'function')) ?? '').split('.').pop() !== 'event_source') continue;
    const cls = callArgs(e).keywords.find((k) => k.name === 'data_class')?.value;
    const name = cls ? dottedName(cls)?.split('.').pop() : undefined;
    if (name) return name;
  }
  return undefined;
}

/** Plain top-level function definitions of the same name (a decorator runs when the module loads: not those). */
function sameSlot(a: object, b: object): boolean {
  const x = a as PyNode;
  const y = b as PyNode;
  return x.type === 'function_definition' && y.type === 'function_definition' && child(x, 'name')?.text === child(y, 'name')?.text;
}

export function analyzePython(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined, carry?: CarryIn): CarriedResult {
  const py = code.py;
  if (!py) return { result: { flows: [], handlers: [] }, rerun: false };
  const load = (f: string) => (f === code.file ? code : loadModule(f));
  const it = new PyInterp(code, load);
  const prev = carry?.carry;
  if (carry) it.startCarry(carry.key, py.root, prev, py.root.children, sameSlot, () => shiftBetween(code.file, prev!.text, code.text));
  it.recorder?.beginInit();
  const frame = it.moduleFrame(code);
  it.recorder?.endInit();
  const triggers: HandlerTriggers[] = [];
  for (const h of handlers) {
    const node = h.pyNode;
    if (!node) continue;
    const fn: FnValue = { node, closure: frame, file: code.file };
    const params = parameterNames(node);
    const eventSpan = params[0] ? it.spanOf(params[0].node) : it.spanOf(node);
    let args: AV[];
    let fixed: HandlerTriggers['kinds'] | undefined;
    if (h.route) {
      // A route: the resolver passes the path parameters (`/todos/<todo_id>`) by name.
      const names = new Set([...(h.route.path ?? '').matchAll(/<(?:\w+:)?(\w+)>/g)].map((m) => m[1]));
      args = params.map((p) => (names.has(p.name) ? { sym: { root: 'event' as const, path: ['pathParameters', p.name], span: it.spanOf(p.node) } } : CLEAN));
      const kind = RESOLVER_TRIGGERS[h.route.resolverClass ?? ''] ?? 'api';
      fixed = [kind === 'other' ? 'api' : kind];
    } else {
      const cls = eventDataClass(node);
      const event: AV = { sym: { root: 'event', path: [], span: eventSpan }, ...(cls ? { ext: { dataClass: cls } } : {}) };
      args = [event, CLEAN];
    }
    triggers.push(runWithSources(it, h, () => {
      it.responses.length = 0;
      it.runFunction(fn, args);
      it.checkResponses();
    }, fixed));
  }
  const flows = it.toFlows();
  return { result: { flows, handlers: triggers, stoppedEarly: it.stoppedEarly }, ...it.finishCarry(code.text, py.root.children) };
}
