// Quick fixes for Python taint findings, computed from the AST at the sink. Each returns nothing
// when the code is not in a shape the fix can rewrite without changing what it does.
//  - `subprocess.run(f"convert {key} out.png", shell=True)` -> `subprocess.run(["convert", key, "out.png"])`
//  - `cur.execute(f"... = '{x}'")` -> `cur.execute("... = %s", (x,))` (`?` for sqlite3, `$1` for asyncpg)
//  - `yaml.load(text, Loader=yaml.Loader)` -> `yaml.safe_load(text)`
import type { PyNode } from '../../code/python-ast.js';
import type { Fix, TextEdit } from '../../types.js';
import type { SinkHit } from '../core.js';
import { toPlaceholders, type Piece, type PieceText } from '../fix-pieces.js';
import { callArgs, child, fileOf, literalText, stringPrefix, unwrap } from './syntax.js';
import { contentText } from '../../code/python-exports.js';

type PyPiece = Piece<PyNode>;

/** The source text of a node. */
export type TextOf = (n: PyNode) => string;

export function buildPyFixes(hit: SinkHit, textOf: TextOf): Fix[] | undefined {
  const fix = fixFor(hit, textOf);
  return fix ? [fix] : undefined;
}

function fixFor(hit: SinkHit, textOf: TextOf): Fix | undefined {
  switch (hit.spec.id) {
    case 'py.subprocess.shell':
      return argumentList(hit, textOf);
    case 'py.sqlite3':
      return parameterise(hit, textOf, () => '?');
    case 'py.sql.driver':
      return hit.calleeModule && PERCENT_S.has(hit.calleeModule) ? parameterise(hit, textOf, () => '%s') : hit.calleeModule && QMARK.has(hit.calleeModule) ? parameterise(hit, textOf, () => '?') : undefined;
    case 'py.asyncpg':
      return parameterise(hit, textOf, (i) => `$${i}`);
    case 'py.yaml.load':
    case 'py.yaml.unsafe':
      return safeLoad(hit, textOf);
    default:
      return undefined;
  }
}

/** Drivers whose placeholder is `%s` (paramstyle format/pyformat), and those using `?` (qmark). */
const PERCENT_S = new Set(['psycopg2', 'psycopg', 'pymysql', 'MySQLdb', 'mysql', 'pg8000', 'aiomysql', 'aiopg', 'redshift_connector', 'snowflake', 'pymssql']);
const QMARK = new Set(['pyodbc', 'duckdb']);

function edit(n: PyNode, newText: string): TextEdit {
  return { file: fileOf(n), start: n.start, end: n.end, newText };
}

/** A Python string literal for `s`: double quotes unless the text holds some. */
export function pyQuote(s: string): string {
  const q = s.includes('"') && !s.includes("'") ? "'" : '"';
  return q + s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + q;
}

/** An f-string holding literal text and expressions. */
function fString(pieces: PyPiece[], textOf: TextOf): string {
  // Before Python 3.12 an expression inside an f-string cannot hold the string's own quote.
  const q = pieces.some((p) => 'expr' in p && textOf(p.expr).includes('"')) ? "'" : '"';
  let body = '';
  for (const p of pieces) body += 'lit' in p ? p.lit.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\{/g, '{{').replace(/\}/g, '}}').replace(/\n/g, '\\n') : `{${textOf(p.expr)}}`;
  return `f${q}${body}${q}`;
}

function pieceText(textOf: TextOf): PieceText<PyNode> {
  return { text: textOf, joined: (ps) => fString(ps, textOf) };
}

/**
 * A string expression as literal pieces and expressions: f-strings, implicit concatenation, `+`,
 * `"..." % (a, b)` and `"...".format(a, b)`. Undefined when a piece is formatted (`{n:d}`, `%d`,
 * `{x!r}`): the rewrite would drop the formatting.
 */
