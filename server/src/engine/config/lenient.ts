// CloudFormation and the Serverless Framework accept YAML that strict YAML 1.2 rejects: the lines
// of a flow collection (`[`...`]`, `{`...`}`) or of a multi-line quoted string indented no deeper
// than the key that owns them. Real templates do this (a JSON policy pasted under `PolicyDocument:`).
// When the strict parse fails, this indents those continuation lines by the few spaces YAML wants,
// and keeps a map back to the original offsets, so that every span still points at the user's text.

export interface Repaired {
  text: string;
  /** Offset in the repaired text -> offset in the original text. */
  toOriginal(offset: number): number;
}

interface Insertion {
  /** Offset in the repaired text where the spaces start. */
  at: number;
  count: number;
}

const BLOCK_SCALAR = /(?:^|[\s:-])[|>][+-]?\d*\s*(?:#.*)?$/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  return i;
}

/** Returns undefined when nothing needed repairing. Linear in the text length. */
export function repairIndentation(text: string): Repaired | undefined {
  const lines = text.split('\n');
  const out: string[] = [];
  const inserts: Insertion[] = [];
  let repairedOffset = 0;
  let flowDepth = 0;
  let quote = '';
  let ownerIndent = -1; // indentation of the line where the open construct began
  let blockIndent = -1; // inside a block scalar whose owner has this indentation

  for (let n = 0; n < lines.length; n++) {
    let line = lines[n];
    const indent = indentOf(line);
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) {
        out.push(line);
        repairedOffset += line.length + 1;
        continue;
      }
      blockIndent = -1;
    }
    const continuing = flowDepth > 0 || quote !== '';
    if (continuing && line.trim() !== '' && indent <= ownerIndent) {
      const add = ownerIndent + 1 - indent;
      inserts.push({ at: repairedOffset, count: add });
      line = ' '.repeat(add) + line;
    }
    const wasOpen = continuing;
    // Scan the line for quotes, brackets and comments.
    // Where the word that ends before the current character started (for a tag before a quote):
    // tracked as the line is read, so that a line of 45,000 quotes is not walked back once per quote.
    let wordStart = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      const before = wordStart;
      if (c !== ' ' && c !== '\t' && i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) wordStart = i;
      if (quote) {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = '';
        }
        continue;
      }
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      if ((c === '"' || c === "'") && startsToken(line, i, before)) quote = c;
      else if (c === '[' || c === '{') flowDepth++;
      else if ((c === ']' || c === '}') && flowDepth > 0) flowDepth--;
    }
    if (!wasOpen && (flowDepth > 0 || quote !== '')) ownerIndent = indentOf(line);
    if (flowDepth === 0 && quote === '' && BLOCK_SCALAR.test(line)) blockIndent = indentOf(line);
    out.push(line);
    repairedOffset += line.length + 1;
  }
  if (inserts.length === 0) return undefined;
  const repaired = out.join('\n');
  // Cumulative inserted counts, for a binary search from repaired to original offsets.
  const ats = inserts.map((x) => x.at);
  const cumulative: number[] = [];
  let sum = 0;
  for (const x of inserts) cumulative.push((sum += x.count));
  return {
    text: repaired,
    toOriginal(offset: number): number {
      let lo = 0;
      let hi = ats.length - 1;
      let k = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (ats[mid] <= offset) {
          k = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (k < 0) return offset;
      const before = k > 0 ? cumulative[k - 1] : 0;
      // Inside the inserted spaces: the start of the original line.
      const within = offset - ats[k];
      return within < inserts[k].count ? ats[k] - before : offset - cumulative[k];
    },
  };
}

/**
 * A quote opens a quoted scalar only where a token starts, not inside a plain word (`don't`).
 * `wordStart`: where the last word before `i` starts.
 */
function startsToken(line: string, i: number, wordStart: number): boolean {
  let j = i - 1;
  while (j >= 0 && (line[j] === ' ' || line[j] === '\t')) j--;
  if (j < 0) return true;
  const p = line[j];
  if (p === ':' || p === '-' || p === '[' || p === '{' || p === ',' || p === '?') return true;
  // After a tag: `!Sub 'text'`.
  return line[wordStart] === '!' && j < i - 1;
}
