// Quick fixes for Python taint findings, computed from the AST at the sink. Each returns nothing
// when the code is not in a shape the fix can rewrite without changing what it does.
import type { Fix } from '../../types.js';
import type { SinkHit } from '../core.js';

export function buildPyFixes(hit: SinkHit): Fix[] | undefined {
  void hit;
  return undefined;
}
