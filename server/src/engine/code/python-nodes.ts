// Python syntax for the analyses that read a file through node accessors (`childForFieldName`,
// `namedChildren`, `descendantsOfType`), as with a tree-sitter node, but over the plain AST of
// `code.py` (code/python-ast.ts). Reading tree-sitter nodes crosses into WebAssembly for every
// node and property; the plain AST is ordinary objects, its unchanged top-level statements are
// taken over from one version of the file to the next, and each statement keeps an index of its
// nodes by type, so that a keystroke in a 5,000-line handler walks only the statement it is in.
// Differences from tree-sitter nodes: comments are not children, and of the anonymous tokens only
// the operators are kept (`operators`). A node is a fresh view on each access, as with tree-sitter:
// compare nodes by position or by `identity`, never with `===`.
import type { CodeFile } from './types.js';
import { child, childrenOf, nodesOf, statementNodes, type PyModule, type PyNode } from './python-ast.js';

export interface PySyntax {
  readonly type: string;
  /** The node's source text. */
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly parent: PySyntax | null;
  /** Named children in order (comments left out). */
  readonly namedChildren: PySyntax[];
  readonly namedChildCount: number;
  namedChild(i: number): PySyntax | null;
  childForFieldName(field: string): PySyntax | null;
  childrenForFieldName(field: string): PySyntax[];
  /** The node and its descendants of the given types, in document order. */
  descendantsOfType(types: string | readonly string[]): PySyntax[];
  /** The operator tokens of the node (`==`, `not in`, `+`), in order. */
  readonly operators: readonly string[];
  /**
   * The same object for every view of this node, and for a top-level statement across versions of
   * the file while its text is unchanged: a key for caches of what a statement holds (offsets kept
   * relative to its start, since it moves when text before it changes).
   */
  readonly identity: object;
}

/** The root (`module`) of a Python file's syntax, or undefined for other languages or before `loadParsers()`. */
export function pythonSyntax(code: CodeFile): PySyntax | undefined {
  const m = code.language === 'python' ? code.py : undefined;
  return m ? new View(m.root, { text: code.text, module: m }) : undefined;
}

/** The view of a node of `root`'s tree (kept by its `identity`), reading the text of `root`'s version. */
export function viewOf(root: PySyntax, identity: object): PySyntax {
  return new View(identity as PyNode, (root as View).source);
}

interface Source {
  text: string;
  module: PyModule;
}

class View implements PySyntax {
  constructor(
    private readonly node: PyNode,
    private readonly src: Source,
  ) {}

  get source(): Source {
    return this.src;
  }

  get type(): string {
    return this.node.type;
  }
  get text(): string {
    return this.src.text.slice(this.node.start, this.node.end);
  }
  get startIndex(): number {
    return this.node.start;
  }
  get endIndex(): number {
    return this.node.end;
  }
  get parent(): PySyntax | null {
    return this.node.parent ? new View(this.node.parent, this.src) : null;
  }
  get namedChildren(): PySyntax[] {
    return this.node.children.map((c) => new View(c, this.src));
  }
  get namedChildCount(): number {
    return this.node.children.length;
  }
  get identity(): object {
    return this.node;
  }
  get operators(): readonly string[] {
    return this.node.ops ?? [];
  }
  namedChild(i: number): PySyntax | null {
    const c = this.node.children[i];
    return c ? new View(c, this.src) : null;
  }
  childForFieldName(field: string): PySyntax | null {
    const c = child(this.node, field);
    return c ? new View(c, this.src) : null;
  }
  childrenForFieldName(field: string): PySyntax[] {
    return childrenOf(this.node, field).map((c) => new View(c, this.src));
  }
  descendantsOfType(types: string | readonly string[]): PySyntax[] {
    const list = typeof types === 'string' ? [types] : types;
    const n = this.node;
    let found: PyNode[];
    if (n === this.src.module.root) {
      found = nodesOf(this.src.module, list);
      if (list.includes(n.type)) found = [n, ...found.filter((x) => x !== n)];
    } else if (n.parent === this.src.module.root) found = statementNodes(n, list);
    else found = walk(n, new Set(list));
    return found.map((x) => new View(x, this.src));
  }
}

/** Pre-order, with an explicit stack (nesting depth is the input's). */
function walk(top: PyNode, types: ReadonlySet<string>): PyNode[] {
  const out: PyNode[] = [];
  const stack = [top];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (types.has(n.type)) out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}
