// Syntax helpers and constants of the JS/TS walker. TypeScript's CommonJS module exposes each export
// through a getter, and `SyntaxKind` is not a const enum: `ts.SyntaxKind.Identifier` as a case label,
// or `ts.isIdentifier(n)` in a hot loop, costs a getter call every time. The interpreter reads them
// from plain objects made once here.
import ts from 'typescript';

export const SK = ts.SyntaxKind;
export const tsx: typeof ts = { ...ts };

/** Globals the JS interpreter knows by name (a local binding of the same name shadows them). */
export const GLOBALS = new Set([
  'eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate', 'fetch', 'RegExp', 'JSON', 'Buffer', 'process',
  'Number', 'parseInt', 'parseFloat', 'Boolean', 'String', 'Math', 'BigInt', 'isNaN', 'isFinite', 'Object', 'Array',
  'Promise', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'escape', 'unescape', 'atob', 'btoa',
  'URL', 'URLSearchParams', 'structuredClone', 'console', 'Date', 'Symbol', 'Error', 'TextDecoder', 'TextEncoder',
  'require', 'module', 'exports', 'globalThis', 'global', 'Reflect', 'Map', 'Set', 'WeakMap',
]);

/** The function node of a JS function value (the core keeps nodes opaque). */
export function jsFn(fn: { node: object }): ts.FunctionLikeDeclaration {
  return fn.node as ts.FunctionLikeDeclaration;
}

export function propName(n: ts.PropertyName): string | undefined {
  if (tsx.isIdentifier(n) || tsx.isStringLiteral(n) || tsx.isNumericLiteral(n) || tsx.isPrivateIdentifier(n)) return n.text;
  if (tsx.isComputedPropertyName(n) && tsx.isStringLiteral(n.expression)) return n.expression.text;
  return undefined;
}

export function fnNameOf(n: ts.Node): string {
  const named = n as { name?: ts.Node };
  if (named.name && tsx.isIdentifier(named.name)) return named.name.text;
  if (n.parent && tsx.isVariableDeclaration(n.parent) && tsx.isIdentifier(n.parent.name)) return n.parent.name.text;
  if (n.parent && tsx.isPropertyAssignment(n.parent)) return propName(n.parent.name) ?? 'function';
  return 'function';
}
