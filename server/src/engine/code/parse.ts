// Parsing handler code. JS and TS go through the TypeScript compiler's parser (no type checker,
// no program, no lib files: one file at a time, which keeps a keystroke cheap); Python through
// tree-sitter. Both parsers recover from syntax errors, so a half-typed line still yields a tree to
// analyse. When the previous version of the file was parsed, the new text is parsed incrementally
// from it (`ts.updateSourceFile`; tree-sitter's `tree.edit` and a reparse).
import ts from 'typescript';
import { LineIndex } from '../util/lines.js';
import { makeEdit, parserFor, parsersReady, type Tree } from '../util/tree-sitter.js';
import { buildPyModule, type PyModule } from './python-ast.js';
import { indexByStatement } from './syntax-index.js';
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
  // The last pair is asked for again (the parse, then the analysis moving its results).
  if (lastRange && lastRange.oldText === oldText && lastRange.newText === newText) return lastRange.range;
  const min = Math.min(oldText.length, newText.length);
  // Chunks first (compared natively), then characters.
  const CHUNK = 256;
  let start = 0;
  while (start + CHUNK <= min && oldText.substring(start, start + CHUNK) === newText.substring(start, start + CHUNK)) start += CHUNK;
  while (start < min && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && oldText.substring(oldEnd - CHUNK, oldEnd) === newText.substring(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  const range = ts.createTextChangeRange(ts.createTextSpan(start, oldEnd - start), newEnd - start);
  lastRange = { oldText, newText, range };
  return range;
}

let lastRange: { oldText: string; newText: string; range: ts.TextChangeRange } | undefined;

/**
 * `editing`: the file is open in an editor. Its first tree is then indexed per statement, as the
 * trees derived from it will be, so that the first keystroke already reuses what is kept per
 * statement (a file parsed for a scan keeps nothing per statement).
 */
export function parseCode(file: string, text: string, language: 'js' | 'python', previous?: CodeFile, editing = false): CodeFile {
  if (language === 'python') return pythonFile(file, text, previous?.language === 'python' ? previous : undefined, editing);
  const base = previous ? jsBases.get(previous) : undefined;
  // A new version with the same text (a save, an undo back): the tree is still right.
  if (base && base.text === text) {
    // A file a scan parsed, now open in an editor: its tree is indexed per statement from now on.
    if (editing) indexByStatement(base.sf);
    return jsFile(file, text, base.sf, base);
  }
  // An edit inside one comment: the tree is parsed only if something asks for it (results of the
  // version before are moved through such an edit, engine/rebase.ts, so usually nothing does).
  if (previous && base && !base.used && insideOneComment(base, text)) return lazyJsFile(file, text, base, previous);
  return jsFile(file, text, derive(file, text, base, editing));
}

/** The last parsed tree of a file, which the next version's tree is derived from (once: the update moves its nodes). */
interface JsBase {
  text: string;
  sf: ts.SourceFile;
  used: boolean;
}

const jsBases = new WeakMap<CodeFile, JsBase>();

function derive(file: string, text: string, base: JsBase | undefined, editing = false): ts.SourceFile {
  if (base && !base.used) {
    base.used = true;
    const sf = ts.updateSourceFile(base.sf, text, changeRange(base.text, text));
    indexByStatement(sf);
    return sf;
  }
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  if (editing) indexByStatement(sf);
  return sf;
}

/** A parsed JS/TS file; the line index is built on first use: most keystrokes never need it. */
function jsFile(file: string, text: string, sf: ts.SourceFile, base?: JsBase): CodeFile {
  let lines: LineIndex | undefined;
  const cf: CodeFile = {
    file, text, language: 'js', sf,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
  jsBases.set(cf, base ?? { text, sf, used: false });
  return cf;
}

function lazyJsFile(file: string, text: string, base: JsBase, previous: CodeFile): CodeFile {
  let sf: ts.SourceFile | undefined;
  let lines: LineIndex | undefined;
  const cf: CodeFile = {
    file, text, language: 'js', sameMeaningAs: previous.sameMeaningAs ?? previous,
    get sf() {
      if (!sf) {
        sf = derive(file, text, base);
        jsBases.set(cf, { text, sf, used: false });
      }
      return sf;
    },
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
  // Until parsed, the next version derives from the same tree.
  jsBases.set(cf, base);
  return cf;
}

/** Whether the code file's tree has been parsed (a version edited only inside a comment is parsed on first use). */
export function isParsed(code: CodeFile): boolean {
  return code.language === 'python' || jsBases.get(code)?.text === code.text;
}

/**
 * Whether `text` differs from the base's text only inside one comment that stays one comment: the
 * edit lies in the leading trivia of a token of the base's tree, within one comment there, and the
 * comment still ends where it did (a line comment gains no line break, a block comment no `*\/`,
 * and keeps or lacks line breaks as before, which can end a statement).
 */
function insideOneComment(base: JsBase, text: string): boolean {
  const r = changeRange(base.text, text);
  const start = r.span.start;
  const oldEnd = start + r.span.length;
  const delta = r.newLength - r.span.length;
  let node: ts.Node = base.sf;
  for (let depth = 0; depth < 500; depth++) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (c) => {
      if (c.pos <= start && oldEnd <= c.end) next = c;
      return next !== undefined;
    });
    if (!next) break;
    node = next;
    if (start < node.getStart(base.sf)) break;
  }
  if (node === base.sf || start >= node.getStart(base.sf)) return false;
  // Those on the line of the token before (trailing) and those after it (leading).
  const comments = [...(ts.getTrailingCommentRanges(base.text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(base.text, node.pos) ?? [])];
  const c = comments.find((x) => x.pos + 2 <= start && oldEnd <= (x.kind === ts.SyntaxKind.MultiLineCommentTrivia ? x.end - 2 : x.end));
  if (!c || (c.pos === 0 && base.text.startsWith('#!'))) return false;
  const newComment = text.slice(c.pos, c.end + delta);
  if (c.kind === ts.SyntaxKind.SingleLineCommentTrivia) return !/[\r\n\u2028\u2029]/.test(newComment);
  const oldComment = base.text.slice(c.pos, c.end);
  const breaks = (t: string) => /[\r\n\u2028\u2029]/.test(t);
  return newComment.indexOf('*/', 2) === newComment.length - 2 && breaks(newComment) === breaks(oldComment);
}

/** The tree-sitter edit that turns `oldText` into `newText` (offsets and positions in UTF-16 units). */
function treeEdit(oldText: string, newText: string, oldLines: LineIndex) {
  const r = changeRange(oldText, newText);
  const start = r.span.start;
  const oldEnd = start + r.span.length;
  const newEnd = start + r.newLength;
  const point = (lines: LineIndex, offset: number) => {
    const p = lines.positionAt(offset);
    return { row: p.line, column: p.character };
  };
  const newLines = new LineIndex(newText);
  return {
    edit: makeEdit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: point(oldLines, start), oldEndPosition: point(oldLines, oldEnd), newEndPosition: point(newLines, newEnd) }),
    newLines,
  };
}

