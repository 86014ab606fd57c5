// The value of a YAML (or JSON) string scalar together with where each of its characters sits in
// the source: escapes decoded, quoted and plain lines folded, block-scalar indentation removed, as
// YAML 1.2 reads them. Used to parse a JSON document written inside a string and still point
// diagnostics at the exact token inside it. One pass, no regular expressions over the input.

export type ScalarStyle = 'double' | 'single' | 'plain' | 'literal' | 'folded';

export interface DecodedScalar {
  value: string;
  /** offsets[i]: source offset of value[i]; offsets[value.length]: the offset just after the content. */
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/**
 * A flow scalar (double-quoted, single-quoted or plain): `src` is its source from the opening
 * quote to the closing one (or the plain text), `base` its offset in the file.
 */
function decodeFlow(src: string, base: number, style: 'double' | 'single' | 'plain'): DecodedScalar | undefined {
  const quoted = style !== 'plain';
  if (quoted && (src.length < 2 || src[0] !== src[src.length - 1])) return undefined;
  const end = quoted ? src.length - 1 : src.length;
  let i = quoted ? 1 : 0;
  const out: string[] = [];
  const offsets: number[] = [];
  /** How many characters at the end of `out` are literal (unescaped) blanks, dropped before a fold. */
  let trailingBlanks = 0;
  const push = (s: string, at: number, literalBlank = false) => {
    for (const ch of s) {
      out.push(ch);
      offsets.push(at);
    }
    trailingBlanks = literalBlank ? trailingBlanks + 1 : 0;
  };
  while (i < end) {
    const c = src[i];
    if (style === 'double' && c === '\\') {
      const n = src[i + 1];
      if (isBreak(n)) {
        // An escaped line break: joined without a space, and the next line's indentation dropped.
        i += n === '\r' && src[i + 2] === '\n' ? 3 : 2;
        while (i < end && isBlank(src[i])) i++;
        trailingBlanks = 0;
        continue;
      }
      if (n !== undefined && SIMPLE_ESCAPES[n] !== undefined) {
        push(SIMPLE_ESCAPES[n], base + i);
        i += 2;
        continue;
      }
      const len = n !== undefined ? HEX_LEN[n] : undefined;
      if (len) {
        const hex = src.slice(i + 2, i + 2 + len);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) return undefined;
        push(String.fromCodePoint(parseInt(hex, 16)), base + i);
        i += 2 + len;
        continue;
      }
      return undefined;
    }
    if (style === 'single' && c === "'" && src[i + 1] === "'") {
      push("'", base + i);
      i += 2;
      continue;
    }
    if (isBreak(c)) {
      // Folding: blanks before the break are dropped; one break is a space, n breaks are n-1 newlines.
      out.length -= trailingBlanks;
      offsets.length -= trailingBlanks;
      const at = base + i;
      let breaks = 0;
      while (i < end && (isBreak(src[i]) || isBlank(src[i]))) {
        if (src[i] === '\n' || (src[i] === '\r' && src[i + 1] !== '\n')) breaks++;
        i++;
      }
      push(breaks === 1 ? ' ' : '\n'.repeat(breaks - 1), at);
      continue;
    }
    push(c, base + i, isBlank(c));
    i++;
  }
  offsets.push(base + end);
  return { value: out.join(''), offsets };
}

