// Handler code as the engine sees it.
import type ts from 'typescript';
import type { FunctionModel, Trigger } from '../model/types.js';
import type { LineIndex } from '../util/lines.js';
import type { Tree } from '../util/tree-sitter.js';
import type { PyModule, PyNode } from './python-ast.js';

export interface CodeFile {
  file: string;
  text: string;
  lines: LineIndex;
  language: 'js' | 'python';
  /** The TypeScript AST (JS and TS). */
  sf?: ts.SourceFile;
  /** Python: the tree-sitter tree, parsed once per version (incrementally from the previous one). Read it with `pythonTree()`. */
  readonly tree?: Tree;
  /** Python: the same tree as plain objects, for the analyses (code/python-ast.ts). */
  readonly py?: PyModule;
  /**
   * Python: frees the tree-sitter tree (WebAssembly memory, which never shrinks) when no analysis
   * of this version needs it any more, as after a workspace scan. Asking for `tree` again parses the
   * text again, from scratch.
   */
  releaseTree?(): void;
  /**
   * A parsed version of the file whose code means the same: this one differs from it only inside a
   * comment, and is parsed only when something asks for its tree.
   */
  readonly sameMeaningAs?: CodeFile;
}

/** A function this file exports that runs as a Lambda handler. */
export interface HandlerBinding {
  /** The export path, e.g. ['handler']. */
  exportPath: string[];
  /** The handler function node, when found (JS/TS). */
  node?: ts.FunctionLikeDeclaration;
  /** The handler function, when found (Python: a `function_definition`). */
  pyNode?: PyNode;
  /** The function in config that names this handler; undefined when found by shape. */
  fn?: FunctionModel;
  /** The triggers the config names. Empty: not known from config (the analysis infers them from the code). */
  triggers: Trigger[];
  /** A Powertools event-handler route (Python `@app.get("/x")`): called by the resolver with the path parameters. */
  route?: { resolverClass?: string; path?: string };
}
