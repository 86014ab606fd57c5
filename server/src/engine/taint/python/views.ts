// Reading Python-specific views: Powertools data classes over the event (a property is a path of the
// raw event, see dataclasses.ts), their methods, and caught exceptions (their message and traceback).
import type { PyNode } from '../../code/python-ast.js';
import type { PyInterp as Interp } from './interp.js';
import { CLEAN, dataOnly, type AV } from '../values.js';
import { dataAttr } from './dataclasses.js';
import { ext } from './ext.js';

/** The value without its Python view (so that reading it follows the common rules). */
function plain(v: AV): AV {
  const { ext: _ext, ...rest } = v;
  return rest;
}

/** The view at `path` below a data class view, as data class `cls` when given. */
export function viewAt(it: Interp, v: AV, path: readonly string[], cls: string | undefined, node?: PyNode): AV {
  let out = plain(v);
  for (const p of path) out = p === '*' ? it.readIndex(out, node) : it.readProp(out, p, node);
  return cls ? { ...out, ext: { dataClass: cls } } : out;
}

export function dataClassRead(it: Interp, v: AV, name: string, node?: PyNode): AV | undefined {
  const x = ext(v);
  if (!x) return undefined;
  if (x.caught) {
    // The message (and its parts) of an exception; its other attributes are codes and numbers.
    if (['args', 'message', 'msg', 'strerror', 'response', 'reason', 'detail'].includes(name)) return dataOnly(v);
    return CLEAN;
  }
  if (!x.dataClass || !v.sym) return undefined;
  const a = dataAttr(x.dataClass, name);
  if (!a) return undefined;
  if (a.method) return { ext: { dataMethod: { base: v, path: a.path, keyed: a.method === 'keyed', cls: a.cls } } };
  return viewAt(it, v, a.path, a.cls, node);
}

export function dataClassIndex(it: Interp, v: AV, node?: PyNode): AV | undefined {
  const cls = ext(v)?.dataClass;
  if (!cls || !cls.endsWith('[]')) return undefined;
  const elem = it.readIndex(plain(v), node);
  return { ...elem, ext: { dataClass: cls.slice(0, -2) } };
}
