// Quick fixes for queries: a concatenated SQL string becomes placeholders and a values array; a
// concatenated DynamoDB expression becomes ExpressionAttributeValues placeholders.
import ts from 'typescript';
import { tsx } from './syntax.js';
import type { Fix, TextEdit } from '../../types.js';
import type { SinkHit } from '../core.js';
import { edit, quote, stringPieces, templateOf } from './fix-text.js';
import { dynamoValueContext, toPlaceholders, type PieceText } from '../fix-pieces.js';

// ---- SQL: concatenation -> placeholders + values ----

function jsText(sf: ts.SourceFile): PieceText<ts.Expression> {
  return { text: (e) => e.getText(sf), joined: (ps) => templateOf(ps, sf) };
}

export function parameterise(hit: SinkHit, style: 'question' | 'dollar'): Fix | undefined {
  const call = hit.call as ts.Node;
  if (!tsx.isCallExpression(call) || call.arguments[0] !== hit.arg) return undefined;
  const rest = call.arguments.slice(1);
  if (rest.length > 1 || (rest.length === 1 && !tsx.isArrowFunction(rest[0]) && !tsx.isFunctionExpression(rest[0]) && !tsx.isIdentifier(rest[0]))) return undefined;
  if (rest.length === 1 && tsx.isIdentifier(rest[0]) && !/^(cb|callback|done|next)$/i.test(rest[0].text)) return undefined;
  const sf = call.getSourceFile();
  const pieces = stringPieces(call.arguments[0]);
  if (!pieces || !pieces.some((p) => 'expr' in p)) return undefined;
  const r = toPlaceholders(pieces, jsText(sf), (i) => (style === 'question' ? '?' : `$${i}`));
  if (!r || (style === 'question' ? /\?/ : /\$\d/).test(r.existing)) return undefined;
  return {
    id: 'parameterise',
    title: 'Use a parameterised query (placeholders and a values array)',
    edits: [edit(call.arguments[0], `${quote(r.text)}, [${r.values.join(', ')}]`)],
    isPreferred: true,
  };
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
  const again = toPlaceholders(pieces, jsText(sf), (_, e) => {
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

