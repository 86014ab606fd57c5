// Parsing handler code. JS and TS go through the TypeScript compiler's parser (no type checker,
// no program, no lib files: one file at a time, which keeps a keystroke cheap). The parser
// recovers from syntax errors, so a half-typed line still yields a tree to analyse.
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

export function parseCode(file: string, text: string, language: 'js' | 'python'): CodeFile {
  const lines = new LineIndex(text);
  if (language === 'python') return { file, text, lines, language };
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  return { file, text, lines, language, sf };
}
