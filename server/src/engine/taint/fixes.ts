// Quick fixes for taint findings, computed from the AST at the sink. Each returns nothing when the
// code is not in a shape the fix can rewrite without changing what it does.
import ts from 'typescript';
import type { CodeFile } from '../code/types.js';
import type { Fix, TextEdit } from '../types.js';
import type { SinkHit } from './interp.js';

type Piece = { lit: string } | { expr: ts.Expression };

/** Flattens a template literal or a `+` chain of strings into literal text and expressions. */
export function stringPieces(e: ts.Expression): Piece[] | undefined {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ lit: e.text }];
  if (ts.isTemplateExpression(e)) {
    const out: Piece[] = [{ lit: e.head.text }];
    for (const s of e.templateSpans) out.push({ expr: s.expression }, { lit: s.literal.text });
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = stringPieces(e.left);
    const r = stringPieces(e.right);
    if (l && r) return [...l, ...r];
    if (l) return [...l, { expr: e.right }];
    return undefined;
  }
  return [{ expr: e }];
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function templateOf(pieces: Piece[], sf: ts.SourceFile): string {
  let out = '`';
  for (const p of pieces) out += 'lit' in p ? p.lit.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') : '${' + p.expr.getText(sf) + '}';
  return out + '`';
}

function edit(node: ts.Node, newText: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, start: node.getStart(sf), end: node.getEnd(), newText };
}

export function buildFixes(hit: SinkHit, load: (f: string) => CodeFile | undefined): Fix[] | undefined {
  void load;
  try {
    const fix = fixFor(hit);
    return fix ? [fix] : undefined;
  } catch {
    return undefined; // a fix is a convenience: never let it break the finding
  }
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
      return replaceCallee(hit, 'JSON.parse', 'Replace eval with JSON.parse', true);
    default:
      return undefined;
  }
}

// ---- exec(`cmd ${x}`) -> execFile('cmd', [x]) ----

