// Quick fixes for taint findings, computed from the AST at the sink. Each returns nothing when the
// code is not in a shape the fix can rewrite without changing what it does.
import ts from 'typescript';
import { tsx } from './syntax.js';
import type { Fix, TextEdit } from '../../types.js';
import type { SinkHit } from '../core.js';
import { edit, quote, stringPieces, templateOf, type Piece } from './fix-text.js';
import { dynamoPlaceholder, parameterise } from './fixes-query.js';

export function buildFixes(hit: SinkHit): Fix[] | undefined {
  const fix = fixFor(hit);
  return fix ? [fix] : undefined;
}

function fixFor(hit: SinkHit): Fix | undefined {
  switch (hit.spec.id) {
    case 'cp.exec':
    case 'cp.execSync':
      return execToExecFile(hit);
    case 'sql.mysql':
    case 'sql.knex':
      return parameterise(hit, 'question');
    case 'sql.pg':
      return parameterise(hit, 'dollar');
    case 'ddb.command':
    case 'ddb.method':
      return dynamoPlaceholder(hit);
    case 'fs.path':
    case 'fs.path2':
      return basenameFix(hit);
    case 'node-serialize':
      return replaceCallee(hit, 'JSON.parse', 'Replace unserialize with JSON.parse', true);
    case 'eval':
      return evalToJsonParse(hit);
    default:
      return undefined;
  }
}

// ---- exec(`cmd ${x}`) -> execFile('cmd', [x]) ----

