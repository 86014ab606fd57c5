// The tree-sitter tree of a Python code file: the one accessor every Python-reading module uses. The
// tree is held by the CodeFile, so a file is parsed once per version (see code/parse.ts), whoever
// asks first.
import type { CodeFile } from './types.js';
import type { Tree } from '../util/tree-sitter.js';

/** The parsed tree of a Python file, or undefined for other languages or before `loadParsers()`. */
export function pythonTree(code: CodeFile): Tree | undefined {
  return code.language === 'python' ? code.tree : undefined;
}