const SHELL_META = /[|&;<>()$`\\"'*?[\]{}~!#\n]/;

function execToExecFile(hit: SinkHit): Fix | undefined {
  const call = hit.call;
  if (!ts.isCallExpression(call) || call.arguments[0] !== hit.arg) return undefined;
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
  const args = words.slice(1).map((w) => (w.length === 1 ? ('lit' in w[0] ? quote(w[0].lit) : w[0].expr.getText(sf)) : templateOf(w, sf)));
  const callee = call.expression;
  const sync = hit.spec.id === 'cp.execSync';
  const newName = sync ? 'execFileSync' : 'execFile';
  const edits: TextEdit[] = [];
  if (ts.isPropertyAccessExpression(callee)) edits.push(edit(callee.name, newName));
  else if (ts.isIdentifier(callee)) {
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
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && isCp(n.moduleSpecifier.text)) {
      const nb = n.importClause?.namedBindings;
      if (nb && ts.isNamedImports(nb)) {
        const names = nb.elements.map((e) => e.name.text);
        const el = nb.elements.find((e) => e.name.text === oldName && !e.propertyName);
        if (el) result = names.includes(newName) ? null : { file: sf.fileName, start: el.getEnd(), end: el.getEnd(), newText: `, ${newName}` };
      }
      return;
    }
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isObjectBindingPattern(n.name)) {
      const init = n.initializer;
      if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0]) && isCp(init.arguments[0].text)) {
        const names = n.name.elements.map((e) => (ts.isIdentifier(e.name) ? e.name.text : ''));
        const el = n.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === oldName && !e.propertyName);
        if (el) result = names.includes(newName) ? null : { file: sf.fileName, start: el.getEnd(), end: el.getEnd(), newText: `, ${newName}` };
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return result;
}

// ---- SQL: concatenation -> placeholders + values ----

function parameterise(hit: SinkHit, style: 'question' | 'dollar'): Fix | undefined {
  const call = hit.call;
  if (!ts.isCallExpression(call) || call.arguments[0] !== hit.arg) return undefined;
  const rest = call.arguments.slice(1);
  if (rest.length > 1 || (rest.length === 1 && !ts.isArrowFunction(rest[0]) && !ts.isFunctionExpression(rest[0]) && !ts.isIdentifier(rest[0]))) return undefined;
  if (rest.length === 1 && ts.isIdentifier(rest[0]) && !/^(cb|callback|done|next)$/i.test(rest[0].text)) return undefined;
  const sf = call.getSourceFile();
  const pieces = stringPieces(call.arguments[0]);
  if (!pieces || !pieces.some((p) => 'expr' in p)) return undefined;
  const r = toPlaceholders(pieces, sf, (i) => (style === 'question' ? '?' : `$${i}`));
  if (!r || (style === 'question' ? /\?/ : /\$\d/).test(r.existing)) return undefined;
  return {
    id: 'parameterise',
    title: 'Use a parameterised query (placeholders and a values array)',
    edits: [edit(call.arguments[0], `${quote(r.text)}, [${r.values.join(', ')}]`)],
    isPreferred: true,
  };
}

/** Replaces each expression (or each quoted SQL string holding expressions) with a placeholder. */
function toPlaceholders(pieces: Piece[], sf: ts.SourceFile, ph: (i: number, e: ts.Expression) => string): { text: string; values: string[]; existing: string } | undefined {
  type Item = { ch: string } | { expr: ts.Expression };
  const items: Item[] = [];
  for (const p of pieces) {
    if ('lit' in p) for (const ch of p.lit) items.push({ ch });
    else items.push({ expr: p.expr });
  }
  let text = '';
  let existing = '';
  const values: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if ('expr' in it) {
      values.push(it.expr.getText(sf));
      text += ph(values.length, it.expr);
      continue;
    }
    if (it.ch !== "'" && it.ch !== '"') {
      text += it.ch;
      existing += it.ch;
      continue;
    }
    // A quoted SQL string: find its end (a doubled quote is an escaped quote).
    const q = it.ch;
    const seg: Piece[] = [];
    let j = i + 1;
    let closed = false;
    for (; j < items.length; j++) {
      const x = items[j];
      if ('ch' in x && x.ch === q) {
        const next = items[j + 1];
        if (next && 'ch' in next && next.ch === q) {
          seg.push({ lit: q });
          j++;
          continue;
        }
        closed = true;
        break;
      }
      seg.push('ch' in x ? { lit: x.ch } : { expr: x.expr });
    }
    if (!closed) return undefined;
    if (seg.some((s) => 'expr' in s)) {
      const merged: Piece[] = [];
      for (const s of seg) {
        const last = merged[merged.length - 1];
        if ('lit' in s && last && 'lit' in last) last.lit += s.lit;
        else merged.push({ ...s });
      }
      values.push(merged.length === 1 && 'expr' in merged[0] ? merged[0].expr.getText(sf) : templateOf(merged, sf));
      text += ph(values.length, (merged.find((m) => 'expr' in m) as { expr: ts.Expression }).expr);
    } else {
      const lit = q + seg.map((s) => (s as { lit: string }).lit).join('') + q;
      text += lit;
    }
    i = j;
  }
  return { text, values, existing };
}

// ---- DynamoDB: 'attr = ' + x -> 'attr = :x' + ExpressionAttributeValues ----

function placeholderName(e: ts.Expression, used: Set<string>): string {
  let base = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : 'value';
  base = base.replace(/[^A-Za-z0-9_]/g, '') || 'value';
  let name = `:${base}`;
  for (let i = 2; used.has(name); i++) name = `:${base}${i}`;
  used.add(name);
  return name;
}

function dynamoPlaceholder(hit: SinkHit): Fix | undefined {
  const valueNode = hit.arg;
  const obj = hit.value.objNode ?? (ts.isObjectLiteralExpression(valueNode.parent?.parent) ? valueNode.parent.parent : undefined);
  const prop = valueNode.parent;
  if (!obj || !prop || !ts.isPropertyAssignment(prop) || prop.initializer !== valueNode) return undefined;
  const sf = valueNode.getSourceFile();
  const pieces = stringPieces(valueNode as ts.Expression);
  if (!pieces || !pieces.some((p) => 'expr' in p)) return undefined;
  const eav = obj.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'ExpressionAttributeValues');
  if (eav && (!ts.isPropertyAssignment(eav) || !ts.isObjectLiteralExpression(eav.initializer))) return undefined;
  const used = new Set<string>();
  for (const p of eav && ts.isPropertyAssignment(eav) && ts.isObjectLiteralExpression(eav.initializer) ? eav.initializer.properties : []) {
    if (p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name))) used.add(p.name.text);
  }
  const lowLevel = hit.calleeModule === '@aws-sdk/client-dynamodb' || (hit.calleeModule?.startsWith('aws-sdk') && !(hit.calleePath ?? []).includes('DocumentClient'));
  const names: string[] = [];
  const again = toPlaceholders(pieces, sf, (_, e) => {
    const n = placeholderName(e, used);
    names.push(n);
    return n;
  });
  if (!again) return undefined;
  const entries = again.values.map((v, i) => `'${names[i]}': ${lowLevel ? `{ S: ${v} }` : v}`);
  const edits: TextEdit[] = [edit(valueNode, quote(again.text))];
  if (eav && ts.isPropertyAssignment(eav) && ts.isObjectLiteralExpression(eav.initializer)) {
    const init = eav.initializer;
    const last = init.properties[init.properties.length - 1];
    const at = last ? last.getEnd() : init.getStart(sf) + 1;
    edits.push({ file: sf.fileName, start: at, end: at, newText: `${last ? ', ' : ' '}${entries.join(', ')}${last ? '' : ' '}` });
  } else {
    const line = sf.getLineAndCharacterOfPosition(prop.getStart(sf));
    const lineStart = sf.getPositionOfLineAndCharacter(line.line, 0);
    const indent = /^[ \t]*/.exec(sf.text.slice(lineStart, prop.getStart(sf)))![0];
    const sameLine = sf.getLineAndCharacterOfPosition(obj.getStart(sf)).line === line.line;
    const sep = sameLine ? ' ' : `\n${indent}`;
    edits.push({ file: sf.fileName, start: prop.getEnd(), end: prop.getEnd(), newText: `,${sep}ExpressionAttributeValues: { ${entries.join(', ')} }` });
  }
  return { id: 'use-placeholder', title: 'Use ExpressionAttributeValues placeholders', edits, isPreferred: true };
}

// ---- path.join(base, x) -> path.join(base, path.basename(x)) ----

function basenameFix(hit: SinkHit): Fix | undefined {
  const pj = hit.value.pathJoin;
  if (!pj) return undefined;
  const call = pj.call;
  const sf = call.getSourceFile();
  const callee = call.expression;
  const basename = ts.isPropertyAccessExpression(callee) ? `${callee.expression.getText(sf)}.basename` : undefined;
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
  const call = hit.call;
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  return { id: 'use-json-parse', title, edits: [edit(call.expression, replacement)], isPreferred: true, changesBehaviour };
}
