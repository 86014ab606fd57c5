// SARIF partialFingerprints that survive what should not reopen an alert: a reworded message, a
// count in a message that changes with the IAM data, lines added above the finding. A fingerprint is
// made of the rule id, the message id (the kind of message, from the rule's meta), the file, what
// encloses the finding (its function or resource) and the normalised source of the located token;
// identical ones in a file are told apart by their order.
import { createHash } from 'node:crypto';
import type { Located } from './locate.js';
import type { RangeMaker } from './ranges.js';
import { ScopeReader } from './scope.js';

export const FINGERPRINT_KEY = 'faasguard/v2';

/** The token's source with runs of whitespace as one space; for an empty span, the rest of its line. */
export function normalisedToken(text: string, start: number, end: number): string {
  const raw = end > start ? text.slice(start, Math.min(end, start + 2000)) : text.slice(start, start + 2000).split(/\r?\n/)[0];
  return raw.replace(/\s+/g, ' ').trim();
}

/** The fingerprint of each item, in order. */
export function fingerprints(items: readonly Located[], ranges: RangeMaker): string[] {
  const scopes = new ScopeReader();
  const seen = new Map<string, number>();
  return items.map((i) => {
    const f = i.finding;
    const text = ranges.text(f.span.file);
    const scope = scopes.scopeAt(f.span.file, text, f.span.start);
    const key = [f.ruleId, f.messageId ?? '', i.rel, scope, normalisedToken(text, f.span.start, f.span.end)].join('\0');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
  });
}
