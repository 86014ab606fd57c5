// Recognising credentials written as literals: known token formats (any name), and secret-named
// settings whose value looks like a real secret rather than a placeholder or a reference.

export interface SecretMatch {
  /** What it looks like, for the message ("an AWS access key ID"). */
  kind: string;
  /** Matched by format (high confidence) or by the setting's name. */
  by: 'format' | 'name';
}

const FORMATS: { re: RegExp; kind: string }[] = [
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
  { re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, kind: 'a JSON Web Token' },
];

/** Names of settings that hold secrets. */
const SECRET_NAME = /(passw(or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|client[_-]?secret|access[_-]?key|signing[_-]?key|credentials?|auth[_-]?key|encryption[_-]?key|webhook[_-]?secret)/i;
/** ...unless the name says the value only points at one. */
const REFERENCE_NAME = /(_|-|\b)(arn|name|names|table|param|parameter|path|id|ids|url|uri|endpoint|header|field|ttl|length|expiry|expires|expiration|type|region|bucket|prefix|key_?id|version|enabled|required|file|location|queue|topic|stream|policy|provider|issuer|audience|algorithm|alg|scope|user|username|mode|duration)$/i;
const PLACEHOLDER = /^(?:|x+|\*+|\.+|-+|changeme|change[_-]?me|password|secret|token|example|sample|dummy|test|testing|todo|tbd|none|null|undefined|placeholder|your[_-].*|my[_-]?(password|secret|token|key)|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|replace[_-]?me|fixme|n\/a|default)$/i;

/** Values that say they are not real: "KEYEXAMPLE1234", "REPLACE-WITH-YOUR-SECRET-HERE", "<<Enter your key>>". */
const PLACEHOLDER_PART = /example|sample|dummy|placeholder|replace|your[-_ ]|enter[-_ ]|insert[-_ ]|fake|mock|<[^>]*>|xxxx/i;

function entropy(s: string): number {
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
export function isReference(value: string): boolean {
  return /\$\{|\{\{resolve:|^arn:|^\/[\w./-]+$|^ssm:|^secretsmanager:|^https?:\/\/[^@]*$/.test(value);
}

export function detectByFormat(value: string): SecretMatch | undefined {
  if (value.length < 16 || value.length > 20_000) return undefined;
  for (const f of FORMATS) if (f.re.test(value)) return { kind: f.kind, by: 'format' };
  return undefined;
}

/** `name` holds a secret and `value` looks like a real one (not a placeholder, reference or flag). */
export function detectByName(name: string, value: string): SecretMatch | undefined {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'); // camelCase -> camel_Case
  if (!SECRET_NAME.test(words) || REFERENCE_NAME.test(words)) return undefined;
  const v = value.trim();
  if (v.length < 8 || v.length > 2048 || PLACEHOLDER.test(v) || PLACEHOLDER_PART.test(v) || isReference(v)) return undefined;
  // JSONPath (Step Functions `$.input`) and a single word or two (`MyAPIkey`) are not credentials.
  if (v.startsWith('$') || name.endsWith('.$')) return undefined;
  if (/^[A-Za-z]+([-_ ][A-Za-z]+)?$/.test(v) && v.length <= 16) return undefined;
  if (/^(true|false|yes|no|on|off|\d+(\.\d+)?)$/i.test(v)) return undefined;
  if (/\s/.test(v) && v.split(/\s+/).length > 3) return undefined; // a sentence, not a credential
  if (entropy(v) < 2.5) return undefined;
  return { kind: 'a credential', by: 'name' };
}

export function detectSecret(name: string | undefined, value: string): SecretMatch | undefined {
  if (isReference(value) && !/:\/\/[^\s:@/]+:[^\s@/]+@/.test(value)) return undefined;
  return detectByFormat(value) ?? (name ? detectByName(name, value) : undefined);
}
