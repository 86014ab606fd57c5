// The quick fix: log the caught error as the first statement of the handler, with the logger already
// in scope (a logger parameter, or a module-level pino/winston/Powertools/debug logger) or else
// `console.error`. A `catch` without a binding gets one (`catch (err)`), and so does a handler with no
// parameter. The file's indentation and semicolon style are kept.
import ts from 'typescript';
import { type Fix, type LoggerInfo, loggerLikeName, type TextEdit } from '../../server/src/engine/rule-kit.js';
import { mentions } from './analysis.js';

export type Handler =
  | { kind: 'catch'; clause: ts.CatchClause }
  | { kind: 'fn'; fn: ts.ArrowFunction | ts.FunctionExpression }
  | { kind: 'noop'; ref: ts.Expression };

/** The style of the last file asked about: a file with 6,000 catches is read once, not once per catch. */
let lastStyle: { text: string; style: { step: string; semi: string; eol: string } } | undefined;

function style(text: string): { step: string; semi: string; eol: string } {
  if (lastStyle?.text !== text) lastStyle = { text, style: readStyle(text) };
  return lastStyle.style;
}

function readStyle(text: string): { step: string; semi: string; eol: string } {
  // The smallest indentation of a code line (JSDoc continuation lines, ` * `, do not count).
  const indents = (text.match(/^[ \t]+(?=[^\s*])/gm) ?? []).slice(0, 500);
  const spaces = indents.filter((i) => !i.includes('\t')).map((i) => i.length);
  const step = indents.some((i) => i.startsWith('\t')) && spaces.length === 0 ? '\t' : ' '.repeat(spaces.length ? Math.min(...spaces) : 2);
  return { step, semi: /;[ \t]*\r?$/m.test(text) ? ';' : '', eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function lineIndent(text: string, pos: number): string {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** A name for the error that nothing in the handler uses yet. */
function freshName(body: ts.Node): string {
  for (const n of ['err', 'error', 'caughtError']) if (!mentions(body, new Set([n]))) return n;
  return 'caughtError';
}

/** The logger to use at `at`: a parameter named like one, else a logger bound in an enclosing scope before it. */
function loggerAt(at: ts.Node, loggers: Map<string, LoggerInfo>): { name: string; info: LoggerInfo } | undefined {
  for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      for (const p of n.parameters) if (ts.isIdentifier(p.name) && loggerLikeName(p.name.text) && /logger/i.test(p.name.text)) return { name: p.name.text, info: { kind: 'object' } };
    }
    for (const [name, info] of loggers) {
      const d = info.decl;
      if (!d || d.pos > at.pos) continue;
      let scope: ts.Node | undefined = d.parent;
      while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
      if (scope === n) return { name, info };
    }
  }
  return undefined;
}

function logCall(at: ts.Node, err: string, loggers: Map<string, LoggerInfo>, isTs: boolean): string {
  const l = loggerAt(at, loggers);
  if (!l) return `console.error(${err})`;
  if (l.info.kind === 'callable') return `${l.name}(${err})`;
  if (l.info.kind === 'powertools') return `${l.name}.error('Unexpected error', ${err}${isTs ? ' as Error' : ''})`;
  return `${l.name}.error(${err})`;
}

/** Inserts `stmt` as the first statement of a block, in the block's layout (`;` always ends it on a shared line). */
function intoBlock(block: ts.Block, stmt: string, text: string, multilineWhenEmpty: boolean): TextEdit {
  const sf = block.getSourceFile();
  const { step, semi, eol } = style(text);
  const open = block.getStart(sf) + 1;
  const first = block.statements[0];
  const sameLine = (a: number, b: number) => !text.slice(a, b).includes('\n');
  if (first && sameLine(open, first.getStart(sf))) return { file: sf.fileName, start: open, end: open, newText: ` ${stmt};` };
  if (first) return { file: sf.fileName, start: open, end: open, newText: `${eol}${lineIndent(text, first.getStart(sf))}${stmt}${semi}` };
  const close = block.end - 1;
  if (!sameLine(open, close)) return { file: sf.fileName, start: open, end: open, newText: `${eol}${lineIndent(text, close)}${step}${stmt}${semi}` };
  if (!multilineWhenEmpty) return { file: sf.fileName, start: open - 1, end: block.end, newText: `{ ${stmt}; }` };
  const indent = lineIndent(text, block.getStart(sf));
  return { file: sf.fileName, start: open - 1, end: block.end, newText: `{${eol}${indent}${step}${stmt}${semi}${eol}${indent}}` };
}

export function logFix(h: Handler, loggers: Map<string, LoggerInfo>): Fix | undefined {
  const node = h.kind === 'catch' ? h.clause : h.kind === 'fn' ? h.fn : h.ref;
  const sf = node.getSourceFile();
  const text = sf.text;
  const file = sf.fileName;
  const isTs = /\.[cm]?tsx?$/.test(file);
  const edits: TextEdit[] = [];
  let err: string;
  if (h.kind === 'noop') {
    err = 'err';
    edits.push({ file, start: h.ref.getStart(sf), end: h.ref.end, newText: `(${err}) => ${logCall(h.ref, err, loggers, isTs)}` });
  } else if (h.kind === 'catch') {
    const decl = h.clause.variableDeclaration;
    if (decl && !ts.isIdentifier(decl.name)) return undefined;
    err = decl ? (decl.name as ts.Identifier).text : freshName(h.clause.block);
    if (!decl) {
      const at = h.clause.getStart(sf) + 'catch'.length;
      edits.push({ file, start: at, end: at, newText: ` (${err})` });
    }
    edits.push(intoBlock(h.clause.block, logCall(h.clause.block, err, loggers, isTs), text, true));
  } else {
    const fn = h.fn;
    const p = fn.parameters[0];
    if (p && !ts.isIdentifier(p.name)) return undefined;
    err = p ? (p.name as ts.Identifier).text : freshName(fn.body);
    if (!p) {
      const open = text.indexOf('(', fn.getStart(sf));
      if (open < 0 || open > fn.body.getStart(sf)) return undefined;
      edits.push({ file, start: open + 1, end: open + 1, newText: err });
    }
    const call = logCall(fn.body, err, loggers, isTs);
    if (ts.isBlock(fn.body)) edits.push(intoBlock(fn.body, call, text, false));
    else {
      // `() => null` becomes `(err) => { console.error(err); return null; }`, on the same line.
      const body = fn.body;
      edits.push({ file, start: body.getStart(sf), end: body.end, newText: `{ ${call}; return ${body.getText(sf)}; }` });
    }
  }
  return { id: 'log-caught-error', title: `Log the caught error (${logCall(node, err, loggers, isTs)})`, edits, isPreferred: true };
}
