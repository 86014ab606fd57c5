// A Terraform file as a small JavaScript syntax tree: blocks, attributes and the expressions
// Terraform apps write, with exact source offsets. Parsed with the tree-sitter-terraform grammar
// (util/tree-sitter.ts); the tree-sitter tree is converted once and freed, so nothing holds on to
// WebAssembly memory. Expressions nested deeper than MAX_EXPR_DEPTH (an attacker's, not a user's)
// become `unknown`: the conversion recurses on expression nesting, but never further than that.
import { parserFor, type SyntaxNode } from '../../util/tree-sitter.js';

export const MAX_EXPR_DEPTH = 64;

interface Range {
  start: number;
  end: number;
}

/** A literal piece of a template, or an interpolation (`start`/`end` include `${` and `}`). */
export type TemplatePart = { text: string } | ({ expr: Expr } & Range);

export type Expr = Range &
  (
    | { kind: 'literal'; value: string | number | boolean | null }
    /** A string with interpolations (quoted or heredoc). `body`: the heredoc's text range. */
    | { kind: 'template'; parts: TemplatePart[]; heredoc?: Range; directives: boolean }
    | { kind: 'tuple'; items: Expr[] }
    | { kind: 'object'; elems: ObjectElem[] }
    /** `root.a.b[0]`: a traversal. Splat and non-literal index steps are '*'. */
    | { kind: 'ref'; root: string; path: (string | number)[]; splat: boolean }
    | { kind: 'call'; name: string; args: Expr[] }
    | { kind: 'cond'; cond: Expr; then: Expr; else: Expr }
    /** Anything else (operators, `for` expressions, directives): a value the evaluator cannot know. */
    | { kind: 'unknown' }
  );

export interface ObjectElem extends Range {
  /** The key, when it is a name or a literal string. */
  key?: string;
  keyStart: number;
  keyEnd: number;
  value: Expr;
}

export interface Attr extends Range {
  name: string;
  nameStart: number;
  nameEnd: number;
  value: Expr;
}

export interface Body {
  attrs: Attr[];
  blocks: Block[];
  /** Offset just after `{` (0 for a file). */
  open: number;
  /** Offset of the closing `}` (the end of the text for a file). */
  close: number;
}

export interface Block extends Range {
  type: string;
  typeEnd: number;
  labels: (Range & { value: string })[];
  body: Body;
  file: string;
}

export interface HclFile {
  file: string;
  text: string;
  blocks: Block[];
  attrs: Attr[];
  error?: { message: string; start: number; end: number };
}

const TRAVERSAL = new Set(['get_attr', 'index', 'splat']);

/** The text of the file being converted (conversion is synchronous). */
let currentText = '';

function named(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const count = n.namedChildCount;
  for (let i = 0; i < count; i++) {
    const c = n.namedChild(i);
    if (c && c.type !== 'comment') out.push(c);
  }
  return out;
}

function hasChild(n: SyntaxNode, type: string): boolean {
  for (let i = 0; i < n.childCount; i++) if (n.child(i)?.type === type) return true;
  return false;
}

/** The text of a template literal, with HCL's escapes resolved. */
function unescape(raw: string, quoted: boolean): string {
  let s = raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  if (quoted) {
    s = s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, c: string) => {
      if (c === 'n') return '\n';
      if (c === 't') return '\t';
      if (c === 'r') return '\r';
      if (c[0] === 'u' || c[0] === 'U') return String.fromCodePoint(parseInt(c.slice(1), 16));
      return c;
    });
  }
  return s;
}

const unknown = (n: SyntaxNode): Expr => ({ kind: 'unknown', start: n.startIndex, end: n.endIndex });

function templateParts(n: SyntaxNode, quoted: boolean, depth: number): { parts: TemplatePart[]; directives: boolean } {
  const parts: TemplatePart[] = [];
  let directives = false;
  for (const c of named(n)) {
    if (c.type === 'template_literal') parts.push({ text: unescape(c.text, quoted) });
    else if (c.type === 'template_interpolation') {
      const e = named(c).find((x) => x.type === 'expression');
      parts.push({ expr: e ? convertExpr(e, depth + 1) : unknown(c), start: c.startIndex, end: c.endIndex });
    } else if (c.type === 'template_directive') directives = true;
  }
  return { parts, directives };
}

