// Whether a new version of a code file means the same as the one before: the edit changed only
// comments and layout the syntax tree does not hold (spaces, blank lines, a comment's text), so
// every analysis of it gives the same results, moved by the edit. Both parsers reuse the unchanged
// parts of the previous tree (ts.updateSourceFile keeps node objects; the Python AST takes over
// unchanged statements), so only the subtrees around the edit are compared, ignoring positions.
// Anything the comparison does not know is a difference: the fallback is a full analysis.
// Typing code is the usual edit: the pair of nodes around the edit is compared first, so that a
// changed meaning is found at once rather than after comparing everything before it.
import ts from 'typescript';
import type { CodeFile } from './types.js';
import type { PyNode } from './python-ast.js';
import { changeRange } from './parse.js';

/** Node properties that hold positions or caches, not what the code says. */
const IGNORED = new Set(['pos', 'end', 'id', 'parent', 'modifierFlagsCache', 'transformFlags', 'original', 'emitNode', 'flowNode', 'endFlowNode', 'returnFlowNode', 'symbol', 'localSymbol', 'locals', 'nextContainer', 'jsDoc', 'jsDocCache']);

/** Compared nodes per call: past it the answer is "different" (a full analysis, never a wrong reuse). */
const MAX_COMPARED = 200_000;

export function sameMeaning(prev: CodeFile, next: CodeFile): boolean {
  if (prev.language !== next.language) return false;
  const r = changeRange(prev.text, next.text);
  const edited = { start: r.span.start, end: r.span.start + r.newLength };
  if (prev.language === 'js') return !!prev.sf && !!next.sf && sameTs(prev.sf, next.sf, edited);
  const a = prev.py;
  const b = next.py;
  if (!a || !b) return false;
  const around = pyAround(a.root, b.root, edited);
  if (around && !samePy(around[0], around[1], { n: 0 })) return false;
  return samePy(a.root, b.root, { n: 0 });
}

/** Where the edit is, in the new text's offsets. */
interface Edited {
  start: number;
  end: number;
}

/**
 * The innermost pair of nodes the full comparison pairs up (the same child index at every level,
 * from the roots) whose new node holds the edit; undefined when the trees' shapes part on the way
 * (the full comparison decides). Only the new tree's positions are read: the old tree's nodes may
 * have been moved by the incremental parse.
 */
function tsAround(a: ts.Node, b: ts.Node, e: Edited): [ts.Node, ts.Node] | undefined {
  let pair: [ts.Node, ts.Node] | undefined;
  for (let depth = 0; depth < 1000 && a !== b; depth++) {
    const ca = flatChildren(a);
    const cb = flatChildren(b);
    if (ca.length !== cb.length) return pair;
    const i = cb.findIndex((c) => c.pos <= e.start && e.end <= c.end);
    if (i < 0) return pair;
    a = ca[i];
    b = cb[i];
    pair = [a, b];
  }
  return pair;
}

function flatChildren(n: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  ts.forEachChild(n, (c) => void out.push(c), (arr) => void out.push(...arr));
  return out;
}

function pyAround(a: PyNode, b: PyNode, e: Edited): [PyNode, PyNode] | undefined {
  let pair: [PyNode, PyNode] | undefined;
  for (let depth = 0; depth < 1000 && a !== b; depth++) {
    if (a.children.length !== b.children.length) return pair;
    const i = b.children.findIndex((c) => c.start <= e.start && e.end <= c.end);
    if (i < 0) return pair;
    a = a.children[i];
    b = b.children[i];
    pair = [a, b];
  }
  return pair;
}

function sameTs(a: ts.SourceFile, b: ts.SourceFile, edited: Edited): boolean {
  if (a.languageVariant !== b.languageVariant || a.fileName !== b.fileName) return false;
  // The parser's own syntax errors (not a public field): a different count is a different parse.
  const errors = (sf: ts.SourceFile) => (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
  if (errors(a) !== errors(b)) return false;
  const around = tsAround(a, b, edited);
  if (around && !sameTsNode(around[0], around[1], { n: 0 })) return false;
  return sameChildren(a, b, { n: 0 });
}

/** The children of two nodes (as ts.forEachChild lists them, arrays kept apart), pairwise the same. */
function sameChildren(a: ts.Node, b: ts.Node, budget: { n: number }): boolean {
  const ca = childList(a);
  const cb = childList(b);
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i];
    const y = cb[i];
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let k = 0; k < x.length; k++) if (!sameTsNode(x[k], y[k], budget)) return false;
    } else if (!sameTsNode(x as ts.Node, y as ts.Node, budget)) return false;
  }
  return true;
}

function childList(n: ts.Node): (ts.Node | readonly ts.Node[])[] {
  const out: (ts.Node | readonly ts.Node[])[] = [];
  ts.forEachChild(n, (c) => void out.push(c), (arr) => void out.push(arr));
  return out;
}

function sameTsNode(a: ts.Node, b: ts.Node, budget: { n: number }): boolean {
  // A node the incremental parse took over from the previous tree is the same code.
  if (a === b) return true;
  if (++budget.n > MAX_COMPARED) return false;
  if (a.kind !== b.kind || a.flags !== b.flags) return false;
  // Every plain property (identifier and literal text, operators, type-only marks...) but positions.
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of Object.keys(ra)) {
    if (IGNORED.has(k)) continue;
    const v = ra[k];
    if (v === null || typeof v !== 'object' ? v !== rb[k] : false) return false;
  }
  for (const k of Object.keys(rb)) {
    if (IGNORED.has(k)) continue;
    const v = rb[k];
    if ((v === null || typeof v !== 'object') && !(k in ra) && v !== undefined) return false;
  }
  return sameChildren(a, b, budget);
}

function samePy(a: PyNode, b: PyNode, budget: { n: number }): boolean {
  if (a === b) return true;
  if (++budget.n > MAX_COMPARED) return false;
  if (a.type !== b.type || a.field !== b.field || a.text !== b.text || a.children.length !== b.children.length) return false;
  const oa = a.ops ?? [];
  const ob = b.ops ?? [];
  if (oa.length !== ob.length || oa.some((o, i) => o !== ob[i])) return false;
  for (let i = 0; i < a.children.length; i++) if (!samePy(a.children[i], b.children[i], budget)) return false;
  return true;
}
