// The syntax tree of a Python file as plain objects, built from its tree-sitter tree. Reading a
// tree-sitter node crosses into WebAssembly and allocates (about half a microsecond a node), so
// the analyses walk this copy instead: one pass with a cursor, keeping named nodes, their field in
// the parent, the text of leaves and the operators. On a new version of the file, the top-level
// statements whose text did not change are taken over from the previous version's tree (and moved
// by the length of the edit before them), so that a keystroke converts only the statement it is in.
// An AST belongs to the newest version of its file: taking statements over moves them in place.
import type { Tree } from '../util/tree-sitter.js';

export interface PyNode {
  /** The tree-sitter node type (`call`, `identifier`, `function_definition`, `ERROR`...). */
  readonly type: string;
  start: number;
  end: number;
  /** Named children in order, comments left out. */
  readonly children: PyNode[];
  /** The field this node fills in its parent (`left`, `body`, `function`...), or ''. */
  field: string;
  parent: PyNode | undefined;
  /** The source text of a leaf (identifier, number, string part, keyword) and of string content; '' for other inner nodes. */
  readonly text: string;
  /** Anonymous tokens that carry meaning: operators (`+`, `not in`, `and`, `+=`), `async`. */
  readonly ops?: string[];
}

export interface PyModule {
  root: PyNode;
  /** The top-level statements, by their text, for the next version to take over. */
  readonly byText: Map<string, PyNode[]>;
  /** Every node by type, built on first use (for rules that look for one kind of node). */
  byType?: Map<string, PyNode[]>;
  /** Built from the previous version's AST, or for a file open in an editor (the file is being edited). */
  readonly edited?: boolean;
}

/** Anonymous tokens worth keeping: operators and a few keywords. Punctuation is dropped. */
const KEPT_TOKEN_FIELDS = new Set(['operator', 'operators']);
const KEPT_KEYWORDS = new Set(['async', 'not']);

/** The first child filling `field`. */
export function child(n: PyNode, field: string): PyNode | undefined {
  for (const c of n.children) if (c.field === field) return c;
  return undefined;
}

/** Every child filling `field`. */
export function childrenOf(n: PyNode, field: string): PyNode[] {
  return n.children.filter((c) => c.field === field);
}

/**
 * The plain tree of `tree`. `previous` is the AST of the previous version of the same file, when
 * there is one: its unchanged top-level statements are reused.
 */
export function buildPyModule(tree: Tree, text: string, previous?: PyModule, editing = false): PyModule {
  const cursor = tree.walk();
  const table = typeTable(tree.language);
  const types = table.names;
  const root: PyNode = { type: 'module', start: 0, end: text.length, children: [], field: '', parent: undefined, text: '' };
  const byText = new Map<string, PyNode[]>();
  const reusable = previous?.byText;
  const taken = new Map<string, number>();
  if (cursor.gotoFirstChild()) {
    do {
      if (!cursor.nodeIsNamed) continue;
      const type = types[cursor.nodeTypeId];
      if (type === 'comment') continue;
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      const src = text.slice(start, end);
      let node: PyNode | undefined;
      const candidates = reusable?.get(src);
      const k = candidates ? (taken.get(src) ?? 0) : 0;
      if (candidates && k < candidates.length) {
        const old = candidates[k];
        taken.set(src, k + 1);
        if (old.type === type) {
          node = old;
          if (old.start !== start) shift(old, start - old.start);
        }
      }
      node ??= convertSubtree(cursor, text, table);
      node.parent = root;
      node.field = '';
      root.children.push(node);
      (byText.get(src) ?? byText.set(src, []).get(src)!).push(node);
    } while (cursor.gotoNextSibling());
  }
  cursor.delete();
  return previous || editing ? { root, byText, edited: true } : { root, byText };
}

/** Moves a subtree by `delta` (iteratively: nesting depth is the input's). */
function shift(n: PyNode, delta: number): void {
  const stack = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    x.start += delta;
    x.end += delta;
    for (const c of x.children) stack.push(c);
  }
}

type Cursor = ReturnType<Tree['walk']>;

/** What the conversion needs to know of each node type, by type id (read from the language once). */
interface TypeTable {
  names: string[];
  named: boolean[];
  /** Anonymous tokens kept: operators (by field) and a few keywords. */
  kept: boolean[];
  fields: (string | null)[];
}

const tables = new WeakMap<object, TypeTable>();
const ERROR_SYMBOL = 65535;

function typeTable(lang: Tree['language']): TypeTable {
  let t = tables.get(lang);
  if (t) return t;
  const names: string[] = [];
  const named: boolean[] = [];
  const kept: boolean[] = [];
  for (let id = 0; id < lang.nodeTypeCount; id++) {
    const name = lang.types[id] ?? '';
    names.push(name);
    const isNamed = lang.nodeTypeIsNamed(id);
    named.push(isNamed);
    // Operator tokens are made of symbols or are the word operators; keywords we keep by name.
    kept.push(!isNamed && (KEPT_KEYWORDS.has(name) || /^[-+*/%@&|^~<>=!]+$|^(and|or|in|not in|is|is not)$/.test(name)));
  }
  // The error symbol (65535, past the grammar's own types) is a named node: keep what it holds.
  names[ERROR_SYMBOL] = 'ERROR';
  named[ERROR_SYMBOL] = true;
  kept[ERROR_SYMBOL] = false;
  t = { names, named, kept, fields: lang.fields };
  tables.set(lang, t);
  return t;
}

