// Checks that a committed generated file is up to date. When it is stale, the failure says which
// command regenerates it and where the first difference is: one line, not a diff of the whole file.
import assert from 'node:assert/strict';

function shown(line: string | undefined): string {
  if (line === undefined) return '(end of file)';
  return JSON.stringify(line.length > 100 ? `${line.slice(0, 97)}...` : line);
}

/** A one-line description of where two texts first differ ('' when they are the same). */
export function firstDifference(committed: string, generated: string): string {
  if (committed === generated) return '';
  const a = committed.split('\n');
  const b = generated.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `first difference at line ${i + 1}: committed ${shown(a[i])}, generated ${shown(b[i])}`;
}

export function assertGenerated(what: string, committed: string, generated: string, command: string): void {
  const diff = firstDifference(committed, generated);
  if (diff) assert.fail(`${what} is stale: run \`${command}\` to regenerate it (${diff})`);
}
