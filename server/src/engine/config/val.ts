// A read-only view over a YAML/JSON AST node that knows its file, dereferences aliases within a
// budget, honours `<<` merge keys, recognises CloudFormation intrinsics in short and long form, and
// lets a format reader (serverless.yml) plug in variable resolution. Every value keeps its span.
import * as YAML from 'yaml';
import type { Span } from '../types.js';
import { MAX_ALIAS_DEREFS, MAX_NESTING, type ParsedDocument } from './parse.js';

/** Resolves format-specific variables (`${self:...}`, `${file(...)}`) in a scalar. */
export type VarResolver = (v: Val) => Val;

/** A template parameter's `Default`, which `!Ref` to the parameter reads as (model/params.ts). */
export interface ParamDefault {
  name: string;
  text: string;
  /** The `Default` value itself. */
  val: Val;
}

export interface ValEnv {
  resolveVars?: VarResolver;
  /** Parameters with a default, by name: `!Ref P` and `${P}` in `!Sub` read as the default. */
  params?: ReadonlyMap<string, ParamDefault>;
}

const NO_ENV: ValEnv = {};

/**
 * Nodes built by a reader for another format (Terraform, CDK): the document each one belongs to,
 * when it differs from its parent's (a module input written in another file, a JSON policy in a
 * heredoc), and the nodes that stand for a value the reader could not know (opaque, never reported).
 */
const NODE_DOCS = new WeakMap<object, ParsedDocument>();
const OPAQUE_NODES = new WeakSet<object>();

export function setNodeDoc(node: YAML.Node, doc: ParsedDocument): void {
  NODE_DOCS.set(node, doc);
}

export function markOpaque(node: YAML.Node): void {
  OPAQUE_NODES.add(node);
}

export function isOpaqueMarked(node: YAML.Node): boolean {
  return OPAQUE_NODES.has(node);
}

export type ValKind = 'map' | 'seq' | 'scalar' | 'null' | 'opaque';

export interface Entry {
  key: string;
  keySpan: Span;
  val: Val;
}

export class Val {
  /** Text that replaces the scalar's own value after variable resolution (partial interpolation). */
  resolvedText?: string;
  /** The value depends on something we cannot know statically (`${opt:...}`, `${ssm:...}`, ...). */
  opaque = false;
  /** This is the argument of a short-form intrinsic: read the node as if it had no tag. */
  untagged = false;

  constructor(
    readonly node: YAML.Node | null,
    readonly doc: ParsedDocument,
    readonly env: ValEnv = NO_ENV,
    readonly keySpan?: Span,
    readonly depth = 0,
  ) {
    if (node && OPAQUE_NODES.has(node)) this.opaque = true;
  }

  static root(doc: ParsedDocument, env: ValEnv = NO_ENV): Val | undefined {
    if (!doc.doc || doc.error) return undefined;
    const contents = doc.doc.contents as YAML.Node | null;
    return new Val(contents, (contents && NODE_DOCS.get(contents)) || doc, env);
  }

  get file(): string {
    return this.doc.file;
  }

  get span(): Span {
    const r = this.node?.range;
    if (!r) return this.keySpan ?? { file: this.doc.file, start: 0, end: 0 };
    const map = this.doc.toOriginal;
    return { file: this.doc.file, start: map ? map(r[0]) : r[0], end: map ? map(r[1]) : r[1] };
  }

  /** The key's span when this value came from a mapping, else the value's own span. */
  get anchorSpan(): Span {
    return this.keySpan ?? this.span;
  }

  get kind(): ValKind {
    if (this.opaque) return 'opaque';
    const n = this.node;
    if (!n) return 'null';
    if (YAML.isMap(n)) return 'map';
    if (YAML.isSeq(n)) return 'seq';
    if (YAML.isScalar(n)) return n.value === null ? 'null' : 'scalar';
    return 'null';
  }

  get tag(): string | undefined {
    return this.untagged ? undefined : (this.node?.tag ?? undefined);
  }

