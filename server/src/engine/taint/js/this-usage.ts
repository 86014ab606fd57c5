// How a function uses `this`, from its syntax: whether it reads it (a method called on an object
// sees that object), and whether it changes it (such a method cannot be summarised: its effect on
// the object would be lost).
import ts from 'typescript';
import { SK, tsx } from './syntax.js';

const reads = new WeakMap<ts.Node, boolean>();
const writes = new WeakMap<ts.Node, boolean>();
const MUTATING = new Set(['push', 'unshift', 'splice', 'set', 'add', 'assign', 'defineProperty']);

/** Visits a function's own body: nested non-arrow functions and classes have their own `this`. */
function someInBody(fn: ts.FunctionLikeDeclaration, test: (n: ts.Node) => boolean): boolean {
  const visit = (n: ts.Node): boolean => test(n) || (!(tsx.isFunctionLike(n) && !tsx.isArrowFunction(n)) && !tsx.isClassLike(n) && !!ts.forEachChild(n, visit));
  return !!fn.body && !!ts.forEachChild(fn.body, visit);
}

function rootedAtThis(e: ts.Expression): boolean {
  while (tsx.isPropertyAccessExpression(e) || tsx.isElementAccessExpression(e) || tsx.isParenthesizedExpression(e) || tsx.isNonNullExpression(e)) e = e.expression;
  return e.kind === SK.ThisKeyword;
}

export function usesThis(fn: ts.FunctionLikeDeclaration): boolean {
  let r = reads.get(fn);
  if (r === undefined) reads.set(fn, (r = someInBody(fn, (n) => n.kind === SK.ThisKeyword)));
  return r;
}

/** `this.x = ...`, `this.list.push(...)`, `Object.assign(this, ...)` and the like. */
export function writesThis(fn: ts.FunctionLikeDeclaration): boolean {
  let r = writes.get(fn);
  if (r !== undefined) return r;
  r = tsx.isConstructorDeclaration(fn) || someInBody(fn, (n) => {
    if (tsx.isBinaryExpression(n) && n.operatorToken.kind >= SK.FirstAssignment && n.operatorToken.kind <= SK.LastAssignment) return rootedAtThis(n.left);
    if ((tsx.isPrefixUnaryExpression(n) || tsx.isPostfixUnaryExpression(n)) && (n.operator === SK.PlusPlusToken || n.operator === SK.MinusMinusToken)) return rootedAtThis(n.operand);
    if (tsx.isDeleteExpression(n)) return rootedAtThis(n.expression);
    if (tsx.isCallExpression(n) && tsx.isPropertyAccessExpression(n.expression) && MUTATING.has(n.expression.name.text)) {
      return rootedAtThis(n.expression.expression) || n.arguments.some((a) => a.kind === SK.ThisKeyword);
    }
    return false;
  });
  writes.set(fn, r);
  return r;
}
