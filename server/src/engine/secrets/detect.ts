// Recognising credentials written as literals: known token formats (any name), and secret-named
// settings whose value looks like a real secret rather than a placeholder or a reference. The
// name and value judgements live in names.ts and values.ts; judge.ts is the API callers use
// (`judgeSecret`), which adds what the context knows (a database's password). The functions here
// keep their signatures for existing callers.
import { MORE_FORMATS } from './formats.js';
import { classifyName, idsAreSecretUnder, isAuthorizationHeader, isAwsSecretKeyName, secretNoun } from './names.js';
import { entropy, isPlaceholder, isReferenceValue, PLACEHOLDER_PART, whyNotSecret } from './values.js';

export interface SecretMatch {
  /** What it looks like, for the message ("an AWS access key ID"). */
  kind: string;
  /** Matched by format (high confidence) or by the setting's name. */
  by: 'format' | 'name';
}

const isTokenChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
const isWordChar = (c: number) => isTokenChar(c) && c !== 45;

/**
 * `\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`, in linear time. As a regular
 * expression, every `eyJ` inside a long run of token characters (`-eyJ-eyJ...`) restarted a scan to
 * the run's end: quadratic. A dot can only follow a run at its end, so each run is judged once.
 */
export function looksLikeJwt(v: string): boolean {
  const n = v.length;
  const runEnd = (i: number) => {
    while (i < n && isTokenChar(v.charCodeAt(i))) i++;
    return i;
  };
  for (let i = v.indexOf('eyJ'); i >= 0; ) {
    let start = i;
    while (start > 0 && isTokenChar(v.charCodeAt(start - 1))) start--;
    const end = runEnd(i);
    // The leftmost `eyJ` of the run at a word boundary, with at least 10 characters after it.
    let first = -1;
    for (let s = v.indexOf('eyJ', start); s >= 0 && s < end; s = v.indexOf('eyJ', s + 1)) {
      if (s === 0 || !isWordChar(v.charCodeAt(s - 1))) {
        first = s;
        break;
      }
    }
    if (first >= 0 && end - first - 3 >= 10 && v.charCodeAt(end) === 46 && v.startsWith('eyJ', end + 1)) {
      const end2 = runEnd(end + 1);
      if (end2 - end - 1 - 3 >= 10 && v.charCodeAt(end2) === 46 && runEnd(end2 + 1) - end2 - 1 >= 10) return true;
    }
    i = v.indexOf('eyJ', Math.max(end, i + 1));
  }
  return false;
}

const FORMATS: { re: RegExp | { test: (v: string) => boolean }; kind: string }[] = [
  { re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, kind: 'an AWS access key ID' },
  { re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----/, kind: 'a private key' },
  { re: /\bxox[baprs]-[0-9A-Za-z-]{10,}/, kind: 'a Slack token' },
  { re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, kind: 'a GitHub token' },
  { re: /\bgithub_pat_[A-Za-z0-9_]{50,}\b/, kind: 'a GitHub token' },
  { re: /\b[rs]k_live_[0-9a-zA-Z]{20,}\b/, kind: 'a Stripe live key' },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/, kind: 'a Google API key' },
  { re: /\bSG\.[\w-]{16,32}\.[\w-]{16,64}\b/, kind: 'a SendGrid API key' },
  { re: /\bnpm_[A-Za-z0-9]{36}\b/, kind: 'an npm token' },
  { re: /\bglpat-[0-9A-Za-z_-]{20,}\b/, kind: 'a GitLab token' },
  { re: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|amqps?):\/\/[^\s:@/]+:[^\s@/]{3,}@[^\s]+/, kind: 'a connection string with a password' },
  { re: { test: looksLikeJwt }, kind: 'a JSON Web Token' },
];

/** A literal that refers to a secret stored elsewhere, or is computed at deploy time. */
export function isReference(value: string): boolean {
  return isReferenceValue(value);
}

export function detectByFormat(value: string): SecretMatch | undefined {
  if (value.length < 16 || value.length > 20_000) return undefined;
  for (const f of FORMATS) if (f.re.test(value)) return { kind: f.kind, by: 'format' };
  for (const f of MORE_FORMATS) if (f.re.test(value)) return { kind: f.kind, by: 'format' };
  return undefined;
}

/** The `user:password@` part of a URL, when it has one. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]{0,20}:\/\/[^\s:@/]{1,128}:([^\s@/]{1,256})@([^\s:/?#]{1,253})/i;

/** A format match that is an example, a placeholder or a template, not a credential. */
function fakeFormatMatch(value: string, kind: string): boolean {
  if (PLACEHOLDER_PART.test(value)) return true;
  if (kind === 'a private key') {
    // A PEM header alone (a constant used to parse or build keys) holds no key material.
    return !/-----BEGIN [A-Z ]{0,20}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\n){0,8}(?:[A-Za-z-]{1,40}: [^\n]{0,200}\n){0,4}\s{0,4}[A-Za-z0-9+/]{40}/.test(value);
  }
  const pw = URL_PASSWORD.exec(value.trim());
  if (pw) {
    const [, password, host] = pw;
    if (/^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|host\.docker\.internal)$/i.test(host)) return true; // a local development database
    if (isPlaceholder(password) || isReferenceValue(password) || /^(?:pass|passwd|password|pwd|secret|[*x]+)$/i.test(password)) return true;
  }
  return false;
}

/** A known credential format, unless the match is an example or a placeholder. */
export function detectRealFormat(value: string): SecretMatch | undefined {
  const m = detectByFormat(value);
  return m && !fakeFormatMatch(value, m.kind) ? m : undefined;
}

/** `Authorization: 'Bearer eyJ...'` / `'Basic dXNlcjpwYXNz'`: the credential after the scheme. */
function authorizationValue(value: string): SecretMatch | undefined {
  const m = /^(Bearer|Basic|Token|Bot|Digest)\s+(\S{8,2048})$/i.exec(value.trim());
  if (!m) return undefined;
  const credential = m[2];
  if (isPlaceholder(credential) || isReferenceValue(credential) || entropy(credential) < 3) return undefined;
  return { kind: m[1].toLowerCase() === 'basic' ? 'HTTP basic credentials' : 'a bearer token', by: 'name' };
}

/** `name` holds a secret and `value` looks like a real one (not a placeholder, reference, id or name). */
export function detectByName(name: string, value: string): SecretMatch | undefined {
  if (isAuthorizationHeader(name)) return authorizationValue(value);
  // Step Functions `Parameters`: a key ending in `.$` takes a JSONPath, never a literal.
  if (name.endsWith('.$')) return undefined;
  const cls = classifyName(name);
  if (cls === 'none' || cls === 'reference') return undefined;
  const v = value.trim();
  // AWS secret access keys have no prefix: 40 base64 characters under an AWS-secret-key name.
  if (isAwsSecretKeyName(name) && /^[A-Za-z0-9/+]{40}$/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9/+]/.test(v)) {
    return PLACEHOLDER_PART.test(v) ? undefined : { kind: 'an AWS secret access key', by: 'format' };
  }
  if (whyNotSecret(v, { strongName: idsAreSecretUnder(name) })) return undefined;
  return { kind: secretNoun(name), by: 'name' };
}

/** A known format (any name), or a secret-named value that looks real. See judge.ts for the full judgement. */
export function detectSecret(name: string | undefined, value: string): SecretMatch | undefined {
  if (value.length > 20_000) return undefined;
  return detectRealFormat(value) ?? (name ? detectByName(name, value) : undefined);
}
