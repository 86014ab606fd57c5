import ts from 'typescript';
import { defineRule, loggerBindings, nodesOfKinds, reachableFiles } from '../../server/src/engine/rule-kit.js';
import { outcome, returnsErrorResponse, type HandlerBody } from './analysis.js';
import { logFix, type Handler } from './fix.js';
import { checkPython } from './python.js';

const NOOPS = /^(noop|_\.noop|lodash\.noop|R\.always|Function\.prototype)$/;

/** The error handler of `.catch(f)` / `.then(ok, f)`, when it is a function literal or a no-op. */
function promiseHandler(call: ts.CallExpression): { arg: ts.Expression; name: ts.Node } | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const arg = method === 'catch' && call.arguments.length === 1 ? call.arguments[0] : method === 'then' && call.arguments.length === 2 ? call.arguments[1] : undefined;
  return arg ? { arg, name: callee.name } : undefined;
}

export default defineRule({
  id: 'no-swallowed-errors',
  scope: 'code',
  languages: ['js', 'python'],
  meta: {
    category: 'logging',
    severity: 'warning',
    title: 'Error caught and dropped without a log',
    description:
      'A catch block or promise .catch() handler (Python: an except clause that catches every error) in handler code that neither logs the error, rethrows it, nor passes it on. The function carries on or answers with a generic error, and the cause is lost: failures, and attacks that trigger them, leave no trace.',
    cwe: ['CWE-390', 'CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'safe',
    messages: {
      swallowed: "A catch block, a .catch() handler or an except clause drops the error without logging, rethrowing or passing it on.",
    },
  },
  check(ctx) {
    if (ctx.code.language === 'python') return checkPython(ctx);
    for (const code of reachableFiles(ctx)) {
      const sf = code.sf!;
      const loggers = loggerBindings(sf);
      const report = (at: ts.Node, h: HandlerBody, handler: Handler) => {
        if (outcome(h, loggers) !== 'swallowed') return;
        const fix = logFix(handler, loggers);
        const answer = returnsErrorResponse(h.body) ? ' It answers with an error status, but the cause is never recorded.' : '';
        ctx.report({
          span: { file: code.file, start: at.getStart(sf), end: at.end },
          message: `This ${handler.kind === 'catch' ? 'catch block' : '.catch() handler'} swallows the error: it neither logs it, rethrows it, nor passes it on.${answer}`,
          fixes: fix ? [fix] : [],
        });
      };
      for (const n of nodesOfKinds(sf, [ts.SyntaxKind.CatchClause, ts.SyntaxKind.CallExpression])) {
        if (ts.isCatchClause(n)) {
          const d = n.variableDeclaration;
          const catchKeyword = n.getFirstToken(sf) ?? n;
          report(catchKeyword, { body: n.block, errName: d && ts.isIdentifier(d.name) ? d.name.text : undefined }, { kind: 'catch', clause: n });
        } else if (ts.isCallExpression(n)) {
          const h = promiseHandler(n);
          const arg = h?.arg;
          if (arg && (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg))) {
            const p = arg.parameters[0];
            const errName = p && ts.isIdentifier(p.name) ? p.name.text : undefined;
            // A destructured parameter (`({ message }) => ...`) uses the error: not swallowed.
            if (!p || errName) report(h!.name, { body: arg.body, errName, expressionBody: !ts.isBlock(arg.body) }, { kind: 'fn', fn: arg });
          } else if (arg && NOOPS.test(arg.getText(sf))) {
            report(h!.name, { body: arg }, { kind: 'noop', ref: arg });
          }
        }
      }
    }
  },
});
