// What the Python walker records about a value beyond the core's fields (AV.ext).
import type { PyNode } from '../../code/python-ast.js';
import type { AV } from '../values.js';

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
}

export function ext(v: AV): PyExt | undefined {
  return v.ext as PyExt | undefined;
}