  /** The raw source text of the value. */
  get source(): string {
    const s = this.span;
    return this.doc.text.slice(s.start, s.end);
  }

  private child(node: unknown, keySpan?: Span): Val | undefined {
    if (this.depth >= MAX_NESTING) return undefined;
    let n = node as YAML.Node | null;
    if (YAML.isAlias(n)) {
      const target = this.deref(n);
      if (target === undefined) return undefined;
      n = target;
    }
    let v = new Val(n ?? null, (n && NODE_DOCS.get(n)) || this.doc, this.env, keySpan, this.depth + 1);
    if (this.env.resolveVars && YAML.isScalar(n) && typeof n.value === 'string' && n.value.includes('${')) {
      v = this.env.resolveVars(v);
    }
    return v;
  }

  private deref(alias: YAML.Alias): YAML.Node | undefined {
    const doc = this.doc;
    if (doc.aliasDerefs >= MAX_ALIAS_DEREFS) {
      doc.aliasLimitHit = true;
      return undefined;
    }
    doc.aliasDerefs++;
    const anchors = (doc.anchors ??= collectAnchors(doc));
    const at = alias.range?.[0] ?? 0;
    let found: YAML.Node | undefined;
    for (const a of anchors) {
      if (a.start >= at) break;
      if (a.name === alias.source) found = a.node;
    }
    return found;
  }

  private pairs(): YAML.Pair[] {
    return YAML.isMap(this.node) && !this.opaque ? (this.node.items as YAML.Pair[]) : [];
  }

  /** Entries and items, built once per value: rules and readers look keys up again and again. */
  private memoEntries?: Entry[];
  private memoItems?: Val[];

  /** Entries of a mapping, with `<<` merges applied (own keys win). */
  entries(): Entry[] {
    return this.ownEntries().slice();
  }

  private ownEntries(): Entry[] {
    return (this.memoEntries ??= this.readEntries());
  }

  private readEntries(): Entry[] {
    const own: Entry[] = [];
    const merged: Entry[] = [];
    for (const p of this.pairs()) {
      const k = keyText(p.key);
      if (k === undefined) continue;
      if (k === '<<' && !isQuoted(p.key)) {
        const m = this.child(p.value);
        const sources = m?.kind === 'seq' ? m.items() : m ? [m] : [];
        for (const s of sources) merged.push(...s.entries());
        continue;
      }
      const keySpan = nodeSpan((YAML.isNode(p.key) && NODE_DOCS.get(p.key)) || this.doc, p.key as YAML.Node);
      const val = this.child(p.value, keySpan) ?? new Val(null, this.doc, this.env, keySpan, this.depth + 1);
      own.push({ key: k, keySpan, val });
    }
    if (merged.length === 0) return own;
    const seen = new Set(own.map((e) => e.key));
    return [...own, ...merged.filter((e) => !seen.has(e.key))];
  }

  /** Looks up a key. `ci` matches any casing (AWS accepts `action`, `Action`, ...). */
  get(key: string, ci = false): Val | undefined {
    const want = ci ? key.toLowerCase() : key;
    if (this.memoEntries) {
      for (const e of this.memoEntries) if ((ci ? e.key.toLowerCase() : e.key) === want) return e.val;
      return undefined;
    }
    // As `entries()` would find it, without resolving the other entries (their variables, their
    // aliases): own keys first, then the `<<` merges in order.
    const merges: YAML.Pair[] = [];
    for (const p of this.pairs()) {
      const k = keyText(p.key);
      if (k === undefined) continue;
      if (k === '<<' && !isQuoted(p.key)) {
        merges.push(p);
        continue;
      }
      if ((ci ? k.toLowerCase() : k) !== want) continue;
      const keySpan = nodeSpan((YAML.isNode(p.key) && NODE_DOCS.get(p.key)) || this.doc, p.key as YAML.Node);
      return this.child(p.value, keySpan) ?? new Val(null, this.doc, this.env, keySpan, this.depth + 1);
    }
    for (const p of merges) {
      const m = this.child(p.value);
      const sources = m?.kind === 'seq' ? m.items() : m ? [m] : [];
      for (const src of sources) {
        const v = src.get(key, ci);
        if (v) return v;
      }
    }
    return undefined;
  }