function convertExpr(n: SyntaxNode, depth: number): Expr {
  const start = n.startIndex;
  const end = n.endIndex;
  if (depth > MAX_EXPR_DEPTH || n.hasError) return unknown(n);
  switch (n.type) {
    case 'expression': {
      const kids = named(n);
      if (kids.length === 0) return unknown(n);
      const head = kids[0];
      if (kids.length === 1) {
        const e = convertExpr(head, depth + 1);
        // `(expr)`: the value of the inner expression, over the whole parenthesised range.
        return hasChild(n, '(') ? { ...e, start, end } : e;
      }
      if (head.type === 'variable_expr' && kids.slice(1).every((k) => TRAVERSAL.has(k.type))) {
        const path: (string | number)[] = [];
        let splat = false;
        for (const k of kids.slice(1)) {
          if (k.type === 'get_attr') path.push(named(k).find((x) => x.type === 'identifier')?.text ?? '*');
          else if (k.type === 'splat') {
            splat = true;
            for (const g of named(named(k)[0] ?? k)) if (g.type === 'get_attr') path.push(named(g)[0]?.text ?? '*');
          } else {
            const idx = named(named(k)[0] ?? k)[0];
            const lit = idx ? convertExpr(idx, depth + 1) : undefined;
            if (lit?.kind === 'literal' && (typeof lit.value === 'number' || typeof lit.value === 'string')) path.push(lit.value);
            else {
              path.push('*');
              splat = true;
            }
          }
        }
        return { kind: 'ref', root: head.text, path, splat, start, end };
      }
      return unknown(n);
    }
    case 'variable_expr':
      return { kind: 'ref', root: n.text, path: [], splat: false, start, end };
    case 'literal_value': {
      const c = named(n)[0];
      if (!c) return unknown(n);
      if (c.type === 'numeric_lit') return { kind: 'literal', value: Number(c.text), start, end };
      if (c.type === 'bool_lit') return { kind: 'literal', value: c.text === 'true', start, end };
      if (c.type === 'null_lit') return { kind: 'literal', value: null, start, end };
      if (c.type === 'string_lit') {
        const lit = named(c).find((x) => x.type === 'template_literal');
        return { kind: 'literal', value: lit ? unescape(lit.text, true) : '', start, end };
      }
      return unknown(n);
    }
    case 'collection_value':
      return named(n)[0] ? convertExpr(named(n)[0], depth + 1) : unknown(n);
    case 'tuple':
      return { kind: 'tuple', items: named(n).filter((c) => c.type === 'expression').map((c) => convertExpr(c, depth + 1)), start, end };
    case 'object': {
      const elems: ObjectElem[] = [];
      for (const el of named(n)) {
        if (el.type !== 'object_elem') continue;
        const [k, v] = named(el).filter((x) => x.type === 'expression');
        if (!k || !v) continue;
        const key = convertExpr(k, depth + 1);
        const name = key.kind === 'ref' && key.path.length === 0 ? key.root : key.kind === 'literal' && typeof key.value === 'string' ? key.value : undefined;
        elems.push({ key: name, keyStart: k.startIndex, keyEnd: k.endIndex, value: convertExpr(v, depth + 1), start: el.startIndex, end: el.endIndex });
      }
      return { kind: 'object', elems, start, end };
    }
    case 'template_expr': {
      const t = named(n)[0];
      if (!t) return unknown(n);
      if (t.type === 'quoted_template') return { kind: 'template', ...templateParts(t, true, depth), start, end };
      if (t.type === 'heredoc_template') {
        const ids = named(t).filter((x) => x.type === 'heredoc_identifier');
        const nl = ids[0] ? currentText.indexOf('\n', ids[0].endIndex) : -1;
        const bodyEnd = ids[1] ? currentText.lastIndexOf('\n', ids[1].startIndex) : -1;
        const heredoc = nl >= 0 && bodyEnd > nl ? { start: nl + 1, end: bodyEnd } : { start: end, end };
        return { kind: 'template', ...templateParts(t, false, depth), heredoc, start, end };
      }
      return unknown(n);
    }
    case 'function_call': {
      const name = named(n).find((x) => x.type === 'identifier')?.text ?? '';
      const args = named(named(n).find((x) => x.type === 'function_arguments') ?? n).filter((x) => x.type === 'expression');
      return { kind: 'call', name, args: args.map((a) => convertExpr(a, depth + 1)), start, end };
    }
    case 'conditional': {
      const [c, a, b] = named(n).filter((x) => x.type === 'expression');
      if (!c || !a || !b) return unknown(n);
      return { kind: 'cond', cond: convertExpr(c, depth + 1), then: convertExpr(a, depth + 1), else: convertExpr(b, depth + 1), start, end };
    }
    default:
      return unknown(n);
  }
}

