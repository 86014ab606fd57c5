// Parsing handler code. JS and TS go through the TypeScript compiler's parser (no type checker,
// no program, no lib files: one file at a time, which keeps a keystroke cheap). The parser
// recovers from syntax errors, so a half-typed line still yields a tree to analyse. When the
// previous version of the file was parsed, the new text is parsed incrementally from it.
import ts from 'typescript';
import { LineIndex } from '../util/lines.js';
import type { CodeFile } from './types.js';

export function scriptKindOf(file: string): ts.ScriptKind {
  const f = file.toLowerCase();
  if (f.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (f.endsWith('.ts') || f.endsWith('.mts') || f.endsWith('.cts')) return ts.ScriptKind.TS;
  if (f.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** The changed region between two texts: common prefix and suffix removed. */
export function changeRange(oldText: string, newText: string): ts.TextChangeRange {
  let start = 0;
  const min = Math.min(oldText.length, newText.length);
  while (start < min && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return ts.createTextChangeRange(ts.createTextSpan(start, oldEnd - start), newEnd - start);
}

export function parseCode(file: string, text: string, language: 'js' | 'python', previous?: CodeFile): CodeFile {
  if (language === 'python') return codeFile(file, text, language, undefined);
  let sf: ts.SourceFile;
  if (previous?.sf && previous.text === text) {
    // A new version with the same text (a save, an undo back): the tree is still right.
    sf = previous.sf;
  } else if (previous?.sf) {
    sf = ts.updateSourceFile(previous.sf, text, changeRange(previous.text, text));
  } else {
    sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  }
  return codeFile(file, text, language, sf);
}

/** The line index is built on first use: most keystrokes never need it. */
function codeFile(file: string, text: string, language: 'js' | 'python', sf: ts.SourceFile | undefined): CodeFile {
  let lines: LineIndex | undefined;
  return {
    file, text, language, sf,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
}
