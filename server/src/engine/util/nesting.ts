// Cheap nesting pre-checks, run before a parser sees a file: one linear scan each, no recursion,
// that follows the quoting and comment rules of the language, so that brackets inside a string or
// a comment never count. A file deeper than the limit is not parsed (the parsers and every walker
// after them recurse on nesting); it gets one `file-skipped` diagnostic instead (engine/guard.ts).
// The scans are deliberately simple: they may under-count unusual layouts, never over-count
// brackets that are text. What they miss, the per-file guard still catches.

/** Deepest YAML/JSON nesting analysed: block collections by indentation, plus flow `[` and `{`. */
export const MAX_YAML_NESTING = 512;
/** Deepest bracket nesting of JS/TS analysed (TypeScript's parser overflows near 400 nested IIFEs, 780 brackets). */
export const MAX_CODE_NESTING = 256;
/** Python: brackets plus indentation blocks (CPython itself stops at 200 brackets, 100 blocks). */
export const MAX_PYTHON_NESTING = 200;

export interface TooDeep {
  offset: number;
  limit: number;
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 13;
const isEol = (c: number) => c === 10 || Number.isNaN(c);

/** Index just after the closing quote of a single-quoted YAML scalar starting after `i` (`''` is an escaped quote). */
function skipYamlSingle(text: string, i: number): number {
  for (; i < text.length; i++) {
    if (text.charCodeAt(i) === 39) {
      if (text.charCodeAt(i + 1) === 39) i++;
      else return i + 1;
    }
  }
  return text.length;
}

/** Index just after the closing quote of a double-quoted scalar or string starting after `i` (backslash escapes). */
function skipDouble(text: string, i: number, stopAtEol = false): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
    else if (stopAtEol && c === 10) return i;
  }
  return text.length;
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

/**
 * YAML (and JSON, a subset): block depth is the stack of increasing indentation plus compact `- `
 * entries on a line; flow depth counts `[` and `{` that start a node. Quoted scalars (where a node
 * starts, not an apostrophe inside a plain scalar), comments and block scalars (`|`, `>`) are text.
 */
export function yamlTooDeep(text: string, limit = MAX_YAML_NESTING): TooDeep | undefined {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  /** Inside a block scalar: lines indented more than this are its content. */
  let blockParent = -1;
  /** The block depth around the flow collection being read (a top-level `[` or `{` is depth 1). */
  let base = 0;
  let i = 0;
  while (i < n) {
    const lineStart = i;
    let ind = 0;
    while (i < n && text.charCodeAt(i) === 32) {
      i++;
      ind++;
    }
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || i >= n) {
      i = lineEnd(text, i) + 1;
      continue;
    }
    if (blockParent >= 0) {
      if (ind > blockParent) {
        i = lineEnd(text, i) + 1;
        continue;
      }
      blockParent = -1;
    }
    let extra = 0;
    let nodeStart = true;
    /** The line holds a mapping key: the collection on its indentation is a block mapping. */
    let keyed = false;
    if (flow === 0) {
      if (c === 35 /* # */) {
        i = lineEnd(text, i) + 1;
        continue;
      }
      while (indents.length > 0 && indents[indents.length - 1] >= ind) indents.pop();
      indents.push(ind);
      if (indents.length > limit) return { offset: i, limit };
    }
    for (; i < n; ) {
      const ch = text.charCodeAt(i);
      if (ch === 10) break;
      if (isBlank(ch)) {
        i++;
        continue;
      }
      if (ch === 35 && (i === lineStart || isBlank(text.charCodeAt(i - 1)))) {
        i = lineEnd(text, i);
        break;
      }
      if (flow > 0) {
        if (nodeStart && ch === 39) {
          i = skipYamlSingle(text, i + 1);
          nodeStart = false;
        } else if (nodeStart && ch === 34) {
          i = skipDouble(text, i + 1);
          nodeStart = false;
        } else if (ch === 91 || ch === 123) {
          if (++flow + base > limit) return { offset: i, limit };
          nodeStart = true;
          i++;
        } else if (ch === 93 || ch === 125) {
          flow--;
          nodeStart = false;
          i++;
        } else {
          nodeStart = ch === 44 /* , */ || ch === 58 /* : */ || ch === 63 /* ? */;
          i++;
        }
        continue;
      }
      if (nodeStart) {
        const next = text.charCodeAt(i + 1);
        if ((ch === 45 /* - */ || ch === 63 /* ? */) && (isBlank(next) || isEol(next))) {
          if (indents.length - 1 + ++extra > limit) return { offset: i, limit };
          i++;
        } else if (ch === 58 /* : */ && (isBlank(next) || isEol(next))) {
          keyed = true;
          i++;
        } else if (ch === 38 /* & */ || ch === 33 /* ! */) {
          while (i < n && !isBlank(text.charCodeAt(i)) && text.charCodeAt(i) !== 10) i++;
        } else if (ch === 39) {
          i = skipYamlSingle(text, i + 1);
          nodeStart = false;
        } else if (ch === 34) {
          i = skipDouble(text, i + 1);
          nodeStart = false;
        } else if (ch === 91 || ch === 123) {
          flow = 1;
          base = indents.length - (keyed || extra > 0 ? 0 : 1) + (extra > 0 && !keyed ? extra - 1 : extra);
          if (flow + base > limit) return { offset: i, limit };
          i++;
        } else if (ch === 124 /* | */ || ch === 62 /* > */) {
          blockParent = ind;
          i = lineEnd(text, i);
          break;
        } else {
          nodeStart = false;
          i++;
        }
        continue;
      }
      // Inside a plain scalar or after a quoted one: `key: value` starts a value node.
      if (ch === 58 && (isBlank(text.charCodeAt(i + 1)) || isEol(text.charCodeAt(i + 1)))) nodeStart = keyed = true;
      i++;
    }
    i++;
  }
  return undefined;
}