/** A block scalar (`|` or `>`, with chomping and indentation indicators), from its header. */
function decodeBlock(src: string, base: number, style: 'literal' | 'folded'): DecodedScalar | undefined {
  const headerEnd = src.indexOf('\n');
  if (headerEnd < 0) return { value: '', offsets: [base + src.length] };
  const header = src.slice(0, headerEnd);
  const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
  // Content lines, with their start offsets.
  const lines: { text: string; at: number }[] = [];
  let p = headerEnd + 1;
  while (p <= src.length) {
    let e = src.indexOf('\n', p);
    if (e < 0) e = src.length;
    const raw = src.slice(p, e);
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, at: p });
    if (e === src.length) break;
    p = e + 1;
  }
  if (lines.length > 0 && lines[lines.length - 1].text === '' && src.endsWith('\n')) lines.pop();
  const first = lines.find((l) => l.text.trim() !== '');
  if (!first) return { value: chomp === 'keep' ? '\n'.repeat(lines.length) : '', offsets: [...lines.map((l) => base + l.at), base + src.length].slice(chomp === 'keep' ? 0 : lines.length) };
  let indent = 0;
  while (indent < first.text.length && first.text[indent] === ' ') indent++;
  const out: string[] = [];
  const offsets: number[] = [];
  const push = (s: string, at: number) => {
    out.push(s);
    offsets.push(at);
  };
  let prev: 'none' | 'text' | 'more' = 'none';
  let pendingBreaks: number[] = []; // offsets of line breaks not yet written (folded style)
  for (const l of lines) {
    const body = l.text.length > indent ? l.text.slice(indent) : '';
    const at = l.at + Math.min(indent, l.text.length);
    const empty = l.text.trim() === '' && body.trim() === '';
    const breakAt = base + l.at + l.text.length;
    if (style === 'literal') {
      for (let k = 0; k < body.length; k++) push(body[k], base + at + k);
      push('\n', breakAt);
      continue;
    }
    if (empty) {
      pendingBreaks.push(breakAt);
      continue;
    }
    const kind = isBlank(body[0]) ? 'more' : 'text';
    if (prev !== 'none') {
      // The break after the previous text line, and the empty lines since.
      const [firstBreak, ...rest] = pendingBreaks;
      if (prev === 'text' && kind === 'text' && rest.length === 0) push(' ', firstBreak);
      else if (prev === 'text' && kind === 'text') for (const b of rest) push('\n', b);
      else for (const b of pendingBreaks) push('\n', b);
    } else for (const b of pendingBreaks) push('\n', b);
    pendingBreaks = [breakAt];
    for (let k = 0; k < body.length; k++) push(body[k], base + at + k);
    prev = kind;
  }
  if (style === 'folded') {
    // The break after the last text line, and trailing empty lines, are left to chomping.
    for (const b of pendingBreaks) push('\n', b);
  }
  // Chomping: strip all trailing breaks, clip to one, keep them all.
  let n = out.length;
  while (n > 0 && out[n - 1] === '\n') n--;
  const keep = chomp === 'strip' ? n : chomp === 'clip' ? Math.min(out.length, n + 1) : out.length;
  const value = out.slice(0, keep).join('');
  const offs = offsets.slice(0, keep);
  offs.push(base + src.length);
  return { value, offsets: offs };
}

/** Decodes `src` (a scalar's full source, quotes or block header included) of the given style. */
export function decodeScalar(src: string, base: number, style: ScalarStyle): DecodedScalar | undefined {
  if (src.length > 2_000_000) return undefined;
  return style === 'literal' || style === 'folded' ? decodeBlock(src, base, style) : decodeFlow(src, base, style);
}

/** The style of a `yaml` Scalar node type (`QUOTE_DOUBLE`...). */
export function styleOf(type: string | undefined): ScalarStyle | undefined {
  switch (type) {
    case 'QUOTE_DOUBLE': return 'double';
    case 'QUOTE_SINGLE': return 'single';
    case 'PLAIN': return 'plain';
    case 'BLOCK_LITERAL': return 'literal';
    case 'BLOCK_FOLDED': return 'folded';
    default: return undefined;
  }
}

/** Text to write inside a scalar of this style so that it decodes to `raw` (undefined when it cannot be written there). */
export function encodeFor(style: ScalarStyle, raw: string): string | undefined {
  switch (style) {
    case 'double': return JSON.stringify(raw).slice(1, -1);
    case 'single': return /[\r\n]/.test(raw) ? undefined : raw.replace(/'/g, "''");
    case 'literal': return raw;
    case 'folded': return /[\r\n]/.test(raw) ? undefined : raw;
    default: return undefined;
  }
}
