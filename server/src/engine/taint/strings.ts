// String building, for every language: what a string made of parts carries, its constant text when
// every part is constant, and its constant prefix, so that the URL and redirect rules know where
// data lands (after a fixed scheme and host, after a site-relative path).
import type { TaintCore } from './core.js';
import type { AV, Dep, Taint } from './values.js';

/** String building. Tracks the constant prefix, so that URL and redirect rules know where data lands. */
export function concat(it: TaintCore, parts: AV[]): AV {
  let taints: Taint[] = [];
  let deps: Dep[] = [];
  let prefix = '';
  let prefixKnown = true;
  let literal: string | undefined = '';
  for (const v of parts) {
    const m = it.materialize(v);
    const hostFixed = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(prefix);
    // `/app/` + x stays on this site; `/` + x does not (`//evil.example` is another host).
    const relativeFixed = /^\/[^/\\]/.test(prefix);
    const mark = <T extends { sanitized: ReadonlySet<string> }>(x: T): T => {
      const add: string[] = [];
      if (hostFixed || relativeFixed) add.push('redirect');
      // Encoded data after a fixed host, or after a path (`/items/`), cannot choose the host.
      if ((hostFixed || relativeFixed) && x.sanitized.has('urlencoded')) add.push('ssrf');
      return add.length ? { ...x, sanitized: new Set([...x.sanitized, ...add]) as T['sanitized'] } : x;
    };
    if (m.taints) taints = [...taints, ...m.taints.map(mark)];
    if (m.deps) deps = [...deps, ...m.deps.map(mark)];
    if (literal !== undefined) literal = m.literal !== undefined ? literal + m.literal : undefined;
    if (prefixKnown) {
      if (m.literal !== undefined) prefix += m.literal;
      else {
        prefix += m.prefix ?? '';
        prefixKnown = false;
      }
    }
  }
  const out: AV = {};
  if (taints.length) out.taints = taints.slice(0, 4);
  if (deps.length) out.deps = deps.slice(0, 8);
  if (literal !== undefined) out.literal = literal;
  if (prefix) out.prefix = prefix;
  return out;
}

