// Serverless Framework variables. `${self:...}` and `${file(./x.yml):key}` are resolved (across
// files, so that a finding lands in the included file); `${opt:}`, `${env:}`, `${sls:}`, `${param:}`,
// `${ssm:}`, `${aws:}`, `${cf:}` and anything else stay opaque: they never crash and never produce a
// finding. Nothing is executed: `${file(./x.js)}` is opaque too.
import * as path from 'node:path';
import type { ParsedDocument } from './parse.js';
import { Val, type ValEnv } from './val.js';
import type { Span } from '../types.js';

const MAX_RESOLVE_DEPTH = 16;
/** Variable resolutions per service (memoised ones are free): past this, variables stay opaque. */
export const MAX_RESOLVE_STEPS = 20_000;

export type DocLoader = (file: string) => ParsedDocument | undefined;

interface Piece {
  /** Literal text, or a variable expression (the text between `${` and its matching `}`). */
  text: string;
  isVar: boolean;
}

/**
 * What serverless treats as a variable: `source:address` or `source(args)`, with a single colon
 * (`self:`, `opt:`, `file(`...). `${AWS::Region}` (a double colon) and `${Bucket.Arn}` are not.
 */
const SLS_VARIABLE = /^\s*[A-Za-z][A-Za-z0-9_-]*(?:\(|:(?!:))/;

/** Splits a string into literal text and top-level `${...}` expressions (nesting-aware, linear). */
export function splitVars(s: string): Piece[] {
  const out: Piece[] = [];
  let lit = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < s.length && depth > 0; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
      }
      if (depth !== 0) {
        lit += s.slice(i);
        break;
      }
      const expr = s.slice(i + 2, j - 1);
      if (!SLS_VARIABLE.test(expr)) {
        // `${AWS::Region}`, `${Bucket.Arn}`: CloudFormation `Fn::Sub` syntax, left as text by serverless.
        lit += s.slice(i, j);
        i = j - 1;
        continue;
      }
      if (lit) out.push({ text: lit, isVar: false });
      lit = '';
      out.push({ text: expr, isVar: true });
      i = j - 1;
    } else lit += s[i];
  }
  if (lit) out.push({ text: lit, isVar: false });
  return out;
}

/** Splits `a, 'b'` at top-level commas (outside quotes, parentheses and nested `${}`). */
function splitTopLevel(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of expr) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  parts.push(cur.trim());
  return parts;
}

export interface SlsVariableOptions {
  /** Called once, when the step budget stops resolution. */
  onBudget?: () => void;
  /** Whether a file is inside the workspace: an include outside it is never read. */
  inRoot?: (file: string) => boolean;
  /** An include that resolves outside the workspace (reported once per include string). */
  onOutside?: (span: Span, written: string) => void;
}

type Resolved = { val: Val } | { text: string } | { opaque: true };
const OPAQUE: Resolved = { opaque: true };

export class SlsVariables {
  readonly env: ValEnv;
  private readonly active = new Set<string>();
  private depth = 0;
  /** Each variable is resolved once (per model build, so per config version): by file, offset and depth. */
  private readonly memo = new Map<string, Val>();
  /** Resolutions cut short by a cycle or the depth bound: their results depend on the path taken, and are not memoised. */
  private cuts = 0;
  private steps = 0;
  private readonly outsideNoted = new Set<string>();
  /** Set when the step budget stopped resolution: the reader says so once, on the service file. */
  budgetHit = false;

  constructor(
    private readonly serviceDoc: ParsedDocument,
    private readonly load: DocLoader,
    private readonly filesRead: Set<string>,
    private readonly opts: SlsVariableOptions = {},
  ) {
    this.env = { resolveVars: (v) => this.resolveVal(v) };
  }

  /** The service root, with variable resolution on. */
  root(): Val | undefined {
    return Val.root(this.serviceDoc, this.env);
  }

