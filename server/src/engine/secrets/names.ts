// What a name says about the value it holds: a secret (strongly: a password, a signing key; or
// weakly: a token, an API key, which are also the names of ids and fields), a reference that only
// points at a secret or describes one (`SECRET_ARN`, `tokenHeader`, `passwordMinLength`), or nothing.
// Language-neutral: names come from config keys, variables, properties, parameters and arguments.

export type NameClass = 'strong' | 'weak' | 'reference' | 'none';

/** Longest name looked at (its end, where `_ARN`, `_HEADER` sit): longer ones are not names people write. */
const MAX_NAME = 200;

/** camelCase and PascalCase split into snake words, lower case: `hmacKey` -> `hmac_key`, `AWSSecretKey` -> `aws_secret_key`. */
export function nameWords(name: string): string {
  return (name.length > MAX_NAME ? name.slice(-MAX_NAME) : name)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Names that hold a secret and nothing else: passwords, secrets, private, signing and session keys. */
const STRONG = /passw(?:or)?d|passwd|passphrase|(?:^|_)pwd(?:$|_)|secret|private_?key|signing_?key|session_?key|hmac|master_?key|encryption_?key|jwt_?(?:key|secret)|cookie_?key/;
/**
 * Names that usually hold a credential but are also used for ids and fields: tokens, API keys,
 * access keys, credentials. A value under them must look random to count.
 */
const WEAK = /token|api_?key|apikey|access_?key|auth_?key|(?:^|_)app_?key|credential|(?:^|_)creds(?:$|_)|bearer|license_?key/;
/**
 * ...unless the name says the value only points at one or describes one: its ARN, name, id,
 * parameter, header, field, environment variable, length, type...
 */
const REFERENCE = /(?:^|_)(?:arn|arns|name|names|table|param|params|parameter|parameters|path|id|ids|url|uri|urls|endpoint|host|header|headers|field|fields|column|attribute|property|prop|claim|env|var|variable|ttl|length|len|min|max|size|count|expiry|expires|expiration|lifetime|timeout|type|types|kind|region|bucket|prefix|suffix|key_?id|version|enabled|enable|required|file|files|filename|location|queue|topic|stream|policy|provider|issuer|audience|algorithm|alg|scope|scopes|user|username|mode|duration|pattern|regex|format|hint|label|placeholder|prompt|message|msg|description|desc|error|title|template|schema|rotation|service|source|method|strategy|store|storage|manager|ref|kms|ssm|hash|digest|checksum|generator|validator|validation|rule|rules|policy_?name|output|input|cache|index|position|offset|status|state|flag|option|options|config|settings|client|class|module|dir|folder)$/;

export function classifyName(name: string | undefined): NameClass {
  if (!name) return 'none';
  const w = nameWords(name);
  const strong = STRONG.test(w);
  if (!strong && !WEAK.test(w)) return 'none';
  if (REFERENCE.test(w)) return 'reference';
  return strong ? 'strong' : 'weak';
}

/**
 * Whether an id-shaped value (a UUID, 40 hex digits) under this name is a secret: under a password,
 * a secret or a signing key it is; under a token or an API key name it is usually an id, and under
 * an encryption or master key name it is a KMS key id.
 */
export function idsAreSecretUnder(name: string | undefined): boolean {
  if (classifyName(name) !== 'strong') return false;
  return !/encryption_?key|master_?key|kms|cmk/.test(nameWords(name!));
}

/** What a secret-named value is, for messages: "a password", "a token", "a key". */
export function secretNoun(name: string | undefined): string {
  const w = name ? nameWords(name) : '';
  if (/passw|passphrase|pwd/.test(w)) return 'a password';
  if (/token|bearer/.test(w)) return 'a token';
  if (/key/.test(w)) return 'a key';
  if (/secret/.test(w)) return 'a secret';
  return 'a credential';
}

/** Names of AWS secret access keys (`aws_secret_access_key`, `secretAccessKey`, `AWS_SECRET_KEY`). */
export function isAwsSecretKeyName(name: string | undefined): boolean {
  if (!name) return false;
  const w = nameWords(name);
  return /secret_?access_?key|aws_?secret(?:_?key)?$/.test(w);
}

/** HTTP authorization headers, whose value is a scheme and a credential (`Bearer ...`, `Basic ...`). */
export function isAuthorizationHeader(name: string | undefined): boolean {
  return !!name && name.length < 32 && /^(?:proxy-)?authori[sz]ation$/i.test(name);
}
