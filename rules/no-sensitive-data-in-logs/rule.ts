import ts from 'typescript';
import { defineRule, isLoggingCall, loggerBindings, nodesOfKinds, reachableFiles } from '../../server/src/engine/rule-kit.js';
import { Sensitivity, type Hit } from './sensitive.js';
import { eventContents, wholeEventIsHarmless, wholeEventSeverity } from './contents.js';
import { checkPython } from './python.js';
import { describeHit, HIT_MESSAGES, type HitKind } from './messages.js';

function describe(h: Hit, sf: ts.SourceFile, contents: { phrase: string; note: string }): string {
  const text = h.node.getText(sf).replace(/\s+/g, ' ');
  const shown = text.length > 50 ? `${text.slice(0, 47)}...` : text;
  if (h.kind === 'event' && ts.isPropertyAssignment(h.node)) return describeHit('powertools-event', shown, contents, undefined, 'logEvent: true');
  return describeHit(h.kind, shown, contents, h.name);
}

function messageIdOf(h: Hit): HitKind {
  return h.kind === 'event' && ts.isPropertyAssignment(h.node) ? 'powertools-event' : h.kind;
}

export default defineRule({
  id: 'no-sensitive-data-in-logs',
  scope: 'code',
  languages: ['js', 'python'],
  meta: {
    category: 'logging',
    severity: 'warning',
    title: 'Secrets or whole request data written to logs',
    description:
      'Handler code logs the whole Lambda event, all request headers, an Authorization header or token, every environment variable (process.env, os.environ), the value of a secret-named environment variable, or a secret fetched from Secrets Manager or Parameter Store. Logs are read by many more people and systems than the function, are kept for a long time, and are exported to third parties: what is written there leaks.',
    cwe: ['CWE-532'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'none',
    messages: HIT_MESSAGES,
  },
  check(ctx) {
    if (ctx.code.language === 'python') return checkPython(ctx);
    const contents = eventContents(ctx.handlerTriggers());
    const harmless = wholeEventIsHarmless(ctx.handlerTriggers());
    const quiet = wholeEventSeverity(ctx.handlerTriggers());
    const handlerParams = new Set<ts.ParameterDeclaration>();
    for (const h of ctx.handlers) {
      const p = h.node?.parameters[0];
      if (p) handlerParams.add(p);
    }
    for (const code of reachableFiles(ctx)) {
      const sf = code.sf!;
      const loggers = loggerBindings(sf);
      const sensitivity = new Sensitivity(sf, handlerParams);
      const seen = new Set<ts.Node>();
      const report = (h: Hit) => {
        if (seen.has(h.node) || (h.kind === 'event' && harmless)) return;
        seen.add(h.node);
        ctx.report({ span: { file: code.file, start: h.node.getStart(sf), end: h.node.end }, messageId: messageIdOf(h), message: describe(h, sf, contents), severity: h.kind === 'event' ? quiet : undefined });
      };
      for (const n of nodesOfKinds(sf, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.PropertyAssignment])) {
        if (ts.isCallExpression(n) && isLoggingCall(n, loggers)) {
          for (const a of n.arguments) sensitivity.find(a).forEach(report);
        } else if (ts.isPropertyAssignment(n) && n.name.getText(sf) === 'logEvent' && n.initializer.kind === ts.SyntaxKind.TrueKeyword && insideInjectLambdaContext(n)) {
          // Powertools: `injectLambdaContext(logger, { logEvent: true })` logs every event it receives.
          report({ node: n, kind: 'event' });
        }
      }
    }
  },
});

function insideInjectLambdaContext(n: ts.Node): boolean {
  const obj = n.parent;
  const call = obj?.parent;
  if (!call || !ts.isCallExpression(call)) return false;
  const c = call.expression;
  const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
  return name === 'injectLambdaContext';
}
