// Syntax helpers of the Python walker, over the plain AST of code/python-ast.ts.
import { child, type PyNode } from '../../code/python-ast.js';
import { stringPrefix, stringText } from '../../code/python-exports.js';
import type { Span } from '../../types.js';

export { child, stringPrefix, stringText };

/** The Python node of a function value (the core keeps nodes opaque). */
export function pyFn(fn: { node: object }): PyNode {
  return fn.node as PyNode;
}

const roots = new WeakMap<PyNode, string>();

/** Records which file a module's root node belongs to (spans walk up to it). */
export function setRootFile(root: PyNode, file: string): void {
  roots.set(root, file);
}

export function fileOf(n: PyNode): string {
  let r = n;
  while (r.parent) r = r.parent;
  return roots.get(r) ?? '';
}

export function spanOfPy(n: PyNode): Span {
  return { file: fileOf(n), start: n.start, end: n.end };
}

/** `(x)` and `await x` evaluate to x. */
export function unwrap(e: PyNode): PyNode {
  while (e.type === 'parenthesized_expression' && e.children.length === 1) e = e.children[0];
  return e;
}

/** A string literal, f-string or implicit concatenation of them. */
export function isStringNode(n: PyNode): boolean {
  return n.type === 'string' || n.type === 'concatenated_string';
}

/** The constant text of a plain string (or of a concatenation of plain strings). */
export function literalText(n: PyNode): string | undefined {
  n = unwrap(n);
  if (n.type === 'string') return stringText(n);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const c of n.children) {
      const t = stringText(c);
      if (t === undefined) return undefined;
      out += t;
    }
    return out;
  }
  return undefined;
}

/** A name written in upper case (a module constant by convention). */
export function isConstantName(n: PyNode): boolean {
  return n.type === 'identifier' && /^[A-Z][A-Z0-9_]*$/.test(n.text);
}

/** A literal value: a string, a number, True/False/None, or a tuple/list/set of them. */
export function isLiteral(n: PyNode): boolean {
  n = unwrap(n);
  if (n.type === 'string') return stringText(n) !== undefined;
  if (n.type === 'concatenated_string') return literalText(n) !== undefined;
  return n.type === 'integer' || n.type === 'float' || n.type === 'true' || n.type === 'false' || n.type === 'none';
}

/** The arguments of a call: positional, keyword, `*x` and `**x`. */
export interface CallArgs {
  positional: PyNode[];
  keywords: { name: string; value: PyNode; node: PyNode }[];
  stars: PyNode[];
  doubleStars: PyNode[];
}

export function callArgs(call: PyNode): CallArgs {
  const out: CallArgs = { positional: [], keywords: [], stars: [], doubleStars: [] };
  const args = child(call, 'arguments');
  if (!args) return out;
  if (args.type === 'generator_expression') {
    out.positional.push(args);
    return out;
  }
  for (const a of args.children) {
    if (a.type === 'keyword_argument') {
      const name = child(a, 'name')?.text;
      const value = child(a, 'value');
      if (name && value) out.keywords.push({ name, value, node: a });
    } else if (a.type === 'list_splat') {
      if (a.children[0]) out.stars.push(a.children[0]);
    } else if (a.type === 'dictionary_splat') {
      if (a.children[0]) out.doubleStars.push(a.children[0]);
    } else if (a.type !== 'comment') out.positional.push(a);
  }
  return out;
}

/** The keyword argument `name` of a call, or undefined. */
export function keyword(args: CallArgs, name: string): PyNode | undefined {
  return args.keywords.find((k) => k.name === name)?.value;
}

/** `True`, a non-empty string or a non-zero number written as a literal. */
export function isTruthyLiteral(n: PyNode | undefined): boolean {
  if (!n) return false;
  n = unwrap(n);
  if (n.type === 'true') return true;
  if (n.type === 'integer') return Number(n.text) !== 0;
  const t = literalText(n);
  return t !== undefined && t !== '';
}