const SHELL_META = /[|&;<>()$`\\"'*?[\]{}~!#\n]/;
/** Programs that interpret their arguments as commands. */
export const SHELL_PROGRAMS = /^(?:.*\/)?(?:sh|bash|zsh|dash|ksh|csh|tcsh|fish|busybox|env|xargs|eval|cmd|cmd\.exe|powershell|pwsh|su|sudo|ssh)$/;

/** An argument: `list.join(' ')` was several words for the shell, so it becomes `...list`. */
function argText(e: ts.Expression, sf: ts.SourceFile): string {
  if (tsx.isCallExpression(e) && tsx.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join' && e.arguments.length === 1) {
    const sep = e.arguments[0];
    if ((tsx.isStringLiteral(sep) || tsx.isNoSubstitutionTemplateLiteral(sep)) && sep.text === ' ') return '...' + e.expression.expression.getText(sf);
  }
  return e.getText(sf);
}

function execToExecFile(hit: SinkHit): Fix | undefined {
  const call = hit.call as ts.Node;
  if (!tsx.isCallExpression(call) || call.arguments[0] !== hit.arg) return undefined;
  const sf = call.getSourceFile();
  const pieces = stringPieces(call.arguments[0]);
  if (!pieces || pieces.some((p) => 'lit' in p && SHELL_META.test(p.lit))) return undefined;
  // Split into words: whitespace in literal text separates arguments; expressions glue to neighbours.
  const words: Piece[][] = [];
  let cur: Piece[] = [];
  for (const p of pieces) {
    if ('expr' in p) {
      cur.push(p);
      continue;
    }
    const parts = p.lit.split(/(\s+)/);
    parts.forEach((part) => {
      if (/^\s+$/.test(part)) {
        if (cur.length) words.push(cur);
        cur = [];
      } else if (part) cur.push({ lit: part });
    });
  }
  if (cur.length) words.push(cur);
  const program = words[0];
  if (!program || program.length !== 1 || !('lit' in program[0])) return undefined;
  // `sh -c ...` without the outer shell is still a shell: the rewrite would only hide the problem.
  if (SHELL_PROGRAMS.test(program[0].lit)) return undefined;
  const args = words.slice(1).map((w) => (w.length === 1 ? ('lit' in w[0] ? quote(w[0].lit) : argText(w[0].expr, sf)) : templateOf(w, sf)));
  const callee = call.expression;
  const sync = hit.spec.id === 'cp.execSync';
  const newName = sync ? 'execFileSync' : 'execFile';
  const edits: TextEdit[] = [];
  if (tsx.isPropertyAccessExpression(callee)) edits.push(edit(callee.name, newName));
  else if (tsx.isIdentifier(callee)) {
    const importEdit = ensureNamedImport(sf, callee.text, newName);
    if (importEdit === undefined) return undefined;
    edits.push(edit(callee, newName));
    if (importEdit) edits.push(importEdit);
  } else return undefined;
  edits.push(edit(call.arguments[0], `${quote((program[0] as { lit: string }).lit)}, [${args.join(', ')}]`));
  return {
    id: 'use-execfile',
    title: `Run without a shell: ${newName}(${quote((program[0] as { lit: string }).lit)}, [...])`,
    edits,
    isPreferred: true,
  };
}

/**
 * Makes `newName` available next to `oldName` from child_process: adds it to the same destructuring
 * or named import. Returns null when already there, undefined when the import cannot be found.
 */
function ensureNamedImport(sf: ts.SourceFile, oldName: string, newName: string): TextEdit | null | undefined {
  let result: TextEdit | null | undefined;
  const isCp = (s: string) => s === 'child_process' || s === 'node:child_process';
  const visit = (n: ts.Node): void => {
    if (result !== undefined) return;
    if (tsx.isImportDeclaration(n) && tsx.isStringLiteral(n.moduleSpecifier) && isCp(n.moduleSpecifier.text)) {
      const nb = n.importClause?.namedBindings;
      if (nb && tsx.isNamedImports(nb)) {
        const names = nb.elements.map((e) => e.name.text);
        const el = nb.elements.find((e) => e.name.text === oldName && !e.propertyName);
        if (el) result = names.includes(newName) ? null : { file: sf.fileName, start: el.getEnd(), end: el.getEnd(), newText: `, ${newName}` };
      }
      return;
    }
    if (tsx.isVariableDeclaration(n) && n.initializer && tsx.isObjectBindingPattern(n.name)) {
      const init = n.initializer;
      if (tsx.isCallExpression(init) && tsx.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && tsx.isStringLiteral(init.arguments[0]) && isCp(init.arguments[0].text)) {
        const names = n.name.elements.map((e) => (tsx.isIdentifier(e.name) ? e.name.text : ''));
        const el = n.name.elements.find((e) => tsx.isIdentifier(e.name) && e.name.text === oldName && !e.propertyName);
        if (el) result = names.includes(newName) ? null : { file: sf.fileName, start: el.getEnd(), end: el.getEnd(), newText: `, ${newName}` };
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return result;
}

// ---- path.join(base, x) -> path.join(base, path.basename(x)) ----

function basenameFix(hit: SinkHit): Fix | undefined {
  const pj = hit.value.pathJoin;
  if (!pj) return undefined;
  const call = pj.call as ts.CallExpression;
  const sf = call.getSourceFile();
  const callee = call.expression;
  const basename = tsx.isPropertyAccessExpression(callee) ? `${callee.expression.getText(sf)}.basename` : undefined;
  if (!basename) return undefined;
  const targets = pj.dataArgs.filter((i) => i > 0 && call.arguments[i]);
  if (targets.length === 0) return undefined;
  return {
    id: 'use-basename',
    title: `Keep only the file name: ${basename}(...)`,
    edits: targets.map((i) => edit(call.arguments[i], `${basename}(${call.arguments[i].getText(sf)})`)),
    isPreferred: true,
    changesBehaviour: true,
  };
}

function replaceCallee(hit: SinkHit, replacement: string, title: string, changesBehaviour: boolean): Fix | undefined {
  const call = hit.call as ts.Node;
  if (!tsx.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  return { id: 'use-json-parse', title, edits: [edit(call.expression, replacement)], isPreferred: true, changesBehaviour };
}

/** `eval(x)` and the old idiom `eval('(' + x + ')')` -> `JSON.parse(x)`: data, not code. */
function evalToJsonParse(hit: SinkHit): Fix | undefined {
  const call = hit.call as ts.Node;
  if (!tsx.isCallExpression(call) || call.arguments.length !== 1 || call.arguments[0] !== hit.arg) return undefined;
  const pieces = stringPieces(call.arguments[0]);
  if (!pieces) return undefined;
  const exprs = pieces.filter((p): p is { expr: ts.Expression } => 'expr' in p);
  const text = pieces.map((p) => ('lit' in p ? p.lit : '#')).join('').trim();
  if (exprs.length !== 1 || (text !== '#' && text !== '(#)')) return undefined;
  const sf = call.getSourceFile();
  return {
    id: 'use-json-parse',
    title: 'Parse the data as JSON instead of running it: JSON.parse(...)',
    edits: [edit(call, `JSON.parse(${exprs[0].expr.getText(sf)})`)],
    isPreferred: true,
    changesBehaviour: true,
  };
}
