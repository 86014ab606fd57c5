// Text helpers shared by the HCL and TypeScript config edits (no import between the two).
import type { Val } from '../config/val.js';
import type { TextEdit } from '../types.js';

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** An edit that cannot be written in this format, with the reason (a fix holding one is not offered). */
export function unsupported(val: Val, why: string): TextEdit {
  const s = val.span;
  return { file: s.file, start: s.start, end: s.start, newText: '', unsupported: why };
}

/** The last character before `start` that is not white space or in a comment (`hash`: `#` comments too). */
export function prevSignificant(text: string, start: number, hash = false): string | undefined {
  let i = start - 1;
  for (let guard = 0; guard < 1000; guard++) {
    while (i >= 0 && /\s/.test(text[i])) i--;
    if (i >= 1 && text[i] === '/' && text[i - 1] === '*') {
      const open = text.lastIndexOf('/*', i - 2);
      if (open < 0) break;
      i = open - 1;
      continue;
    }
    const ls = lineStartOf(text, i);
    const line = text.slice(ls, i + 1);
    const slash = line.indexOf('//');
    const pound = hash ? line.indexOf('#') : -1;
    const c = slash >= 0 && (pound < 0 || slash < pound) ? slash : pound;
    if (c >= 0 && !/['"`]/.test(line.slice(0, c))) {
      i = ls + c - 1;
      continue;
    }
    break;
  }
  return i >= 0 ? text[i] : undefined;
}
