// One walk of a parsed file, shared by every code rule: all nodes in document order, and buckets by
// kind. A 5,000-line handler has some 60,000 nodes; each rule walking them again with
// ts.forEachChild cost 10-40 ms per keystroke, so rules ask this index instead. The walk is kept per
// top-level statement: the incremental parse (ts.updateSourceFile) hands the statements an edit does
// not touch over to the new tree as the same node objects, whole subtrees, so a keystroke walks only
// the statement it is in.
import ts from 'typescript';

interface Index {
  all: ts.Node[];
  byKind: Map<ts.SyntaxKind, ts.Node[]>;
}

const cache = new WeakMap<ts.SourceFile, Index>();
/** A top-level statement's nodes, in document order (the statement first). */
const perStatement = new WeakMap<ts.Node, ts.Node[]>();

function walk(root: ts.Node, all: ts.Node[]): void {
  const stack: ts.Node[] = [root];
  const children: ts.Node[] = [];
  const collect = (c: ts.Node) => {
    children.push(c);
  };
  while (stack.length > 0) {
    const n = stack.pop()!;
    all.push(n);
    children.length = 0;
    ts.forEachChild(n, collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The nodes of one top-level statement (or the end-of-file token), in document order, the statement first. */
export function statementNodes(st: ts.Node): readonly ts.Node[] {
  let nodes = perStatement.get(st);
  if (!nodes) {
    nodes = [];
    walk(st, nodes);
    perStatement.set(st, nodes);
  }
  return nodes;
}

function build(sf: ts.SourceFile): Index {
  const all: ts.Node[] = [sf];
  // The file's children: its statements, then the end-of-file token.
  ts.forEachChild(sf, (st) => {
    for (const n of statementNodes(st)) all.push(n);
  });
  const byKind = new Map<ts.SyntaxKind, ts.Node[]>();
  for (const n of all) {
    const bucket = byKind.get(n.kind);
    if (bucket) bucket.push(n);
    else byKind.set(n.kind, [n]);
  }
  return { all, byKind };
}

function indexOf(sf: ts.SourceFile): Index {
  let idx = cache.get(sf);
  if (!idx) {
    idx = build(sf);
    cache.set(sf, idx);
  }
  return idx;
}

/** Every node of the file, in document order (parents before children). */
export function allNodes(sf: ts.SourceFile): readonly ts.Node[] {
  return indexOf(sf).all;
}

/** The nodes of one kind, in document order. */
export function nodesOfKind<T extends ts.Node = ts.Node>(sf: ts.SourceFile, kind: ts.SyntaxKind): readonly T[] {
  return (indexOf(sf).byKind.get(kind) ?? []) as T[];
}

/** The nodes of several kinds, in document order. */
export function nodesOfKinds(sf: ts.SourceFile, kinds: readonly ts.SyntaxKind[]): ts.Node[] {
  const idx = indexOf(sf);
  const out: ts.Node[] = [];
  for (const k of kinds) for (const n of idx.byKind.get(k) ?? []) out.push(n);
  // Document order: by start, and an enclosing node before what it contains.
  if (kinds.length > 1) out.sort((a, b) => a.pos - b.pos || b.end - a.end);
  return out;
}
