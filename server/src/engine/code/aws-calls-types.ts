// The AWS API calls handler code makes, as the least-privilege rules see them. Language neutral:
// aws-calls-js.ts and aws-calls-python.ts produce these from JS/TS and Python code.
import type { Span } from '../types.js';

/** How the code names the resource a call acts on. */
export type ResourceRef =
  | { kind: 'env'; name: string }
  | { kind: 'literal'; text: string };

export interface AwsCall {
  span: Span;
  /** SDK service id (aws-sdk apis/metadata.json key): `s3`, `dynamodb`, `stepfunctions`. */
  service: string;
  /** The API operation: `PutObject`, `PutItem`. */
  operation: string;
  /** IAM actions the call needs. */
  actions: string[];
  /** Actions it may need (its content could not be read): used, never missing. */
  possible: string[];
  /** The resource, when the code names it in a way the analysis can follow. */
  resource?: ResourceRef;
  /** The call as written, for messages: `PutCommand`, `s3.putObject`, `table.put_item`. */
  text: string;
}

/** Something that keeps a function from being fully resolved: a call or an import the analysis cannot follow. */
export interface Unresolved {
  span: Span;
  reason: string;
}

export interface FileCalls {
  calls: AwsCall[];
  unresolved: Unresolved[];
}

/** Which top-level declarations of a module a caller reaches: some names, or all of it. */
export type Seeds = 'all' | Set<string>;

/** The calls one function's code can make: its handler file and the local modules it imports. */
export interface FunctionCalls {
  calls: AwsCall[];
  unresolved: Unresolved[];
  /** Code files read, handler first. */
  files: string[];
}

/** The whole of an identifier position: a literal, an environment variable, or nothing known. */
export function describeResource(r: ResourceRef | undefined): string {
  if (!r) return 'an unknown resource';
  return r.kind === 'env' ? `the resource in ${r.name}` : r.text;
}

/** Whether two results of a read are the same: plain values by content, syntax nodes (and other objects) by identity. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The reads a statement's call sites make while they are recorded (aws-calls-*-statements.ts): only
 * those made at the call sites themselves. What a read looks at inside (the declarations of a name's
 * value) is its own business, and is not recorded.
 */
export class ReadLog<R extends { out: unknown }> {
  private list?: R[];
  private inner = 0;

  /** Whether a read made now is recorded. */
  get recording(): boolean {
    return this.list !== undefined && this.inner === 0;
  }

  /** Runs `f`, recording into `list` the reads it makes at its call sites. */
  during<T>(list: R[], f: () => T): T {
    this.list = list;
    try {
      return f();
    } finally {
      this.list = undefined;
    }
  }

  /** Records a read (when recording) and gives what it gave. */
  note<T extends R>(r: T): T['out'] {
    if (this.recording) this.list!.push(r);
    return r.out;
  }

  /** Runs `f` as one read: the reads it makes are not recorded. */
  inside<T>(f: () => T): T {
    this.inner++;
    try {
      return f();
    } finally {
      this.inner--;
    }
  }
}
