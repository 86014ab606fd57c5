// The tree-sitter tree of a Python code file: the one accessor every Python-reading module uses, so
// that a file is parsed once per version whoever asks first.
import type { CodeFile } from './types.js';
import { parserFor, parsersReady, type Tree } from '../util/tree-sitter.js';

const trees = new WeakMap<CodeFile, Tree>();

/** The parsed tree of a Python file, or undefined for other languages or before `loadParsers()`. */
export function pythonTree(code: CodeFile): Tree | undefined {
  if (code.language !== 'python' || !parsersReady('python')) return undefined;
  let t = trees.get(code);
  if (!t) {
    const parsed = parserFor('python').parse(code.text);
    if (!parsed) return undefined;
    t = parsed;
    trees.set(code, t);
  }
  return t;
}
