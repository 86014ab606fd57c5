// TypeScript's CommonJS module exposes each export through a getter, and `SyntaxKind` is not a
// const enum: `ts.SyntaxKind.Identifier` as a case label, or `ts.isIdentifier(n)` in a hot loop,
// costs a getter call every time. The interpreter reads them from plain objects made once here.
import ts from 'typescript';

export const SK = ts.SyntaxKind;
export const tsx: typeof ts = { ...ts };
