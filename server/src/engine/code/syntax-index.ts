// One walk of a parsed file, shared by every code rule: all nodes in document order, and buckets by
// kind. A 5,000-line handler has some 60,000 nodes; each rule walking them again with
// ts.forEachChild cost 10-40 ms per keystroke, so rules ask this index instead. For a file being
// edited the walk is kept per top-level statement: the incremental parse (ts.updateSourceFile) hands
// the statements an edit does not touch over to the new tree as the same node objects, whole
// subtrees, so a keystroke walks only the statement it is in.
import ts from 'typescript';

interface Index {
  all: ts.Node[];
  /** Built on first use. */
  byKind?: Map<ts.SyntaxKind, ts.Node[]>;
  stretches?: Map<ts.Node, [number, number]>;
}

const cache = new WeakMap<ts.SourceFile, Index>();
/** Trees derived from a previous version by the incremental parse: indexed statement by statement. */
const edited = new WeakSet<ts.SourceFile>();
/** A top-level statement's nodes (the statement first), for the trees indexed statement by statement. */
const perStatement = new WeakMap<ts.Node, ts.Node[]>();

/**
 * Marks a tree that `ts.updateSourceFile` derived from the previous version (a file being edited):
 * its index keeps each statement's nodes, for the next version to take over. A tree parsed from
 * scratch (a scan) is indexed in one walk, and keeps nothing per statement.
 */
export function indexByStatement(sf: ts.SourceFile): void {
  edited.add(sf);
}

/** Whether the tree is one of a file being edited (derived by the incremental parse): worth keeping facts per statement for. */
export function isEditedTree(sf: ts.SourceFile): boolean {
  return edited.has(sf);
}

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

/**
 * The nodes of one top-level statement of `sf`, in document order, the statement first: kept per
 * statement for a tree being edited, else the statement's stretch of the file's index.
 */
export function statementNodes(sf: ts.SourceFile, st: ts.Statement): readonly ts.Node[] {
  if (edited.has(sf)) return partOf(st);
  const idx = indexOf(sf);
  const r = stretches(sf, idx).get(st);
  return r ? idx.all.slice(r[0], r[1]) : walked(st);
}

/** Where each of the file's children (its statements, the end-of-file token) begins and ends in its index. */
function stretches(sf: ts.SourceFile, idx: Index): Map<ts.Node, [number, number]> {
  if (idx.stretches) return idx.stretches;
  const kids: ts.Node[] = [];
  ts.forEachChild(sf, (c) => void kids.push(c));
  const out = new Map<ts.Node, [number, number]>();
  let k = 0;
  let start = -1;
  for (let i = 0; i < idx.all.length && k < kids.length; i++) {
    if (idx.all[i] !== kids[k]) continue;
    if (k > 0) out.set(kids[k - 1], [start, i]);
    start = i;
    k++;
  }
  if (k > 0) out.set(kids[k - 1], [start, idx.all.length]);
  return (idx.stretches = out);
}

function walked(st: ts.Node): ts.Node[] {
  const nodes: ts.Node[] = [];
  walk(st, nodes);
  return nodes;
}

function partOf(st: ts.Node): ts.Node[] {
  let nodes = perStatement.get(st);
  if (!nodes) {
    nodes = [];
    walk(st, nodes);
    perStatement.set(st, nodes);
  }
  return nodes;
}

function build(sf: ts.SourceFile): Index {
  const all: ts.Node[] = [];
  if (!edited.has(sf)) {
    walk(sf, all);
    return { all };
  }
  all.push(sf);
  // The file's children: its statements, then the end-of-file token.
  ts.forEachChild(sf, (st) => {
    for (const n of partOf(st)) all.push(n);
  });
  return { all };
}

function indexOf(sf: ts.SourceFile): Index {
  let idx = cache.get(sf);
  if (!idx) {
    idx = build(sf);
    cache.set(sf, idx);
  }
  return idx;
}

function ofKind(idx: Index, kind: ts.SyntaxKind): readonly ts.Node[] {
  if (!idx.byKind) {
    const byKind = new Map<ts.SyntaxKind, ts.Node[]>();
    for (const n of idx.all) {
      const bucket = byKind.get(n.kind);
      if (bucket) bucket.push(n);
      else byKind.set(n.kind, [n]);
    }
    idx.byKind = byKind;
  }
  return idx.byKind.get(kind) ?? [];
}

/** Every node of the file, in document order (parents before children). */
export function allNodes(sf: ts.SourceFile): readonly ts.Node[] {
  return indexOf(sf).all;
}

/** The nodes of one kind, in document order. */
export function nodesOfKind<T extends ts.Node = ts.Node>(sf: ts.SourceFile, kind: ts.SyntaxKind): readonly T[] {
  return ofKind(indexOf(sf), kind) as readonly T[];
}

/** The nodes of several kinds, in document order. */
export function nodesOfKinds(sf: ts.SourceFile, kinds: readonly ts.SyntaxKind[]): ts.Node[] {
  const idx = indexOf(sf);
  const out: ts.Node[] = [];
  for (const k of kinds) for (const n of ofKind(idx, k)) out.push(n);
  // Document order: by start, and an enclosing node before what it contains.
  if (kinds.length > 1) out.sort((a, b) => a.pos - b.pos || b.end - a.end);
  return out;
}
