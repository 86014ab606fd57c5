// What handler code can run, and which calls write to a log. Shared by the logging code rules
// (no-swallowed-errors, no-sensitive-data-in-logs). Loggers are recognised by what they are
// (`console`, pino, winston, bunyan, log4js, the Powertools Logger, `debug`, error reporters such as
// Sentry) and, for a logger passed in or imported from a local module, by name (`logger`,
// `this.log`, `ctx.logger`, `auditLog`).
import ts from 'typescript';
import type { CodeRuleContext } from '../rule.js';
import type { CodeFile } from './types.js';
import { resolveLocal } from './modules.js';
import { isEditedTree, nodesOfKinds, statementNodes } from './syntax-index.js';

const MAX_MODULES = 50;

/** The specifier a node imports a local module by (`import`, `export ... from`, `require()`, `import()`), if any. */
function localSpec(n: ts.Node): string | undefined {
  let e: ts.Node | undefined;
  if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) e = n.moduleSpecifier;
  else if (ts.isCallExpression(n) && n.arguments.length === 1 && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword)) e = n.arguments[0];
  return e && ts.isStringLiteralLike(e) && (e.text.startsWith('./') || e.text.startsWith('../')) ? e.text : undefined;
}

/** Each top-level statement's local imports, kept for a file being edited (the next version takes unchanged statements over). */
const specsOf = new WeakMap<ts.Node, string[]>();

/** Specifiers of the local modules a file imports: `import`, `export ... from`, `require()`, `import()`. */
export function localImports(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  if (isEditedTree(sf)) {
    for (const st of sf.statements) {
      let specs = specsOf.get(st);
      if (!specs) {
        specs = [];
        for (const n of statementNodes(sf, st)) {
          const s = localSpec(n);
          if (s) specs.push(s);
        }
        specsOf.set(st, specs);
      }
      for (const s of specs) out.push(s);
    }
    return out;
  }
  for (const n of nodesOfKinds(sf, [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.ExportDeclaration, ts.SyntaxKind.CallExpression])) {
    const s = localSpec(n);
    if (s) out.push(s);
  }
  return out;
}

/**
 * The code a handler can reach: this file when it holds a handler (named in config, or found by
 * shape), and the local modules it imports, transitively. A file that no handler imports is not
 * handler code (a script, a test, front-end code) and is not checked.
 */
export function reachableFiles(ctx: CodeRuleContext): CodeFile[] {
  if (ctx.handlers.length === 0 || !ctx.code.sf) return [];
  const load = (f: string) => (f === ctx.code.file ? ctx.code : ctx.loadModule?.(f));
  const out: CodeFile[] = [ctx.code];
  const seen = new Set([ctx.code.file]);
  let more = false;
  for (let i = 0; i < out.length && !more; i++) {
    for (const spec of localImports(out[i].sf!)) {
      const file = resolveLocal(out[i].file, spec, (f) => load(f) !== undefined);
      if (!file || seen.has(file)) continue;
      seen.add(file);
      const code = load(file);
      if (!code?.sf || code.language !== 'js') continue;
      if (out.length >= MAX_MODULES) {
        more = true;
        break;
      }
      out.push(code);
    }
  }
  if (more) ctx.stopped?.(`the handler reaches more than ${MAX_MODULES} local modules, and only the first ${MAX_MODULES} are checked`);
  return out;
}

const LOG_METHODS = new Set(['error', 'warn', 'warning', 'info', 'debug', 'trace', 'fatal', 'critical', 'log', 'exception', 'verbose', 'silly', 'notice', 'alert', 'emerg', 'crit']);
const REPORT_METHODS = new Set(['captureException', 'captureMessage', 'captureEvent', 'noticeError', 'recordException', 'addErrorAsMetadata', 'notifyError']);
const REPORTERS = /^(sentry|bugsnag|honeybadger|airbrake|rollbar|raygun|newrelic|datadog|dd|tracer|span)$/i;
const LOGGER_PACKAGES = /^(pino|winston|bunyan|log4js|loglevel|signale|consola|npmlog|roarr|lambda-log|@aws-lambda-powertools\/logger|@dazn\/lambda-powertools-logger|debug)$/;
const FACTORIES = /^(pino|createLogger|getLogger|Logger|bunyan|child|debug|logger)$/;

