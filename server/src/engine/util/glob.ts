// Glob matching for exclude and override patterns: `**`, `*`, `?`, `{a,b}` and character classes.
// No regular expressions: a pattern is split into path segments, and matched segment by segment
// with the classic two-pointer wildcard algorithm (a star remembers one restart point, never a
// stack of them), both for `*` inside a segment and for `**` over segments. Matching costs at most
// pattern length x path length, whatever the pattern: `**/**/**/...` or `*a*a*a*...b` cannot
// backtrack exponentially. An invalid pattern never throws: `globProblem` says why, and a GlobSet
// leaves it out.

/** One piece of a segment: a literal character, `?`, `*`, or a character class. */
type Tok = { k: 'lit'; c: string } | { k: 'any' } | { k: 'star' } | { k: 'class'; neg: boolean; ranges: [string, string][] };
/** A path segment: `**` (any number of segments), or tokens. */
type Seg = { globstar: true } | { globstar: false; toks: Tok[] };

const MAX_PATTERN = 1_000;
const MAX_ALTERNATIVES = 256;

/** Why a pattern is not a valid glob, or undefined when it is. */
export function globProblem(glob: string): string | undefined {
  return compile(glob).problem;
}

/** `{a,b}` alternatives, expanded (nested braces too), at most MAX_ALTERNATIVES. */
function expandBraces(glob: string): { out: string[]; problem?: string } {
  let open = -1;
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end > 0) i = end;
    } else if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const inner = glob.slice(open + 1, i);
      const parts: string[] = [];
      let d = 0;
      let start = 0;
      for (let j = 0; j < inner.length; j++) {
        const x = inner[j];
        if (x === '\\') j++;
        else if (x === '{') d++;
        else if (x === '}') d--;
        else if (x === ',' && d === 0) {
          parts.push(inner.slice(start, j));
          start = j + 1;
        }
      }
      parts.push(inner.slice(start));
      const head = glob.slice(0, open);
      const rest = expandBraces(glob.slice(i + 1));
      if (rest.problem) return rest;
      const out: string[] = [];
      for (const p of parts) {
        const mid = expandBraces(p);
        if (mid.problem) return mid;
        for (const m of mid.out) for (const r of rest.out) {
          if (out.length >= MAX_ALTERNATIVES) return { out: [], problem: `more than ${MAX_ALTERNATIVES} alternatives in {…}` };
          out.push(head + m + r);
        }
      }
      return { out };
    }
  }
  if (depth > 0) return { out: [], problem: 'a `{` is never closed' };
  return { out: [glob] };
}

function segment(text: string): { seg?: Seg; problem?: string } {
  if (text === '**') return { seg: { globstar: true } };
  const toks: Tok[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) toks.push({ k: 'lit', c: text[++i] });
    else if (c === '*') {
      if (toks[toks.length - 1]?.k !== 'star') toks.push({ k: 'star' });
    } else if (c === '?') toks.push({ k: 'any' });
    else if (c === '[') {
      let j = i + 1;
      const neg = text[j] === '!' || text[j] === '^';
      if (neg) j++;
      const ranges: [string, string][] = [];
      let closed = false;
      for (let first = true; j < text.length; first = false) {
        let a = text[j];
        if (a === ']' && !first) {
          closed = true;
          break;
        }
        if (a === '\\' && j + 1 < text.length) a = text[++j];
        if (text[j + 1] === '-' && j + 2 < text.length && text[j + 2] !== ']') {
          let b = text[j + 2];
          j += 2;
          if (b === '\\' && j + 1 < text.length) b = text[++j];
          if (b < a) return { problem: `the range ${a}-${b} in [${text.slice(i + 1, j + 1)}] is backwards` };
          ranges.push([a, b]);
        } else ranges.push([a, a]);
        j++;
      }
      if (!closed) toks.push({ k: 'lit', c: '[' }); // an unclosed `[` is the character itself
      else {
        toks.push({ k: 'class', neg, ranges });
        i = j;
      }
    } else toks.push({ k: 'lit', c });
  }
  return { seg: { globstar: false, toks } };
}