/** Converts the node under the cursor and everything below it; the cursor ends where it started. */
function convertSubtree(cursor: Cursor, text: string, table: TypeTable): PyNode {
  const { names, named, kept, fields } = table;
  const top: PyNode = { type: names[cursor.nodeTypeId], start: cursor.startIndex, end: cursor.endIndex, children: [], field: '', parent: undefined, text: '' };
  if (!cursor.gotoFirstChild()) return { ...top, text: text.slice(top.start, top.end) };
  // An explicit stack of the nodes being filled; the cursor moves in step with it.
  const stack: PyNode[] = [top];
  for (;;) {
    const parent = stack[stack.length - 1];
    let descended = false;
    const typeId = cursor.nodeTypeId;
    if (named[typeId]) {
      const type = names[typeId];
      if (type !== 'comment') {
        const n: PyNode = { type, start: cursor.startIndex, end: cursor.endIndex, children: [], field: fields[cursor.currentFieldId] ?? '', parent, text: '' };
        // String content keeps its text even around escape sequences.
        if (type === 'string_content') (n as { text: string }).text = text.slice(n.start, n.end);
        parent.children.push(n);
        if (cursor.gotoFirstChild()) {
          stack.push(n);
          descended = true;
        } else {
          (n as { text: string }).text = text.slice(n.start, n.end);
        }
      }
    } else if (kept[typeId]) {
      const tok = names[typeId];
      const field = fields[cursor.currentFieldId] ?? '';
      if (KEPT_TOKEN_FIELDS.has(field) || KEPT_KEYWORDS.has(tok)) ((parent as { ops?: string[] }).ops ??= []).push(tok);
    }
    if (descended) continue;
    // Next sibling, or climb until there is one.
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      const done = stack.pop()!;
      if (done.children.length === 0) (done as { text: string }).text = text.slice(done.start, done.end);
      if (stack.length === 0) return top;
    }
  }
}

/** Every node of one top-level statement, by type, in document order: kept with the statement while it is taken over. */
const statementIndex = new WeakMap<PyNode, Map<string, PyNode[]>>();

function indexStatement(st: PyNode): Map<string, PyNode[]> {
  let idx = statementIndex.get(st);
  if (idx) return idx;
  idx = new Map();
  const stack: PyNode[] = [st];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const list = idx.get(n.type);
    if (list) list.push(n);
    else idx.set(n.type, [n]);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  statementIndex.set(st, idx);
  return idx;
}

/**
 * Every node of the module, by type (built once per AST, from the statements' own indexes: on a
 * keystroke only the edited statement is walked again).
 */
export function nodesByType(m: PyModule): Map<string, PyNode[]> {
  if (m.byType) return m.byType;
  const out = new Map<string, PyNode[]>([['module', [m.root]]]);
  for (const st of m.root.children) {
    for (const [type, nodes] of indexStatement(st)) {
      const list = out.get(type);
      if (list) for (const n of nodes) list.push(n);
      else out.set(type, nodes.slice());
    }
  }
  m.byType = out;
  return out;
}

/** The nodes of one type in a module, from its statements' indexes (not every type's list). */
const oneType = new WeakMap<PyModule, Map<string, PyNode[]>>();

function nodesOfType(m: PyModule, type: string): PyNode[] {
  // A file parsed for a scan: most rules ask for some type, so every type's list is built at once.
  if (m.byType || !m.edited) return nodesByType(m).get(type) ?? [];
  let lists = oneType.get(m);
  if (!lists) oneType.set(m, (lists = new Map()));
  let out = lists.get(type);
  if (!out) {
    out = type === 'module' ? [m.root] : [];
    for (const st of m.root.children) for (const n of indexStatement(st).get(type) ?? []) out.push(n);
    lists.set(type, out);
  }
  return out;
}

/** The nodes of some types, in document order. */
export function nodesOf(m: PyModule, types: readonly string[]): PyNode[] {
  if (types.length === 1) return nodesOfType(m, types[0]);
  // Statement by statement: only each statement's few nodes need ordering.
  const out: PyNode[] = [];
  for (const st of m.root.children) {
    const idx = indexStatement(st);
    const part: PyNode[] = [];
    for (const t of types) for (const n of idx.get(t) ?? []) part.push(n);
    if (part.length > 1) part.sort(preorder);
    for (const n of part) out.push(n);
  }
  return out;
}

/** The nodes of some types in one top-level statement (the statement included), in document order. */
export function statementNodes(st: PyNode, types: readonly string[]): PyNode[] {
  const idx = indexStatement(st);
  if (types.length === 1) return idx.get(types[0]) ?? [];
  const out: PyNode[] = [];
  for (const t of types) for (const n of idx.get(t) ?? []) out.push(n);
  return out.length > 1 ? out.sort(preorder) : out;
}

/** Document order: by start, an enclosing node before the nodes it holds (even when they span the same text). */
function preorder(a: PyNode, b: PyNode): number {
  return a.start - b.start || b.end - a.end || depth(a) - depth(b);
}

function depth(n: PyNode): number {
  let d = 0;
  for (let p = n.parent; p; p = p.parent) d++;
  return d;
}

/** The enclosing node of one of the given types. */
export function ancestor(n: PyNode, types: ReadonlySet<string>): PyNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (types.has(p.type)) return p;
  return undefined;
}
