// THE value judgement for hardcoded secrets, shared by every language and every config format:
// given a literal and the name it is given (a variable, property, config key, parameter), is it a
// credential? Known provider formats count whatever the name; a secret-like name counts only when
// the value looks like a real secret, not like a reference, an id, a name or a placeholder
// (values.ts says why not); a database's password counts whatever it looks like (a weak one is
// worse, not better).
import { detectRealFormat, detectSecret, type SecretMatch } from './detect.js';
import { classifyName, idsAreSecretUnder, secretNoun } from './names.js';
import { isReferenceValue, isWeakPassword, whyNotSecret, type NotSecretReason } from './values.js';

export interface SecretCandidate {
  /** The literal, as the program or the deployment sees it (escapes decoded). */
  value: string;
  /** The name the literal is given: variable, property, key, parameter or argument name. */
  name?: string;
  /**
   * The literal is the password of a database, cache or broker the config defines
   * (`MasterUserPassword` of an `AWS::RDS::DBInstance`, a function's `DB_PASSWORD` beside one).
   */
  database?: { id: string; publiclyReachable: boolean };
}

export interface SecretVerdict extends SecretMatch {
  /** A guessable password (a plain word, a word and a number): worth saying in the message. */
  weak?: boolean;
}

/** Judges one literal: a verdict when it is a credential, undefined when it is not. */
export function judgeSecret(c: SecretCandidate): SecretVerdict | undefined {
  if (c.database) {
    const cls = classifyName(c.name);
    if (cls === 'strong' || cls === 'weak') return detectRealFormat(c.value) ?? databasePassword(c.value, c.name);
  }
  return detectSecret(c.name, c.value);
}

/**
 * The password of a real database: any literal counts (a plain word is deployed as it is), except
 * a reference, an empty value, or a template placeholder that cannot deploy as written.
 */
function databasePassword(value: string, name: string | undefined): SecretVerdict | undefined {
  const v = value.trim();
  if (v.length === 0 || v.length > 2048 || isReferenceValue(v) || /^<.*>$|\{\{|\$\{|^\$[A-Z_]+$|%s/.test(v)) return undefined;
  if (/(?:^|[-_ ])(?:your|enter|insert|replace|update|fill)(?:[-_ ]|$)/i.test(v) || /^(?:true|false|x+|\*+)$/i.test(v)) return undefined;
  const noun = secretNoun(name);
  return { kind: noun === 'a credential' ? 'a password' : noun, by: 'name', weak: isWeakPassword(v) || undefined };
}

/** Why a value under `name` is not a credential (for explanations and tests), or undefined when it is one. */
export function notASecret(name: string | undefined, value: string): NotSecretReason | 'no-secret-name' | 'example-or-placeholder' | undefined {
  if (judgeSecret({ name, value })) return undefined;
  const cls = classifyName(name);
  if (cls === 'none' || cls === 'reference') return 'no-secret-name';
  return whyNotSecret(value, { strongName: idsAreSecretUnder(name) }) ?? 'example-or-placeholder';
}
