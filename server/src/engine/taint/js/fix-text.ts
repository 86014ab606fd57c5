// Text helpers for quick fixes: strings built by concatenation or template literals, as pieces of
// literal text and expressions, and edits at a node.
import type ts from 'typescript';
import { SK, tsx } from './syntax.js';
import type { TextEdit } from '../../types.js';
import type { Piece as AnyPiece } from '../fix-pieces.js';

export type Piece = AnyPiece<ts.Expression>;

/** Flattens a template literal or a `+` chain of strings into literal text and expressions. */
export function stringPieces(e: ts.Expression): Piece[] | undefined {
  while (tsx.isParenthesizedExpression(e)) e = e.expression;
  if (tsx.isStringLiteral(e) || tsx.isNoSubstitutionTemplateLiteral(e)) return [{ lit: e.text }];
  if (tsx.isTemplateExpression(e)) {
    const out: Piece[] = [{ lit: e.head.text }];
    for (const s of e.templateSpans) out.push({ expr: s.expression }, { lit: s.literal.text });
    return out;
  }
  if (tsx.isBinaryExpression(e) && e.operatorToken.kind === SK.PlusToken) {
    // The chain nests to the left: collect its operands without recursion.
    const operands: ts.Expression[] = [];
    let left: ts.Expression = e;
    while (tsx.isBinaryExpression(left) && left.operatorToken.kind === SK.PlusToken) {
      operands.push(left.right);
      left = left.left;
    }
    operands.push(left);
    const out: Piece[] = [];
    for (let i = operands.length - 1; i >= 0; i--) out.push(...(stringPieces(operands[i]) ?? [{ expr: operands[i] }]));
    return out;
  }
  return [{ expr: e }];
}

export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

export function templateOf(pieces: Piece[], sf: ts.SourceFile): string {
  let out = '`';
  for (const p of pieces) out += 'lit' in p ? p.lit.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') : '${' + p.expr.getText(sf) + '}';
  return out + '`';
}

export function edit(node: ts.Node, newText: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, start: node.getStart(sf), end: node.getEnd(), newText };
}