export function pyPieces(e: PyNode): PyPiece[] | undefined {
  e = unwrap(e);
  if (e.type === 'string') {
    if (/b/.test(stringPrefix(e))) return undefined;
    const raw = /r/.test(stringPrefix(e));
    const out: PyPiece[] = [];
    for (const c of e.children) {
      if (c.type === 'string_content') out.push({ lit: contentText(c, raw) });
      else if (c.type === 'interpolation') {
        if (c.children.some((x) => x.field === 'type_conversion' || x.field === 'format_specifier')) return undefined;
        const inner = child(c, 'expression') ?? c.children[0];
        if (!inner) return undefined;
        out.push({ expr: inner });
      }
    }
    return merge(out);
  }
  if (e.type === 'concatenated_string') {
    const out: PyPiece[] = [];
    for (const c of e.children) {
      const p = pyPieces(c);
      if (!p) return undefined;
      out.push(...p);
    }
    return merge(out);
  }
  if (e.type === 'binary_operator' && e.ops?.[0] === '+') {
    // The chain nests to the left: collect its operands without recursion.
    const operands: PyNode[] = [];
    let cur: PyNode | undefined = e;
    while (cur && cur.type === 'binary_operator' && cur.ops?.[0] === '+') {
      const r = child(cur, 'right');
      if (r) operands.push(r);
      cur = child(cur, 'left');
    }
    if (cur) operands.push(cur);
    const out: PyPiece[] = [];
    for (let i = operands.length - 1; i >= 0; i--) {
      const o = unwrap(operands[i]);
      const p = o.type === 'string' || o.type === 'concatenated_string' ? pyPieces(o) : [{ expr: o }];
      if (!p) return undefined;
      out.push(...p);
    }
    return merge(out);
  }
  if (e.type === 'binary_operator' && e.ops?.[0] === '%') {
    const left = child(e, 'left');
    const right = child(e, 'right');
    const text = left ? literalText(left) : undefined;
    if (text === undefined || !right) return undefined;
    const r = unwrap(right);
    const values = r.type === 'tuple' ? r.children : [r];
    const out: PyPiece[] = [];
    let k = 0;
    let lastEnd = 0;
    const re = /%%|%([-#0 +]*\d*(?:\.\d+)?)([a-zA-Z(])/g;
    let m: RegExpExecArray | null;
    let lit = '';
    while ((m = re.exec(text))) {
      lit += text.slice(lastEnd, m.index);
      lastEnd = m.index + m[0].length;
      if (m[0] === '%%') {
        lit += '%';
        continue;
      }
      if (m[2] !== 's' || m[1] !== '' || k >= values.length) return undefined;
      out.push({ lit }, { expr: values[k++] });
      lit = '';
    }
    lit += text.slice(lastEnd);
    if (k !== values.length) return undefined;
    out.push({ lit });
    return merge(out);
  }
  if (e.type === 'call') {
    const f = child(e, 'function');
    const recv = f?.type === 'attribute' && child(f, 'attribute')?.text === 'format' ? child(f, 'object') : undefined;
    const text = recv ? literalText(recv) : undefined;
    if (text === undefined) return [{ expr: e }];
    const args = callArgs(e);
    const out: PyPiece[] = [];
    let auto = 0;
    let last = 0;
    let lit = '';
    const re = /\{\{|\}\}|\{([^{}]*)\}/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      lit += text.slice(last, m.index);
      last = m.index + m[0].length;
      if (m[0] === '{{' || m[0] === '}}') {
        lit += m[0][0];
        continue;
      }
      const field = m[1] ?? '';
      if (/[!:.[]/.test(field)) return undefined;
      const v = field === '' ? args.positional[auto++] : /^\d+$/.test(field) ? args.positional[Number(field)] : args.keywords.find((x) => x.name === field)?.value;
      if (!v) return undefined;
      out.push({ lit }, { expr: v });
      lit = '';
    }
    out.push({ lit: lit + text.slice(last) });
    return merge(out);
  }
  return [{ expr: e }];
}

function merge(pieces: PyPiece[]): PyPiece[] {
  const out: PyPiece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if ('lit' in p && last && 'lit' in last) last.lit += p.lit;
    else if (!('lit' in p && p.lit === '')) out.push({ ...p });
  }
  return out;
}

// ---- shell=True with a string -> an argument list without a shell ----

const SHELL_META = /[|&;<>()$`\\"'*?[\]{}~!#\n%]/;
const SHELL_PROGRAMS = /^(?:.*\/)?(?:sh|bash|zsh|dash|ksh|csh|tcsh|fish|busybox|env|xargs|eval|cmd|cmd\.exe|powershell|pwsh|su|sudo|ssh)$/;

function argumentList(hit: SinkHit, textOf: TextOf): Fix | undefined {
  const call = hit.call as PyNode;
  const args = callArgs(call);
  const cmd = args.positional[0];
  if (!cmd || cmd !== hit.arg || args.keywords.some((k) => k.name === 'executable')) return undefined;
  const shellKw = args.keywords.find((k) => k.name === 'shell');
  if (!shellKw || unwrap(shellKw.value).type !== 'true') return undefined;
  const pieces = pyPieces(cmd);
  if (!pieces || !pieces.some((p) => 'expr' in p) || pieces.some((p) => 'lit' in p && SHELL_META.test(p.lit))) return undefined;
  // Split into words: whitespace in literal text separates arguments; expressions glue to neighbours.
  const words: PyPiece[][] = [];
  let cur: PyPiece[] = [];
  for (const p of pieces) {
    if ('expr' in p) {
      cur.push(p);
      continue;
    }
    for (const part of p.lit.split(/(\s+)/)) {
      if (/^\s+$/.test(part)) {
        if (cur.length) words.push(cur);
        cur = [];
      } else if (part) cur.push({ lit: part });
    }
  }
  if (cur.length) words.push(cur);
  const program = words[0];
  if (!program || program.length !== 1 || !('lit' in program[0]) || SHELL_PROGRAMS.test(program[0].lit)) return undefined;
  const items = words.map((w) => (w.length === 1 ? ('lit' in w[0] ? pyQuote(w[0].lit) : textOf(w[0].expr)) : fString(w, textOf)));
  // Remove `, shell=True` (with the separator before it, or after it when it comes first).
  const removal = removeArgument(call, shellKw.node, textOf);
  if (!removal) return undefined;
  return {
    id: 'use-argument-list',
    title: `Run without a shell: an argument list ([${pyQuote(program[0].lit)}, ...]) and no shell=True`,
    edits: [edit(cmd, `[${items.join(', ')}]`), removal],
    isPreferred: true,
  };
}

/** An edit that deletes one argument of a call with its comma; undefined when a comment sits in the way. */
function removeArgument(call: PyNode, arg: PyNode, textOf: TextOf): TextEdit | undefined {
  const list = child(call, 'arguments');
  if (!list) return undefined;
  const idx = list.children.indexOf(arg);
  const prev = list.children[idx - 1];
  const next = list.children[idx + 1];
  const src = textOf(list);
  const between = (a: number, b: number) => src.slice(a - list.start, b - list.start);
  if (prev) return /^[\s,]*$/.test(between(prev.end, arg.start)) ? { file: fileOf(arg), start: prev.end, end: arg.end, newText: '' } : undefined;
  if (next) return /^[\s,]*$/.test(between(arg.end, next.start)) ? { file: fileOf(arg), start: arg.start, end: next.start, newText: '' } : undefined;
  return { file: fileOf(arg), start: arg.start, end: arg.end, newText: '' };
}

// ---- SQL: built text -> placeholders + parameters ----

function parameterise(hit: SinkHit, textOf: TextOf, ph: (i: number) => string): Fix | undefined {
  const call = hit.call as PyNode;
  const args = callArgs(call);
  const q = args.positional[0];
  if (!q || q !== hit.arg || args.positional.length !== 1 || args.keywords.length > 0 || args.stars.length || args.doubleStars.length) return undefined;
  const pieces = pyPieces(q);
  if (!pieces || !pieces.some((p) => 'expr' in p)) return undefined;
  const r = toPlaceholders(pieces, pieceText(textOf), (i) => ph(i));
  if (!r) return undefined;
  const percent = ph(1) === '%s';
  if (percent ? /%\(|%s/.test(r.existing) : /\?|\$\d/.test(r.existing)) return undefined;
  // With parameters, the driver formats the text: a literal % must be written %%.
  const text = percent ? r.text.replace(/%(?!s)/g, '%%') : r.text;
  const params = r.values.length === 1 ? `(${r.values[0]},)` : `(${r.values.join(', ')})`;
  return {
    id: 'parameterise',
    title: `Use a parameterised query (${ph(1)} placeholders and a parameters tuple)`,
    edits: [edit(q, `${pyQuote(text)}, ${params}`)],
    isPreferred: true,
  };
}

// ---- yaml.load -> yaml.safe_load ----

function safeLoad(hit: SinkHit, textOf: TextOf): Fix | undefined {
  const call = hit.call as PyNode;
  const f = child(call, 'function');
  const name = f?.type === 'attribute' ? child(f, 'attribute') : undefined;
  if (!f || !name) return undefined;
  const all = /_all$/.test(name.text);
  const edits: TextEdit[] = [edit(name, all ? 'safe_load_all' : 'safe_load')];
  const args = callArgs(call);
  // Drop the loader: safe_load takes the stream only.
  const loader = args.keywords.find((k) => k.name === 'Loader')?.node ?? args.positional[1];
  if (loader) {
    const removal = removeArgument(call, loader, textOf);
    if (!removal) return undefined;
    edits.push(removal);
  }
  if (args.positional.length + args.keywords.length - (loader ? 1 : 0) !== 1) return undefined;
  return { id: 'use-safe-load', title: `Parse with yaml.${all ? 'safe_load_all' : 'safe_load'} (no Python objects)`, edits, isPreferred: true, changesBehaviour: true };
}