/**
 * A Python file. The tree is parsed now when the grammar is loaded (else on first use), from the
 * previous version's tree when there is one; the plain AST is built on first use, taking over the
 * previous version's unchanged statements. Only the previous tree and AST are kept until then, never
 * a chain of versions.
 */
function pythonFile(file: string, text: string, previous: CodeFile | undefined, editing: boolean): CodeFile {
  let lines: LineIndex | undefined;
  let prevTree: Tree | undefined = previous?.tree;
  let prevText = previous?.text;
  let prevLines = previous ? previous.lines : undefined;
  // A version edited only in a comment may not have built its AST: the one it means the same as has.
  let prevAst: PyModule | undefined = previous ? (builtAst.get(previous) ?? (previous.sameMeaningAs && builtAst.get(previous.sameMeaningAs))) : undefined;
  const sameMeaningAs = previous && prevTree && insidePythonComment(prevTree, previous.text, text) ? (previous.sameMeaningAs ?? previous) : undefined;
  let tree: Tree | null | undefined;
  let ast: PyModule | null | undefined;
  const parse = (): Tree | null => {
    if (!parsersReady('python')) return null;
    const parser = parserFor('python');
    let t: Tree | null = null;
    // A copy (cheap: subtrees are shared), so that this version may free its tree on its own.
    if (prevTree && prevText === text) t = prevTree.copy();
    else if (prevTree && prevText !== undefined && prevLines) {
      // Edit a copy: the previous version's tree stays as it was for whoever still holds it.
      const old = prevTree.copy();
      const e = treeEdit(prevText, text, prevLines);
      old.edit(e.edit);
      lines ??= e.newLines;
      t = parser.parse(text, old);
      old.delete();
    } else t = parser.parse(text);
    prevTree = undefined;
    prevText = undefined;
    prevLines = undefined;
    return t;
  };
  const cf: CodeFile = {
    file, text, language: 'python', ...(sameMeaningAs ? { sameMeaningAs } : {}),
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    get tree() {
      if (tree === undefined) tree = parse();
      return tree ?? undefined;
    },
    get py() {
      if (ast === undefined) {
        const t = cf.tree;
        ast = t ? buildPyModule(t, text, prevAst, editing) : null;
        prevAst = undefined;
        if (ast) builtAst.set(cf, ast);
      }
      return ast ?? undefined;
    },
    releaseTree() {
      if (!tree) return;
      tree.delete();
      tree = undefined;
      prevTree = undefined;
    },
  };
  // Parse now when the grammar is there, as the JS path does: the first analysis then only walks.
  if (parsersReady('python')) void cf.tree;
  return cf;
}

