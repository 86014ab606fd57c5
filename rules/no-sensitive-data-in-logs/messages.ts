// The messages of no-sensitive-data-in-logs, for every language. What a whole event holds is said
// by trigger (contents.ts).
export type HitKind = 'event' | 'powertools-event' | 'headers' | 'auth' | 'env' | 'secret-env' | 'secret-value';

/** The rule's kinds of message (meta.messages), one per kind of hit. */
export const HIT_MESSAGES: Record<HitKind, string> = {
  event: 'The whole Lambda event is logged.',
  'powertools-event': 'The Powertools logger is set to log every incoming event.',
  headers: 'Every request header is logged, Authorization and cookies included.',
  auth: 'A credential read from the request is logged.',
  env: 'Every environment variable is logged.',
  'secret-env': 'The value of a secret-named environment variable is logged.',
  'secret-value': 'A secret fetched from Secrets Manager or Parameter Store is logged.',
};

export function describeHit(kind: HitKind, shown: string, contents: { phrase: string; note: string }, name?: string, setting = 'log_event=True'): string {
  switch (kind) {
    case 'powertools-event':
      return `The Powertools logger writes every incoming Lambda event to the logs (${setting}): ${contents.phrase} included.${contents.note}`;
    case 'event':
      // "message bodies and attributes end up", "the whole event payload ends up".
      return `Logs the whole Lambda event (${shown}): ${contents.phrase} ${contents.phrase === 'the whole event payload' ? 'ends' : 'end'} up in the logs. Log the fields you need.${contents.note}`;
    case 'headers':
      return `Logs every request header (${shown}), Authorization and cookies included.`;
    case 'auth':
      return `Logs a credential from the request (${shown}): anyone who can read the logs can replay it.`;
    case 'env':
      return `Logs every environment variable (${shown}), secrets and keys included.`;
    case 'secret-value':
      return `Logs a secret fetched from Secrets Manager or Parameter Store (${shown}): anyone who can read the logs can use it.`;
    case 'secret-env':
      return `Logs the value of ${name}, read from a secret-named environment variable${shown === name ? '' : ` (${shown})`}.`;
  }
}
