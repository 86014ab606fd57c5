// Quick fixes for queries: a concatenated SQL string becomes placeholders and a values array; a
// concatenated DynamoDB expression becomes ExpressionAttributeValues placeholders.
import ts from 'typescript';
import { tsx } from './syntax.js';
import type { Fix, TextEdit } from '../../types.js';
import type { SinkHit } from '../core.js';
import { edit, quote, stringPieces, templateOf, type Piece } from './fix-text.js';

// ---- SQL: concatenation -> placeholders + values ----

export function parameterise(hit: SinkHit, style: 'question' | 'dollar'): Fix | undefined {
  const call = hit.call as ts.Node;
  if (!tsx.isCallExpression(call) || call.arguments[0] !== hit.arg) return undefined;
  const rest = call.arguments.slice(1);
  if (rest.length > 1 || (rest.length === 1 && !tsx.isArrowFunction(rest[0]) && !tsx.isFunctionExpression(rest[0]) && !tsx.isIdentifier(rest[0]))) return undefined;
  if (rest.length === 1 && tsx.isIdentifier(rest[0]) && !/^(cb|callback|done|next)$/i.test(rest[0].text)) return undefined;
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
function toPlaceholders(pieces: Piece[], sf: ts.SourceFile, ph: (i: number, e: ts.Expression) => string, isValueContext: (before: string) => boolean = valueContext): { text: string; values: string[]; existing: string } | undefined {
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
      // A bare expression can become a placeholder only where SQL expects a value: a table or
      // column name, or a piece of SQL text, cannot be bound.
      if (!isValueContext(text)) return undefined;
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

/**
 * Whether SQL text ending with `before` expects a value next: after a comparison, LIKE, LIMIT or
 * OFFSET, or inside the parentheses of VALUES (...) or IN (...).
 */
export function valueContext(before: string): boolean {
  const t = before.replace(/'(?:[^']|'')*'/g, "''");
  if (/(?:[=<>]|\b(?:i?like|limit|offset))\s*$/i.test(t)) return true;
  const open = /[(,]\s*$/.test(t) ? openParen(t) : -1;
  return open >= 0 && /\b(?:values|in)\s*$/i.test(t.slice(0, open));
}

/** DynamoDB: after a comparison or `+`/`-`, or as an argument of IN, begins_with or contains. */
function dynamoValueContext(before: string): boolean {
  if (/[=<>+-]\s*$/.test(before)) return true;
  const open = /[(,]\s*$/.test(before) ? openParen(before) : -1;
  return open >= 0 && /\b(?:in|begins_with|contains)\s*$/i.test(before.slice(0, open));
}

/** The position of the innermost unclosed `(` at the end of `t` (-1: none). */
function openParen(t: string): number {
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    if (t[i] === ')') depth++;
    else if (t[i] === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

// ---- DynamoDB: 'attr = ' + x -> 'attr = :x' + ExpressionAttributeValues ----

function placeholderName(e: ts.Expression, used: Set<string>): string {
  let base = tsx.isIdentifier(e) ? e.text : tsx.isPropertyAccessExpression(e) ? e.name.text : 'value';
  base = base.replace(/[^A-Za-z0-9_]/g, '') || 'value';
  let name = `:${base}`;
  for (let i = 2; used.has(name); i++) name = `:${base}${i}`;
  used.add(name);
  return name;
}

export function dynamoPlaceholder(hit: SinkHit): Fix | undefined {
  const valueNode = hit.arg as ts.Node;
  const obj = (hit.value.objNode as ts.ObjectLiteralExpression | undefined) ?? (tsx.isObjectLiteralExpression(valueNode.parent?.parent) ? valueNode.parent.parent : undefined);
  const prop = valueNode.parent;
  if (!obj || !prop || !tsx.isPropertyAssignment(prop) || prop.initializer !== valueNode) return undefined;
  const sf = valueNode.getSourceFile();
  const pieces = stringPieces(valueNode as ts.Expression);
  if (!pieces || !pieces.some((p) => 'expr' in p)) return undefined;
  const eav = obj.properties.find((p) => p.name && tsx.isIdentifier(p.name) && p.name.text === 'ExpressionAttributeValues');
  if (eav && (!tsx.isPropertyAssignment(eav) || !tsx.isObjectLiteralExpression(eav.initializer))) return undefined;
  const used = new Set<string>();
  for (const p of eav && tsx.isPropertyAssignment(eav) && tsx.isObjectLiteralExpression(eav.initializer) ? eav.initializer.properties : []) {
    if (p.name && (tsx.isStringLiteral(p.name) || tsx.isIdentifier(p.name))) used.add(p.name.text);
  }
  const lowLevel = hit.calleeModule === '@aws-sdk/client-dynamodb' || (hit.calleeModule?.startsWith('aws-sdk') && !(hit.calleePath ?? []).includes('DocumentClient'));
  const names: string[] = [];
  const again = toPlaceholders(pieces, sf, (_, e) => {
    const n = placeholderName(e, used);
    names.push(n);
    return n;
  }, dynamoValueContext);
  if (!again) return undefined;
  const entries = again.values.map((v, i) => `'${names[i]}': ${lowLevel ? `{ S: ${v} }` : v}`);
  const edits: TextEdit[] = [edit(valueNode, quote(again.text))];
  if (eav && tsx.isPropertyAssignment(eav) && tsx.isObjectLiteralExpression(eav.initializer)) {
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

