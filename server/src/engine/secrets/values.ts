// What a value's shape says, whatever its name: a reference to a secret kept elsewhere, a KMS key,
// the name of a header, field or environment variable, a placeholder, a publishable key, a git SHA,
// a UUID, a path... none of which is a credential. Every pattern here is linear: anchored, with
// disjoint or bounded repetitions, run on values of bounded length.

export type NotSecretReason =
  | 'reference' // ${...}, {{resolve:...}}, an ARN, an SSM parameter name, a URL without credentials
  | 'kms-key' // alias/..., a multi-Region key id
  | 'identifier' // the name of a header, field or environment variable (`Authorization`, `NextToken`, `AWS_SHARED_CREDENTIALS_FILE`)
  | 'placeholder' // changeme, <your-key>, {{token}}, %s, xxxx, ...EXAMPLE
  | 'publishable-key' // pk_live_..., pk.eyJ... (meant to be public)
  | 'git-sha' // 40 hex digits
  | 'uuid' // a client id, a KMS key id, an app id
  | 'path' // a file or a path (./certs/key.pem, ~/.aws/credentials)
  | 'plain-word' // a word or two (`activemq`, `MyApiKey`): a name, or a default password
  | 'not-a-credential'; // booleans, numbers, sentences, e-mail addresses, JSONPath, low entropy

