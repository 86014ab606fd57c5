// Indentation of a Terraform block's entries, for edits that add one.
import type { Block } from './hcl.js';

function lineIndent(text: string, offset: number): string {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls, offset + 1))![0];
}

/** The indentation of the block's first entry, else the block's own plus two spaces. */
export function bodyIndent(text: string, block: Block): string {
  const first = [...block.body.attrs.map((a) => a.start), ...block.body.blocks.map((b) => b.start)].sort((a, b) => a - b)[0];
  if (first !== undefined) {
    const ls = text.lastIndexOf('\n', first - 1) + 1;
    const before = text.slice(ls, first);
    if (/^[ \t]*$/.test(before)) return before;
  }
  return lineIndent(text, block.start) + '  ';
}