interface Compiled {
  alternatives: Seg[][];
  problem?: string;
}

function compile(glob: string): Compiled {
  if (glob.length > MAX_PATTERN) return { alternatives: [], problem: `longer than ${MAX_PATTERN} characters` };
  const braces = expandBraces(glob);
  if (braces.problem) return { alternatives: [], problem: braces.problem };
  const alternatives: Seg[][] = [];
  for (const alt of braces.out) {
    const segs: Seg[] = [];
    for (const part of alt.split('/')) {
      const s = segment(part);
      if (s.problem) return { alternatives: [], problem: s.problem };
      // `**/**` is `**`.
      if (s.seg!.globstar && segs[segs.length - 1]?.globstar) continue;
      segs.push(s.seg!);
    }
    alternatives.push(segs);
  }
  return { alternatives };
}

function tokMatches(t: Tok, c: string): boolean {
  if (t.k === 'lit') return t.c === c;
  if (t.k === 'any') return true;
  if (t.k === 'class') return t.ranges.some(([a, b]) => c >= a && c <= b) !== t.neg;
  return false;
}

/** `*` within one segment: two pointers, one restart point. */
function segMatches(toks: Tok[], s: string): boolean {
  let ti = 0;
  let si = 0;
  let starT = -1;
  let starS = 0;
  while (si < s.length) {
    const t = toks[ti];
    if (t && t.k !== 'star' && tokMatches(t, s[si])) {
      ti++;
      si++;
    } else if (t?.k === 'star') {
      starT = ti++;
      starS = si;
    } else if (starT >= 0) {
      ti = starT + 1;
      si = ++starS;
    } else return false;
  }
  while (toks[ti]?.k === 'star') ti++;
  return ti === toks.length;
}

/** `**` over segments: the same algorithm, one level up. */
function pathMatches(segs: Seg[], parts: string[]): boolean {
  let gi = 0;
  let pi = 0;
  let starG = -1;
  let starP = 0;
  while (pi < parts.length) {
    const g = segs[gi];
    if (g && !g.globstar && segMatches(g.toks, parts[pi])) {
      gi++;
      pi++;
    } else if (g?.globstar) {
      starG = gi++;
      starP = pi;
    } else if (starG >= 0) {
      gi = starG + 1;
      pi = ++starP;
    } else return false;
  }
  while (segs[gi]?.globstar) gi++;
  return gi === segs.length;
}

/** A compiled glob; `test` matches a slash-separated relative path. Invalid globs match nothing. */
export class Glob {
  private readonly compiled: Compiled;
  constructor(readonly pattern: string) {
    this.compiled = compile(pattern);
  }
  get problem(): string | undefined {
    return this.compiled.problem;
  }
  test(rel: string): boolean {
    if (this.compiled.problem) return false;
    const parts = rel.split('/');
    return this.compiled.alternatives.some((segs) => pathMatches(segs, parts));
  }
}

export class GlobSet {
  private readonly globs: Glob[];

  constructor(readonly patterns: readonly string[]) {
    this.globs = patterns.filter((p) => p.trim() !== '').map((p) => {
      let g = p.trim().replace(/^\.\//, '');
      // A pattern without a slash matches at any depth, like .gitignore; a folder matches its contents.
      if (!g.includes('/')) g = `**/${g}`;
      if (g.endsWith('/')) g += '**';
      return new Glob(g);
    }).filter((g) => !g.problem);
  }

  /** `rel` is a workspace-relative path with forward slashes. A folder's pattern matches its files. */
  matches(rel: string): boolean {
    if (this.globs.length === 0) return false;
    const parts = rel.split('/');
    for (let i = parts.length; i >= 1; i--) {
      const prefix = parts.slice(0, i).join('/');
      if (this.globs.some((g) => g.test(prefix))) return true;
    }
    return false;
  }
}
