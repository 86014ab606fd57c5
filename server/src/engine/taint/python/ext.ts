// What the Python walker records about a value beyond the core's fields (AV.ext).
import type { PyNode } from '../../code/python-ast.js';
import type { AV, FnValue } from '../values.js';

export interface PyExt {
  /** A Powertools data class view of the event (or of a part of it), e.g. `APIGatewayProxyEvent`. */
  dataClass?: string;
  /** A method of a data class view, not called yet: calling it reads `path` (plus its first argument when keyed). */
  dataMethod?: { base: AV; path: string[]; keyed: boolean; cls?: string };
  /** A Powertools event-handler resolver instance, by class. */
  resolver?: string;
  /** A compiled regular expression's source, when it is a literal. */
  regex?: string;
  /** Functions defined in a class body. */
  staticMethod?: boolean;
  classMethod?: boolean;
  /** Class values: their base classes defined in the workspace, and whether it is a pydantic model. */
  bases?: PyNode[];
  pydantic?: boolean;
  /** An lxml parser created with entity resolution on. */
  resolvesEntities?: boolean;
  /** A value that holds (or reads) an archive given as data: extracting it is a path sink. */
  archive?: boolean;
  /** A Powertools `Response(...)`. */
  response?: boolean;
  /** A caught exception (`except ... as e`). */
  caught?: boolean;
  /** A function picked from a dispatch table (`ROUTES[key]`): any of these. */
  alternatives?: FnValue[];
}

/** An element of a dict or list read with a key the code does not know: a dispatch table gives any of its functions. */
export function anyElement(v: AV, elem: AV): AV {
  const fns: FnValue[] = [];
  for (const p of v.props?.values() ?? []) if (p.fn && fns.length < 256) fns.push(p.fn);
  if (v.elem?.fn) fns.push(v.elem.fn);
  return fns.length > 1 ? { ...elem, ext: { ...(elem.ext ?? {}), alternatives: fns } } : elem;
}

export function ext(v: AV): PyExt | undefined {
  return v.ext as PyExt | undefined;
}
