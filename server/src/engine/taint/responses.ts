// The handler's returned responses, checked once it has run: a text/html body built from data, a
// Location header built from data, and (for a caller-facing trigger) details of a caught error.
import type { TaintCore } from './core.js';
import type { SinkSpec } from './types.js';
import type { AV } from './values.js';
import type { Span } from '../types.js';
import { CALLER_FACING, WHOLE_IS_BODY } from './aws-fields.js';

function within(inner: Span, outer: Span): boolean {
  return inner.file === outer.file && inner.start >= outer.start && inner.end <= outer.end;
}

export function checkResponses(core: TaintCore): void {
  const kinds = core.triggerKinds ?? [];
  const callerFacing = kinds.some((k) => CALLER_FACING.has(k));
  const wholeIsBody = kinds.some((k) => WHOLE_IS_BODY.has(k));
  const errors: SinkSpec = { id: 'response.error', language: core.language, family: 'error-detail', label: 'the response', callee: { names: [] }, args: [] };
  const html: SinkSpec = { id: 'response.html', language: core.language, family: 'html', label: 'a text/html response body', callee: { names: [] }, args: [], when: 'html-response' };
  const redirect: SinkSpec = { id: 'response.location', language: core.language, family: 'redirect', label: 'the Location header of a redirect', callee: { names: [] }, args: [] };
  for (const r of core.responses) {
    const v = r.value;
    const headers = core.readProp(v, 'headers');
    const find = (key: string): AV | undefined => {
      for (const [k, hv] of headers.props ?? []) if (k.toLowerCase() === key) return hv;
      return undefined;
    };
    const ct = find('content-type');
    const body = v.props?.get('body');
    if (body && ct && /text\/html|application\/xhtml/i.test(ct.literal ?? ct.prefix ?? '')) {
      core.checkValue(html, r.node, core.propNode(v, 'body') ?? r.node, body);
    }
    const loc = find('location');
    if (loc) core.checkValue(redirect, r.node, (headers.objNode && core.propNode(headers, 'location', true)) ?? r.node, loc);
    const multi = core.readProp(v, 'multiValueHeaders');
    for (const [k, hv] of multi.props ?? []) {
      if (k.toLowerCase() === 'location') core.checkValue(redirect, r.node, core.propNode(multi, k) ?? r.node, hv.elem ?? hv);
    }
    if (!callerFacing) continue;
    // A body built by a helper is reported where the handler returns it: the call decides what goes in.
    const bodyNode = core.propNode(v, 'body');
    const inReturn = bodyNode && within(core.spanOf(bodyNode), core.spanOf(r.node));
    if (body) core.checkValue(errors, r.node, (inReturn ? bodyNode : undefined) ?? r.node, core.deepData(body));
    else if (wholeIsBody && !v.props?.has('statusCode')) core.checkValue(errors, r.node, r.node, core.deepData(v));
  }
}