function convertBody(n: SyntaxNode | undefined, open: number, close: number, file: string, blockDepth: number): Body {
  const body: Body = { attrs: [], blocks: [], open, close };
  if (!n) return body;
  for (const c of named(n)) {
    if (c.type === 'attribute') {
      const id = named(c).find((x) => x.type === 'identifier');
      const e = named(c).find((x) => x.type === 'expression');
      if (!id || !e) continue;
      body.attrs.push({ name: id.text, nameStart: id.startIndex, nameEnd: id.endIndex, value: convertExpr(e, 0), start: c.startIndex, end: c.endIndex });
    } else if (c.type === 'block' && blockDepth < MAX_EXPR_DEPTH) {
      body.blocks.push(convertBlock(c, file, blockDepth + 1));
    }
  }
  return body;
}

function convertBlock(n: SyntaxNode, file: string, blockDepth: number): Block {
  const kids = named(n);
  const type = kids[0];
  const labels: Block['labels'] = [];
  let open = n.endIndex;
  let close = n.endIndex;
  let body: SyntaxNode | undefined;
  for (const k of kids.slice(1)) {
    if (k.type === 'string_lit') {
      const lit = named(k).find((x) => x.type === 'template_literal');
      labels.push({ value: lit ? unescape(lit.text, true) : '', start: k.startIndex, end: k.endIndex });
    } else if (k.type === 'identifier') labels.push({ value: k.text, start: k.startIndex, end: k.endIndex });
    else if (k.type === 'block_start') open = k.endIndex;
    else if (k.type === 'block_end') close = k.startIndex;
    else if (k.type === 'body') body = k;
  }
  return {
    type: type?.text ?? '', typeEnd: type?.endIndex ?? n.startIndex, labels, file,
    body: convertBody(body, open, close, file, blockDepth), start: n.startIndex, end: n.endIndex,
  };
}

function firstError(root: SyntaxNode): SyntaxNode | undefined {
  // Iterative: the first ERROR or MISSING node in document order.
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.isMissing) return n;
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return undefined;
}

/** Parses a `.tf` (or `.tfvars`) file. A file with a syntax error keeps its error and no blocks. */
export function parseHcl(file: string, text: string): HclFile {
  const tree = parserFor('terraform').parse(text);
  currentText = text;
  if (!tree) return { file, text, blocks: [], attrs: [], error: { message: 'Could not parse this Terraform file.', start: 0, end: 0 } };
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const e = firstError(root) ?? root;
      const start = e.startIndex;
      return { file, text, blocks: [], attrs: [], error: { message: `Terraform syntax error${e.isMissing ? `: missing ${e.type}` : ''}.`, start, end: Math.max(e.endIndex, start + 1) } };
    }
    const bodyNode = named(root).find((c) => c.type === 'body');
    const body = convertBody(bodyNode, 0, text.length, file, 0);
    return { file, text, blocks: body.blocks, attrs: body.attrs };
  } finally {
    currentText = '';
    tree.delete();
  }
}
