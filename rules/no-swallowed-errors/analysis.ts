// Does an error handler (a `catch` block, or the function given to `.catch()` / `.then(_, f)`) do
// something with the error? It does when it logs (any logging call), throws, or passes the error on:
// the caught value (or a variable made from it) is an argument of a call (`callback(err)`,
// `reject(err)`, `next(err)`, `sendToDlq(err)`), part of a returned value (`return { error: err }`,
// an arrow's expression body), or stored (`this.lastError = err`, `errors.push(err)`).
import ts from 'typescript';
import { isLoggingCall, type LoggerInfo } from '../../server/src/engine/rule-kit.js';

/** Calls that only convert the error: using it in them is not passing it on by itself. */
const PURE_CALLEES = new Set(['String', 'Number', 'Boolean', 'JSON.stringify', 'Object.keys', 'Object.values', 'Object.entries', 'Array.isArray', 'isNaN', 'parseInt', 'parseFloat']);

export interface HandlerBody {
  /** The block or expression that runs when the error is caught. */
  body: ts.Node;
  /** The name the caught error is bound to, when it has one (`catch (err)`, `(err) => ...`). */
  errName?: string;
  /** An arrow function with an expression body: the expression is its return value. */
  expressionBody?: boolean;
}

function calleeText(call: ts.CallExpression): string | undefined {
  const c = call.expression;
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression)) return `${c.expression.text}.${c.name.text}`;
  return undefined;
}

/** Identifiers that name the error: the catch variable, and local variables initialised from it. */
function errorNames(h: HandlerBody): Set<string> {
  const names = new Set<string>();
  if (!h.errName) return names;
  names.add(h.errName);
  // `const msg = String(err)`, `const { message } = err`: one pass in source order is enough.
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer && mentions(n.initializer, names)) {
      collectBindingNames(n.name, names);
    }
    ts.forEachChild(n, visit);
  };
  visit(h.body);
  return names;
}

function collectBindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) collectBindingNames(el.name, out);
}

/** Whether an expression refers to one of the names (not as a property name, not inside a nested declaration's name). */
export function mentions(node: ts.Node, names: Set<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && names.has(n.text)) {
      const p = n.parent;
      const isPropName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      if (!isPropName) found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

export type Outcome = 'logged' | 'thrown' | 'passed' | 'swallowed';

/** What the handler does with the error. */
export function outcome(h: HandlerBody, loggers: Map<string, LoggerInfo>): Outcome {
  const names = errorNames(h);
  let result: Outcome = 'swallowed';
  const visit = (n: ts.Node): void => {
    if (result === 'logged' || result === 'thrown') return;
    if (ts.isThrowStatement(n)) {
      result = 'thrown';
      return;
    }
    if (ts.isCallExpression(n)) {
      if (isLoggingCall(n, loggers)) {
        result = 'logged';
        return;
      }
      // `batchItemFailures.push({ itemIdentifier: id })`: the failure is reported to Lambda, which
      // retries the message (and sends it to the dead-letter queue in the end).
      if (reportsBatchItemFailure(n)) {
        result = 'passed';
        return;
      }
      const callee = calleeText(n);
      if (names.size > 0 && !(callee && PURE_CALLEES.has(callee)) && n.arguments.some((a) => mentions(a, names))) result = 'passed';
    } else if (names.size > 0 && ts.isReturnStatement(n) && n.expression && mentions(n.expression, names)) {
      result = 'passed';
    } else if (names.size > 0 && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && mentions(n.right, names)) {
      result = 'passed'; // stored for later: `lastError = err` (then rethrown), `this.lastError = err`, `result.error = err`
    } else if (names.size > 0 && (ts.isYieldExpression(n) || ts.isAwaitExpression(n)) && n.expression && ts.isIdentifier(n.expression) && names.has(n.expression.text)) {
      result = 'passed';
    }
    ts.forEachChild(n, visit);
  };
  visit(h.body);
  if (result === 'swallowed' && h.expressionBody && names.size > 0 && mentions(h.body, names)) return 'passed';
  return result;
}

const BATCH_FAILURES = /^(?:batchItemFailures|batch_item_failures|itemFailures|failedItems|failures)$/i;

function reportsBatchItemFailure(call: ts.CallExpression): boolean {
  const c = call.expression;
  if (!ts.isPropertyAccessExpression(c) || c.name.text !== 'push') return false;
  const recv = ts.isPropertyAccessExpression(c.expression) ? c.expression.name.text : ts.isIdentifier(c.expression) ? c.expression.text : '';
  const item = call.arguments[0];
  const names = item && ts.isObjectLiteralExpression(item) ? item.properties.map((p) => p.name?.getText().replace(/^['"]|['"]$/g, '')) : [];
  return names.includes('itemIdentifier') || BATCH_FAILURES.test(recv);
}

/** Whether the handler ends by answering with an error status (`statusCode: 500`): the message says so. */
export function returnsErrorResponse(body: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAssignment(n) && /^(statusCode|status)$/.test(n.name.getText()) && ts.isNumericLiteral(n.initializer) && Number(n.initializer.text) >= 500) found = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'status' && n.arguments[0] && ts.isNumericLiteral(n.arguments[0]) && Number(n.arguments[0].text) >= 500) found = true;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}
