// Entry point of the taint analysis for one code file: run every handler it exports with the event
// as its first argument, then turn sink hits into flows with their steps and fixes.
import * as path from 'node:path';
import { tsx } from './syntax.js';
import type { CodeFile, HandlerBinding } from '../code/types.js';
import { Interp, spanOf, type SinkHit } from './interp.js';
import { activeSources } from './sources.js';
import { evalModuleRequire } from './modules.js';
import { checkValue, propNode } from './sinks.js';
import { CLEAN, type AV, type FnValue } from './values.js';
import type { SinkSpec, TaintFlow } from './types.js';
import { buildFixes } from './fixes.js';

export const HTML_RESPONSE: SinkSpec = { id: 'response.html', language: 'js', family: 'html', label: 'a text/html response body', callee: { names: [] }, args: [], when: 'html-response' };
export const REDIRECT_RESPONSE: SinkSpec = { id: 'response.location', language: 'js', family: 'redirect', label: 'the Location header of a redirect', callee: { names: [] }, args: [] };

export function analyzeTaint(code: CodeFile, handlers: HandlerBinding[], loadModule: (file: string) => CodeFile | undefined): TaintFlow[] {
  if (!code.sf || handlers.length === 0) return [];
  const load = (f: string) => (f === code.file ? code : loadModule(f));
  const it = new Interp(code, [], load);
  const frame = it.moduleFrame(code);
  for (const h of handlers) {
    it.sources = activeSources(h.triggers.map((t) => t.kind));
    let fn: FnValue | undefined;
    if (h.node) {
      const cls = h.node.parent && tsx.isClassLike(h.node.parent) ? h.node.parent : undefined;
      fn = { node: h.node, closure: frame, file: code.file, self: cls ? { cls, props: new Map() } : undefined };
    } else {
      // Exports the syntax alone does not resolve (re-exports, computed values): evaluate them.
      let v: AV | undefined = evalModuleRequire(it, './' + path.basename(code.file));
      for (const p of h.exportPath) v = v ? it.readProp(v, p) : undefined;
      fn = v?.fn;
    }
    if (!fn) continue;
    const params = fn.node.parameters;
    const eventSpan = params[0] ? spanOf(params[0]) : spanOf(fn.node);
    const cb = params[2];
    it.callbackName = cb && tsx.isIdentifier(cb.name) ? cb.name.text : undefined;
    it.responses.length = 0;
    it.runFunction(fn, [{ sym: { root: 'event', path: [], span: eventSpan } }, CLEAN, CLEAN]);
    checkResponses(it);
  }
  return it.flows.map((hit) => toFlow(hit, load));
}

/** Returned responses: a text/html body built from data, or a Location header built from data. */
function checkResponses(it: Interp): void {
  for (const r of it.responses) {
    const v = r.value;
    const headers = it.readProp(v, 'headers');
    const find = (key: string): AV | undefined => {
      for (const [k, hv] of headers.props ?? []) if (k.toLowerCase() === key) return hv;
      return undefined;
    };
    const ct = find('content-type');
    const body = v.props?.get('body');
    if (body && ct && /text\/html|application\/xhtml/i.test(ct.literal ?? ct.prefix ?? '')) {
      checkValue(it, HTML_RESPONSE, r.node, propNode(v, 'body') ?? r.node, body);
    }
    const loc = find('location');
    if (loc) checkValue(it, REDIRECT_RESPONSE, r.node, (headers.objNode && propNode(headers, 'location', true)) ?? r.node, loc);
    const multi = it.readProp(v, 'multiValueHeaders');
    for (const [k, hv] of multi.props ?? []) {
      if (k.toLowerCase() === 'location') checkValue(it, REDIRECT_RESPONSE, r.node, propNode(multi, k) ?? r.node, hv.elem ?? hv);
    }
  }
}

function toFlow(hit: SinkHit, load: (f: string) => CodeFile | undefined): TaintFlow {
  const taint = hit.taint!;
  const span = spanOf(hit.arg);
  const steps = [...taint.steps];
  const last = steps[steps.length - 1];
  if (!last || last.span.start !== span.start || last.span.file !== span.file) steps.push({ span, message: `reaches ${hit.spec.label}` });
  return {
    sink: hit.spec,
    span,
    callSpan: spanOf(hit.call),
    source: taint.source,
    steps,
    fixes: buildFixes(hit, load),
  };
}