  private resolveVal(v: Val): Val {
    const raw = (v.node as { value?: unknown } | null)?.value;
    if (typeof raw !== 'string' || !raw.includes('${')) return v;
    const key = `${v.file}:${v.span.start}`;
    const memoKey = `${key}:${v.depth}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    if (this.active.has(key) || this.depth >= MAX_RESOLVE_DEPTH) {
      this.cuts++;
      return opaqueCopy(v);
    }
    if (++this.steps > MAX_RESOLVE_STEPS) {
      if (!this.budgetHit) this.opts.onBudget?.();
      this.budgetHit = true;
      this.cuts++;
      return opaqueCopy(v);
    }
    const cutsBefore = this.cuts;
    this.active.add(key);
    this.depth++;
    try {
      const out = this.resolveNow(v, raw);
      if (this.cuts === cutsBefore) this.memo.set(memoKey, out);
      return out;
    } finally {
      this.active.delete(key);
      this.depth--;
    }
  }

  private resolveNow(v: Val, raw: string): Val {
    const pieces = splitVars(raw);
    if (!pieces.some((p) => p.isVar)) return v; // only `Fn::Sub` placeholders: nothing for serverless to resolve
    if (pieces.length === 1 && pieces[0].isVar) {
      const r = this.resolveExpr(pieces[0].text, v);
      if ('val' in r) return new Val(r.val.node, r.val.doc, this.env, v.keySpan, v.depth);
      if ('text' in r) return withText(v, r.text);
      return opaqueCopy(v);
    }
    let text = '';
    for (const p of pieces) {
      if (!p.isVar) {
        text += p.text;
        continue;
      }
      const r = this.resolveExpr(p.text, v);
      if ('text' in r) text += r.text;
      else if ('val' in r && r.val.str() !== undefined) text += r.val.str();
      else return opaqueCopy(v);
    }
    return withText(v, text);
  }

  private resolveExpr(expr: string, from: Val): Resolved {
    const [primary, ...fallbacks] = splitTopLevel(expr);
    const r = this.resolveSource(primary, from);
    if (!('opaque' in r) || fallbacks.length === 0) return r;
    // A fallback is only used when the primary is a reference we could follow but found missing.
    if (!/^(self:|file\()/.test(primary)) return OPAQUE;
    for (const f of fallbacks) {
      const lit = /^(['"])(.*)\1$/s.exec(f);
      if (lit) return { text: lit[2] };
      if (/^-?\d+(\.\d+)?$/.test(f)) return { text: f };
      if (f.startsWith('${')) {
        const inner = this.resolveSource(f.slice(2, -1), from);
        if (!('opaque' in inner)) return inner;
      }
    }
    return OPAQUE;
  }

  private resolveSource(expr: string, from: Val): Resolved {
    // A nested variable inside the address (`${self:custom.${opt:stage}}`) is resolved first.
    if (expr.includes('${')) {
      const inner = splitVars(expr);
      let text = '';
      for (const p of inner) {
        if (!p.isVar) text += p.text;
        else {
          const r = this.resolveExpr(p.text, from);
          if ('text' in r) text += r.text;
          else if ('val' in r && r.val.str() !== undefined) text += r.val.str();
          else return OPAQUE;
        }
      }
      expr = text;
    }
    if (expr.startsWith('self:')) {
      const root = this.root();
      const target = root ? walkPath(root, expr.slice(5)) : undefined;
      return target ? { val: target } : OPAQUE;
    }
    const fm = /^file\(\s*(['"]?)([^'")]+)\1\s*\)(?::(.*))?$/.exec(expr);
    if (fm) {
      const target = this.loadInclude(fm[2].trim(), from);
      if (!target) return OPAQUE;
      const sub = fm[3] ? walkPath(target, fm[3].trim()) : target;
      return sub ? { val: sub } : OPAQUE;
    }
    return OPAQUE;
  }

  private loadInclude(rel: string, from: Val): Val | undefined {
    if (!/\.(ya?ml|json)$/i.test(rel)) return undefined; // .js/.ts includes would need executing
    const serviceDir = path.dirname(this.serviceDoc.file);
    const candidates = [path.resolve(serviceDir, rel), path.resolve(path.dirname(from.file), rel)];
    const inRoot = this.opts.inRoot ?? (() => true);
    for (const c of candidates) {
      if (!inRoot(c)) continue;
      const doc = this.load(c);
      this.filesRead.add(c);
      if (doc) return Val.root(doc, this.env);
    }
    // Not found inside the workspace, and it points out of it: say so on the include, once.
    const key = `${from.file}:${from.span.start}`;
    if (candidates.some((c) => !inRoot(c)) && !this.outsideNoted.has(key)) {
      this.outsideNoted.add(key);
      this.opts.onOutside?.(from.span, rel);
    }
    return undefined;
  }
}

/** Follows `a.b.0.c` from a value. */
function walkPath(root: Val, address: string): Val | undefined {
  let v: Val | undefined = root;
  for (const part of address.split('.').filter((p) => p !== '')) {
    if (!v) return undefined;
    if (v.kind === 'seq' && /^\d+$/.test(part)) v = v.items()[Number(part)];
    else v = v.get(part);
  }
  return v;
}

function opaqueCopy(v: Val): Val {
  const c = new Val(v.node, v.doc, v.env, v.keySpan, v.depth);
  c.opaque = true;
  return c;
}

function withText(v: Val, text: string): Val {
  const c = new Val(v.node, v.doc, v.env, v.keySpan, v.depth);
  c.resolvedText = text;
  return c;
}