/** Whether `text` differs from `oldText` (whose tree is `tree`) only inside one comment, with no line break typed. */
function insidePythonComment(tree: Tree, oldText: string, text: string): boolean {
  const r = changeRange(oldText, text);
  const start = r.span.start;
  const oldEnd = start + r.span.length;
  if (start === 0) return false;
  // The character before the edit is in the comment (at least its `#`), and so is the replaced text.
  const n = tree.rootNode.descendantForIndex(start - 1, Math.max(start - 1, oldEnd - 1));
  if (!n || n.type !== 'comment' || n.startIndex >= start || oldEnd > n.endIndex) return false;
  return !/[\r\n]/.test(text.slice(start, start + r.newLength));
}

/** The ASTs already built, so that the next version can take over their statements without forcing one. */
const builtAst = new WeakMap<CodeFile, PyModule>();

/** Top-level statements that give an analysis something to read: definitions, imports, assignments. */
const READABLE = new Set(['function_definition', 'decorated_definition', 'class_definition', 'import_statement', 'import_from_statement', 'future_import_statement']);

/**
 * The one parse problem of a Python file: reported only when nothing of it can be analysed (no
 * definition, import or assignment at the top level is free of syntax errors: the file is not
 * Python, or is broken beyond recovery). tree-sitter recovers from errors, so a half-typed line
 * leaves the rest of the file to analyse, with no diagnostic.
 */
export function pythonParseProblem(code: CodeFile): { message: string; start: number; end: number } | undefined {
  // Once per version: the tree may be freed after the analyses (CodeFile.releaseTree).
  if (problems.has(code)) return problems.get(code) ?? undefined;
  const problem = findParseProblem(code);
  if (code.tree) problems.set(code, problem ?? null);
  return problem;
}

const problems = new WeakMap<CodeFile, { message: string; start: number; end: number } | null>();

function findParseProblem(code: CodeFile): { message: string; start: number; end: number } | undefined {
  const root = code.tree?.rootNode;
  if (!root || !root.hasError) return undefined;
  const statements = root.namedChildren.filter((c): c is NonNullable<typeof c> => !!c && c.type !== 'comment');
  const readable = (c: (typeof statements)[number]) => READABLE.has(c.type) || (c.type === 'expression_statement' && c.namedChildren.some((x) => x?.type === 'assignment' || x?.type === 'augmented_assignment'));
  if (statements.some((c) => !c.hasError && readable(c))) return undefined;
  const first = statements.find((c) => c.hasError) ?? root;
  let at = first;
  // The first error node inside it, for the position.
  for (let i = 0; i < 64; i++) {
    const next = at.namedChildren.find((c) => !!c && (c.hasError || c.isError || c.isMissing));
    if (!next || at.isError || at.isMissing) break;
    at = next;
  }
  const line = code.lines.positionAt(at.startIndex).line + 1;
  return { message: `Python syntax error on line ${line}: nothing in this file could be read, so FaaSGuard does not analyse it.`, start: at.startIndex, end: Math.max(at.startIndex, Math.min(at.endIndex, at.startIndex + 80)) };
}