/** Values that say they are not real: "KEYEXAMPLE1234", "REPLACE-WITH-YOUR-SECRET-HERE", "<<Enter your key>>". */
export const PLACEHOLDER_PART = /example|sample|dummy|placeholder|replace|your[-_ ]|enter[-_ ]|insert[-_ ]|fake|mock|<[^>]*>|xxxx|\*\*\*\*|0000000|1234567890|abcdefgh|update[-_ ]?me|change[-_ ]?me|fill[-_ ]?(?:me|in)|redacted/i;
const PLACEHOLDER_WHOLE = /^(?:x+|\*+|\.+|-+|_+|#+|0+|changeme|change[_-]?me|password|secret|token|key|apikey|example|sample|dummy|test|testing|todo|tbd|none|null|nil|undefined|placeholder|default|n\/a|replace[_-]?me|fixme|my[_-]?(?:password|secret|token|key)|your[_-].*)$/i;
/** Template syntax: `${...}`, `{{...}}`, `{name}`, `%s`, `%(name)s`, `$NAME`, `<...>`, `[...]`. */
const TEMPLATE = /\$\{|\{\{|^\{[A-Za-z0-9_.]*\}$|\{[A-Za-z_][A-Za-z0-9_]*\}|%[sdr]|%\([a-z_]+\)[sd]|^\$[A-Z_][A-Z0-9_]*$|^<.*>$|^\[.*\]$/;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const GIT_SHA = /^[0-9a-f]{40}$/;
const KMS = /^(?:alias\/[A-Za-z0-9/_-]+|mrk-[0-9a-f]{32})$/;
const PUBLISHABLE = /^(?:pk_(?:live|test)_[0-9A-Za-z]+|pk\.eyJ[A-Za-z0-9._-]+)$/;
/** A file name or path: `./x`, `../x`, `~/x`, `/a/b`, or words joined by `/` or `\` ending in an extension. */
const PATH = /^(?:\.{1,2}\/|~\/|\/(?:[\w.@-]+\/)*[\w.@-]+\/?$)|^(?:[\w.@-]+[/\\])*[\w@-]+\.(?:pem|key|crt|cer|der|p12|pfx|json|ya?ml|txt|env|ini|cfg|conf|properties|jks|keystore|pub|gpg|asc|py|js|ts)$/i;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const URL_NO_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i;

/**
 * Words of a value written like a name (`x-api-key` -> x, api, key; `NextToken` -> Next, Token;
 * `AWSSecretKey` -> AWS, Secret, Key), or undefined when it is not written like one: a part that
 * mixes digits into letters (`Sup3r`, `q8Fz2`), or a "word" without a vowel (`Fz`, `Jk`) as random
 * strings have. Linear: one tokenising pass over at most 100 characters.
 */
function identifierWords(v: string): string[] | undefined {
  if (v.length > 100 || !/^[A-Za-z][A-Za-z0-9._:/-]*$/.test(v) || /[-_.:/]{2}|[-_.:/]$/.test(v)) return undefined;
  const words: string[] = [];
  for (const part of v.split(/[-_.:/]/)) {
    const tokens = part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [];
    // Digits only at the end of a part, and short (`v2`, `Sha256`, `2`).
    for (let i = 0; i < tokens.length; i++) {
      if (/^[0-9]/.test(tokens[i]) && (i !== tokens.length - 1 || tokens[i].length > 3)) return undefined;
    }
    words.push(...tokens);
  }
  const unpronounceable = words.filter((w) => /^[A-Za-z]{2,}$/.test(w) && !/[aeiouyAEIOUY]/.test(w) && !(w.length <= 5 && w === w.toUpperCase()));
  return unpronounceable.length > 0 ? undefined : words;
}

const SECRET_WORD = /^(?:token|tokens|key|keys|secret|secrets|password|passwords|passwd|pwd|auth|authorization|authorisation|authentication|credential|credentials|creds|session|header|api|access|bearer|signature|signing|private|cookie|apikey|hmac|jwt)$/i;

/**
 * The value names something instead of being it: an environment variable (`AWS_SECRET_ACCESS_KEY`),
 * a header (`X-Api-Key`, `Authorization`), a field (`NextToken`, `access_token`, `SecretString`), or
 * a path of words (`latest/api/token`).
 */
export function isIdentifierName(v: string): boolean {
  const words = identifierWords(v);
  if (!words) return false;
  // `NextToken`, `SecretString`, `x-api-key`: a name made of words, one of them a secret word. With a
  // number in it (`activemqPassword123`, `app-token-42`) it is how people write passwords instead.
  if (!/[0-9]/.test(v) && words.some((w) => SECRET_WORD.test(w))) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true; // SCREAMING_SNAKE: an environment variable name
  if (/^(?:[Xx]|[A-Z][a-z0-9]*)(?:-[A-Z][a-z0-9]*)+$/.test(v)) return true; // Title-Case-Hyphens: a header
  if (/[/.]/.test(v) && words.length >= 2 && words.every((w) => /^[A-Za-z]+$/.test(w) || /^[0-9]{1,3}$/.test(w))) return true; // a path or a dotted field
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let e = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    e -= p * Math.log2(p);
  }
  return e;
}

/** A literal that refers to a secret stored elsewhere, or is computed at deploy time. */
export function isReferenceValue(v: string): boolean {
  if (/\$\{|\{\{resolve:|^arn:|^ssm:|^secretsmanager:|^resolve:/.test(v)) return true;
  if (/^\/[\w./-]+$/.test(v)) return true; // an SSM parameter name (/app/prod/db-password)
  return URL_NO_CREDENTIALS.test(v);
}

export function isPlaceholder(v: string): boolean {
  return PLACEHOLDER_WHOLE.test(v) || PLACEHOLDER_PART.test(v) || TEMPLATE.test(v);
}

/** One or two words, as people pick passwords (`activemq`, `admin`, `Secret Sauce`). */
export function isPlainWord(v: string): boolean {
  return v.length <= 16 && /^[A-Za-z]+(?:[-_ ][A-Za-z]+)?$/.test(v);
}

/** A guessable password: a plain word, a word and a number, digits only, or short. */
export function isWeakPassword(v: string): boolean {
  return isPlainWord(v) || /^[A-Za-z]+[-_.]?[0-9]{1,6}[!@#$%^&*.]?$/.test(v) || /^[0-9]+$/.test(v) || v.length < 10 || entropy(v) < 2.5;
}

export interface ValueStrength {
  /** The name says an id-shaped value (a UUID, a git SHA) is a secret: a password, a secret, a signing key (names.ts idsAreSecretUnder). */
  strongName: boolean;
}

/**
 * Why a value under a secret-like name is not a credential, or undefined when it may be one. With
 * a strong name (a password, a secret, a signing key) a UUID or a hex string is judged by its
 * randomness; with another (a token, an API key, an encryption key) it is taken for the id it
 * usually is (a client id, a KMS key id, a commit).
 */
export function whyNotSecret(value: string, s: ValueStrength = { strongName: false }): NotSecretReason | undefined {
  const v = value.trim();
  if (v.length === 0) return 'placeholder';
  if (v.length > 2048) return 'not-a-credential';
  if (isReferenceValue(v)) return 'reference';
  if (KMS.test(v)) return 'kms-key';
  if (PUBLISHABLE.test(v)) return 'publishable-key';
  if (isPlaceholder(v)) return 'placeholder';
  if (/^(?:true|false|yes|no|on|off|enabled?|disabled?|\d+(?:\.\d+)?)$/i.test(v)) return 'not-a-credential';
  // JSONPath and context objects (Step Functions `$.input`, `$$.Task.Token`), shell-style variables, JSON text.
  if (/^\$(?:$|\$|\.|\[|\{|[A-Za-z_][A-Za-z0-9_]*$)/.test(v) || /^[[{]/.test(v)) return 'not-a-credential';
  if (EMAIL.test(v)) return 'not-a-credential';
  if (PATH.test(v)) return 'path';
  if (/\s/.test(v) && v.split(/\s+/).length > 3) return 'not-a-credential'; // a sentence
  if (isIdentifierName(v)) return 'identifier';
  if (!s.strongName && UUID.test(v)) return 'uuid';
  if (!s.strongName && GIT_SHA.test(v)) return 'git-sha';
  if (isPlainWord(v)) return 'plain-word';
  if (v.length < 8 || entropy(v) < 2.5) return 'not-a-credential';
  return undefined;
}
