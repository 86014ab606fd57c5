// Caught errors as values, for every language: what reaches a response from them. The message of
// an unexpected error and any stack trace are error details (a source of kind `error`, seen only by
// the error-detail family); the message of an error the code expected is meant for the caller.
import type { Span } from '../types.js';
import { NONE, type AV, type Taint } from './values.js';

export function errorTaint(label: string, path: string, span: Span): Taint {
  return { source: { label, path, trigger: 'unknown', span, kind: 'error' }, steps: [{ span, message: `source: ${label} (${path})` }], sanitized: NONE };
}

/** The value a catch clause binds: its message is a detail when the error was not expected. */
export function caughtErrorValue(span: Span, path: string, unexpected: boolean): AV {
  const out: AV = { ext: { caught: true }, props: new Map() };
  if (unexpected) out.taints = [errorTaint('the message of an unexpected error', path, span)];
  return out;
}

/** A stack trace (`err.stack`, `traceback.format_exc()`). */
export function stackTraceValue(span: Span, path: string): AV {
  return { taints: [errorTaint('a stack trace', path, span)] };
}

/** Whether a value is a caught error (its other properties are codes and numbers, not details). */
export function isCaught(v: AV): boolean {
  return (v.ext as { caught?: boolean } | undefined)?.caught === true;
}