  /** Follows a path of keys. */
  at(...path: string[]): Val | undefined {
    let v: Val | undefined = this;
    for (const k of path) {
      v = v?.get(k);
      if (!v) return undefined;
    }
    return v;
  }

  /** The entry for a key, with its key span. */
  entry(key: string, ci = false): Entry | undefined {
    const want = ci ? key.toLowerCase() : key;
    return this.ownEntries().find((e) => (ci ? e.key.toLowerCase() : e.key) === want);
  }

  items(): Val[] {
    return (this.memoItems ??= this.readItems()).slice();
  }

  private readItems(): Val[] {
    if (!YAML.isSeq(this.node) || this.opaque) return [];
    const out: Val[] = [];
    for (const it of this.node.items) {
      const v = this.child(it);
      if (v) out.push(v);
    }
    return out;
  }

  /** A value AWS accepts as "a string or a list of strings": the list, or just this value. */
  list(): Val[] {
    if (this.kind === 'seq' && !this.intrinsic()) return this.items();
    if (this.kind === 'null') return [];
    return [this];
  }

  /** The value as a literal string, when it is one (numbers and booleans are stringified). */
  str(): string | undefined {
    if (this.env.params) {
      const p = this.paramRef();
      if (p) return p.text;
    }
    // A tagged scalar (`!Sub '...'`) is an intrinsic, not a literal, even after variable resolution.
    if (this.opaque || this.tag?.startsWith('!') || this.isSubText()) return undefined;
    if (this.resolvedText !== undefined) return this.resolvedText;
    const n = this.node;
    if (!YAML.isScalar(n)) return undefined;
    const v = n.value;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return undefined;
  }

  bool(): boolean | undefined {
    const s = this.str()?.toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
    return undefined;
  }

  num(): number | undefined {
    const s = this.str();
    if (s === undefined || s.trim() === '') return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }

  /** `!Ref P` (or `{Ref: P}`) to a template parameter that has a default, when the model resolves them. */
  paramRef(): ParamDefault | undefined {
    const params = this.env.params;
    if (!params || this.opaque || this.untagged) return undefined;
    const n = this.node;
    let name: string | undefined;
    if (this.tag === '!Ref' && YAML.isScalar(n)) name = scalarText(n);
    else if (YAML.isMap(n) && n.items.length === 1) {
      const pair = n.items[0] as YAML.Pair;
      if (keyText(pair.key) === 'Ref') name = scalarText(pair.value);
    }
    return name !== undefined ? params.get(name) : undefined;
  }

  /**
   * A string inside a JSON document written in `Fn::Sub` text (config/embedded.ts) that holds a
   * `${...}`: it is substituted at deploy time, so it reads as a `Fn::Sub` of its own.
   */
  private isSubText(): boolean {
    if (!this.doc.embedded?.sub || this.untagged) return false;
    const n = this.node;
    return YAML.isScalar(n) && typeof n.value === 'string' && n.value.includes('${');
  }

  /** A CloudFormation intrinsic function, in short-tag (`!Ref X`) or long form (`{Ref: X}`). */
  intrinsic(): { fn: string; arg: Val } | undefined {
    if (this.opaque || !this.node) return undefined;
    if (this.isSubText()) {
      const arg = new Val(this.node, this.doc, this.env, undefined, this.depth + 1);
      arg.untagged = true;
      return { fn: 'Fn::Sub', arg };
    }
    const tag = this.tag;
    if (tag && tag.startsWith('!')) {
      const name = tag.slice(1);
      const fn = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
      // The tagged node itself is the argument, read without its tag.
      const arg = new Val(this.node, this.doc, this.env, undefined, this.depth + 1);
      arg.untagged = true;
      return { fn, arg };
    }
    if (YAML.isMap(this.node) && this.node.items.length === 1) {
      const e = this.entries()[0];
      if (e && (e.key === 'Ref' || e.key === 'Condition' || e.key.startsWith('Fn::'))) return { fn: e.key, arg: e.val };
    }
    return undefined;
  }

