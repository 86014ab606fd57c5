// Caught exceptions as values: what reaches a response from them. The message of an unexpected
// error (a bare `except:`, `except Exception`, `BaseException`, or an AWS SDK `ClientError`, whose
// message names roles, accounts and resources) and any stack trace (`traceback.format_exc()`) are
// error details; the message of an expected error (`except ValueError as e`) is meant for the caller.
import type { PyNode } from '../../code/python-ast.js';
import type { PyInterp as Interp } from './interp.js';
import type { AV } from '../values.js';
import { dottedName } from '../../code/python-exports.js';
import { caughtErrorValue, stackTraceValue } from '../errors.js';

const UNEXPECTED = /^(?:Exception|BaseException|(?:\w+\.)*ClientError|(?:\w+\.)*BotoCoreError|(?:\w+\.)*AWSError)$/;

/** Whether an except clause catches unexpected errors (its types node; undefined: a bare except). */
export function catchesUnexpected(types: PyNode | undefined): boolean {
  if (!types) return true;
  const list = types.type === 'tuple' || types.type === 'parenthesized_expression' ? types.children : [types];
  return list.some((t) => UNEXPECTED.test(dottedName(t) ?? ''));
}

/** The value an `except ... as e` binds. */
export function caughtError(it: Interp, clause: PyNode, types: PyNode | undefined): AV {
  const alias = clause.children.find((c) => c.type === 'as_pattern');
  const name = alias ? (alias.children.find((c) => c.field === 'alias')?.children[0]?.text ?? 'e') : 'e';
  return caughtErrorValue(it.spanOf(alias ?? clause), `str(${name})`, catchesUnexpected(types));
}

/** `traceback.format_exc()` and the like: a stack trace. */
export function stackTrace(it: Interp, call: PyNode, fn: string): AV {
  return stackTraceValue(it.spanOf(call), `traceback.${fn}()`);
}