/** camelCase / snake_case words of a name: `auditLog` -> [audit, log], `LOGGER` -> [logger]. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_$]+/).map((w) => w.toLowerCase()).filter(Boolean);
}

/** A name that reads as a logger: `log`, `logger`, `appLogger`, `auditLog`, `LOG` (not `catalog`, `blog`). */
export function loggerLikeName(name: string): boolean {
  return words(name).some((w) => w === 'log' || w === 'logger' || w === 'logs' || w === 'logging' || w === 'log4js');
}

function lastName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

export interface LoggerInfo {
  /** How to log an error with it. */
  kind: 'object' | 'callable' | 'powertools';
  /** Where it is declared (to tell whether it is in scope at a given point). */
  decl?: ts.Node;
}

/** Variables of a file bound to a logger: created by a logger package's factory, or imported from one. */
export function loggerBindings(sf: ts.SourceFile): Map<string, LoggerInfo> {
  const out = new Map<string, LoggerInfo>();
  const packages = new Map<string, string>(); // local name -> package
  for (const n of nodesOfKinds(sf, [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.VariableDeclaration])) {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && LOGGER_PACKAGES.test(n.moduleSpecifier.text)) {
      const pkg = n.moduleSpecifier.text;
      const clause = n.importClause;
      if (clause?.name) packages.set(clause.name.text, pkg);
      const b = clause?.namedBindings;
      if (b && ts.isNamespaceImport(b)) packages.set(b.name.text, pkg);
      if (b && ts.isNamedImports(b)) for (const el of b.elements) packages.set(el.name.text, pkg);
    } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const info = loggerFromInit(n.initializer, packages);
      if (info) out.set(n.name.text, { ...info, decl: n });
    }
  }
  for (const [name, pkg] of packages) {
    if (out.has(name)) continue;
    // `import log from 'lambda-log'` is a logger itself; `import pino from 'pino'` is a factory.
    if (/^(lambda-log|loglevel|signale|consola|npmlog)$/.test(pkg)) out.set(name, { kind: 'object' });
  }
  return out;
}

function loggerFromInit(init: ts.Expression, packages: Map<string, string>): LoggerInfo | undefined {
  let e = init;
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return undefined;
  const callee = e.expression;
  // require('pino')(), require('debug')('app')
  if (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require') {
    const spec = callee.arguments[0];
    if (spec && ts.isStringLiteral(spec) && LOGGER_PACKAGES.test(spec.text)) return { kind: spec.text === 'debug' ? 'callable' : 'object' };
    return undefined;
  }
  const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  const rootName = ts.isIdentifier(root) ? root.text : undefined;
  const pkg = rootName ? packages.get(rootName) : undefined;
  const name = lastName(callee);
  if (pkg === '@aws-lambda-powertools/logger' || (ts.isNewExpression(e) && name === 'Logger')) return { kind: 'powertools' };
  if (pkg === 'debug') return { kind: 'callable' };
  if (pkg || (name && FACTORIES.test(name) && name !== 'debug')) return { kind: 'object' };
  return undefined;
}

/**
 * A call that writes a log line or reports an error: `console.*`, a logging method on a logger
 * (by binding or by name), a callable logger (`log(...)`, `debug(...)` from the debug package),
 * `process.stderr.write`, or an error reporter (`Sentry.captureException`).
 */
export function isLoggingCall(call: ts.CallExpression, loggers: Map<string, LoggerInfo>): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    const info = loggers.get(callee.text);
    return info?.kind === 'callable' || ['log', 'logError', 'logger', 'logException', 'reportError', 'captureException'].includes(callee.text);
  }
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const recv = callee.expression;
  if (ts.isIdentifier(recv) && recv.text === 'console') return true;
  if (REPORT_METHODS.has(method)) return true;
  if (method === 'notify' && ts.isIdentifier(recv) && REPORTERS.test(recv.text)) return true;
  if (method === 'write' && ts.isPropertyAccessExpression(recv) && ts.isIdentifier(recv.expression) && recv.expression.text === 'process' && /^std(err|out)$/.test(recv.name.text)) return true;
  if (!LOG_METHODS.has(method)) return false;
  const name = lastName(recv);
  if (!name) return false;
  if (ts.isIdentifier(recv) && loggers.has(name)) return true;
  if (ts.isIdentifier(recv) && /^(Sentry|rollbar)$/i.test(name)) return true;
  return loggerLikeName(name);
}