  /** Logical id named by `Ref X`, `GetAtt X.Arn`, `GetAtt [X, Arn]`, or `Sub '${X.Arn}'` (whole string). */
  refTarget(): { id: string; attr?: string } | undefined {
    const i = this.intrinsic();
    if (!i) return undefined;
    if (i.fn === 'Ref') {
      const s = scalarText(i.arg.node);
      return s ? { id: s } : undefined;
    }
    if (i.fn === 'Fn::GetAtt') {
      const s = scalarText(i.arg.node);
      if (s) {
        const dot = s.indexOf('.');
        return dot > 0 ? { id: s.slice(0, dot), attr: s.slice(dot + 1) } : { id: s };
      }
      const parts = i.arg.items().map((x) => scalarText(x.node));
      if (parts[0]) return { id: parts[0], attr: parts[1] ?? undefined };
    }
    if (i.fn === 'Fn::Sub') {
      const s = scalarText(i.arg.node) ?? scalarText(i.arg.items()[0]?.node ?? null);
      const m = s ? /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(s) : null;
      if (m) return { id: m[1], attr: m[2] };
    }
    return undefined;
  }

  /** Possible values: the branches of `Fn::If` (recursively), none for `Ref AWS::NoValue`, else itself. */
  alternatives(limit = 16): Val[] {
    const i = this.intrinsic();
    if (i?.fn === 'Fn::If') {
      const branches = i.arg.items().slice(1, 3);
      return branches.flatMap((b) => b.alternatives(limit)).slice(0, limit);
    }
    if (i?.fn === 'Ref' && scalarText(i.arg.node) === 'AWS::NoValue') return [];
    return [this];
  }

  /**
   * Walks every value below this one (iteratively, depth-bounded), including this one. The callback
   * returns false to skip a value's children.
   */
  walk(visit: (v: Val) => boolean | void, maxNodes = 200_000): void {
    const stack: Val[] = [this];
    let count = 0;
    while (stack.length > 0 && count++ < maxNodes) {
      const v = stack.pop()!;
      if (visit(v) === false) continue;
      if (v.kind === 'map') {
        const es = v.entries();
        for (let i = es.length - 1; i >= 0; i--) stack.push(es[i].val);
      } else if (v.kind === 'seq') {
        const its = v.items();
        for (let i = its.length - 1; i >= 0; i--) stack.push(its[i]);
      }
    }
  }
}

export function scalarText(node: unknown): string | undefined {
  if (!YAML.isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function keyText(key: unknown): string | undefined {
  if (YAML.isScalar(key)) {
    const v = key.value;
    return v === null ? '' : String(v);
  }
  return undefined;
}

function isQuoted(key: unknown): boolean {
  return YAML.isScalar(key) && (key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE');
}

export function nodeSpan(doc: ParsedDocument, node: YAML.Node | null | undefined): Span {
  const r = node?.range;
  const map = doc.toOriginal ?? ((n: number) => n);
  return { file: doc.file, start: map(r?.[0] ?? 0), end: map(r?.[1] ?? 0) };
}

/** Anchors in source order, gathered with an explicit stack (no recursion on deep documents). */
function collectAnchors(doc: ParsedDocument): { name: string; start: number; node: YAML.Node }[] {
  const out: { name: string; start: number; node: YAML.Node }[] = [];
  const root = doc.doc?.contents as YAML.Node | null | undefined;
  if (!root) return out;
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0 && count++ < 500_000) {
    const n = stack.pop();
    if (YAML.isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (!YAML.isNode(n)) continue;
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) out.push({ name: anchor, start: n.range?.[0] ?? 0, node: n });
    if (YAML.isCollection(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