/** Words after which a `/` starts a regular expression literal, not a division. */
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c > 127;

/**
 * JavaScript and TypeScript: `(`, `[`, `{` and `${` outside strings, template text, comments and
 * regular expression literals.
 */
export function codeTooDeep(text: string, limit = MAX_CODE_NESTING): TooDeep | undefined {
  const n = text.length;
  let depth = 0;
  /** For each open template interpolation, the depth at its `${`. */
  const templates: number[] = [];
  /** The last significant character, and the word it ended, for the regex-or-division question. */
  let last = 0;
  let lastWord = '';
  const open = (i: number) => (++depth > limit ? { offset: i, limit } : undefined);
  // Scans template text from `i` (just after a backtick or a closing `}`) to its end or next `${`.
  const templateText = (i: number): { at: number; interp: boolean } => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 96) return { at: i + 1, interp: false };
      else if (c === 36 && text.charCodeAt(i + 1) === 123) return { at: i + 2, interp: true };
    }
    return { at: n, interp: false };
  };
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === 10) {
      i++;
      continue;
    }
    if (c === 47 /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        i = lineEnd(text, i);
        continue;
      }
      if (next === 42) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
        continue;
      }
      const regex = last === 0 || (!isWordChar(last) && last !== 41 && last !== 93 && last !== 125) || REGEX_AFTER_WORD.has(lastWord);
      if (regex) {
        let inClass = false;
        for (i++; i < n; i++) {
          const r = text.charCodeAt(i);
          if (r === 92) i++;
          else if (r === 10) break;
          else if (r === 91) inClass = true;
          else if (r === 93) inClass = false;
          else if (r === 47 && !inClass) {
            i++;
            break;
          }
        }
        last = 47;
        lastWord = '';
        continue;
      }
    }
    if (c === 39 || c === 34) {
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === 92) i++;
        else if (s === c || s === 10) break;
      }
      i++;
      last = 34;
      lastWord = '';
      continue;
    }
    if (c === 96 || (c === 125 && templates.length > 0 && templates[templates.length - 1] === depth)) {
      if (c === 125) {
        templates.pop();
        depth--;
      }
      const t = templateText(i + 1);
      i = t.at;
      if (t.interp) {
        templates.push(depth + 1);
        const deep = open(i - 2);
        if (deep) return deep;
        last = 123;
      } else last = 34;
      lastWord = '';
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      const deep = open(i);
      if (deep) return deep;
    } else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
    if (isWordChar(c)) {
      const s = i;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      lastWord = text.slice(s, i);
      last = text.charCodeAt(i - 1);
      continue;
    }
    last = c;
    lastWord = '';
    i++;
  }
  return undefined;
}

/** Python: brackets outside strings and comments, plus the stack of increasing indentation. */
export function pythonTooDeep(text: string, limit = MAX_PYTHON_NESTING): TooDeep | undefined {
  const n = text.length;
  const indents: number[] = [];
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (lineStart && depth === 0) {
      let ind = 0;
      let j = i;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) {
        ind += text.charCodeAt(j) === 9 ? 8 : 1;
        j++;
      }
      const f = text.charCodeAt(j);
      if (f !== 10 && f !== 13 && f !== 35 && j < n) {
        while (indents.length > 0 && indents[indents.length - 1] >= ind) indents.pop();
        indents.push(ind);
        if (indents.length > limit) return { offset: j, limit };
      }
      lineStart = false;
      i = j;
      continue;
    }
    if (c === 10) {
      lineStart = true;
      i++;
    } else if (c === 35) i = lineEnd(text, i);
    else if (c === 92 && text.charCodeAt(i + 1) === 10) i += 2; // a continued line is not a new line
    else if (c === 39 || c === 34) {
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      if (triple) {
        const q = String.fromCharCode(c).repeat(3);
        let j = i + 3;
        for (; j < n; j++) {
          if (text.charCodeAt(j) === 92) j++;
          else if (text.startsWith(q, j)) break;
        }
        i = Math.min(n, j + 3);
      } else {
        let j = i + 1;
        for (; j < n; j++) {
          const s = text.charCodeAt(j);
          if (s === 92) j++;
          else if (s === c || s === 10) break;
        }
        i = j + 1;
      }
    } else {
      if (c === 40 || c === 91 || c === 123) {
        if (++depth + indents.length > limit) return { offset: i, limit };
      } else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
      i++;
    }
  }
  return undefined;
}
