// What Python handler code can run, and which calls write to a log. Shared by the logging code
// rules. Loggers are recognised by what they are (`print`, the `logging` module and its loggers,
// the Powertools Logger, structlog, loguru, `traceback.print_exc`, `sys.stderr.write`, Sentry) and,
// for a logger passed in or imported from a local module, by name (`logger`, `log`, `self.logger`).
import type { CodeRuleContext } from '../rule.js';
import type { CodeFile } from './types.js';
import { child, nodesOf, statementNodes, type PyModule, type PyNode } from './python-ast.js';
import { dottedName } from './python-exports.js';
import { resolvePyModule } from './modules.js';
import { loggerLikeName } from './logging.js';

const MAX_MODULES = 50;

/** The local modules a Python file imports (anywhere in it), as [dotted name, level]. */
export function pythonImports(py: PyModule): { dotted: string; level: number }[] {
  const out: { dotted: string; level: number }[] = [];
  for (const n of nodesOf(py, ['import_statement', 'import_from_statement'])) {
    if (n.type === 'import_statement') {
      for (const c of n.children) {
        const name = c.type === 'aliased_import' ? child(c, 'name') : c.type === 'dotted_name' ? c : undefined;
        if (name) out.push({ dotted: name.children.map((x) => x.text).join('.'), level: 0 });
      }
      continue;
    }
    const m = child(n, 'module_name');
    if (!m) continue;
    if (m.type === 'relative_import') {
      const level = (m.children.find((c) => c.type === 'import_prefix')?.text ?? '').replace(/[^.]/g, '').length;
      const name = m.children.find((c) => c.type === 'dotted_name');
      const base = name ? name.children.map((x) => x.text).join('.') : '';
      out.push({ dotted: base, level });
      // `from . import utils`: the names may be modules of the package.
      for (const c of n.children) {
        if (c.field !== 'name') continue;
        const nm = c.type === 'aliased_import' ? child(c, 'name') : c;
        if (nm) out.push({ dotted: base ? `${base}.${nm.text}` : nm.text, level });
      }
    } else {
      const base = m.children.map((x) => x.text).join('.');
      out.push({ dotted: base, level: 0 });
      for (const c of n.children) {
        if (c.field !== 'name') continue;
        const nm = c.type === 'aliased_import' ? child(c, 'name') : c;
        if (nm) out.push({ dotted: `${base}.${nm.text}`, level: 0 });
      }
    }
  }
  return out;
}

/**
 * The Python code a handler can reach: this file when it holds a handler, and the local modules it
 * imports, transitively. A file that no handler imports is not handler code and is not checked.
 */
export function reachablePyFiles(ctx: CodeRuleContext): CodeFile[] {
  if (ctx.handlers.length === 0 || !ctx.code.py) return [];
  const load = (f: string) => (f === ctx.code.file ? ctx.code : ctx.loadModule?.(f));
  const out: CodeFile[] = [ctx.code];
  const seen = new Set([ctx.code.file]);
  let more = false;
  for (let i = 0; i < out.length && !more; i++) {
    for (const imp of pythonImports(out[i].py!)) {
      const file = resolvePyModule(out[i].file, imp.dotted, imp.level, (f) => load(f)?.language === 'python');
      if (!file || seen.has(file)) continue;
      seen.add(file);
      const code = load(file);
      if (!code?.py) continue;
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

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'success', 'trace']);
const LOGGER_FACTORIES = /^(?:logging\.getLogger|getLogger|Logger|structlog\.get_logger|get_logger|structlog\.getLogger|logging\.Logger)$/;

export interface PyLogger {
  /** How to log an exception with it. */
  kind: 'logging-module' | 'logger';
  /** Where it is bound (module level or a function), to tell whether it is in scope. */
  decl?: PyNode;
}

const loggersOf = new WeakMap<PyModule, Map<string, PyLogger>>();

/** What one top-level statement binds to a logger, kept by statement for a file being edited (the next version takes unchanged statements over). */
type LoggerFact = { k: 'bound'; name: string; logger: PyLogger } | { k: 'getLogger'; name: string; module: string; decl: PyNode };
const loggerFacts = new WeakMap<PyNode, LoggerFact[]>();

function loggerFactsOf(st: PyNode, keep: boolean): LoggerFact[] {
  let facts = keep ? loggerFacts.get(st) : undefined;
  if (facts) return facts;
  facts = [];
  for (const n of statementNodes(st, ['import_statement', 'import_from_statement', 'assignment'])) {
    if (n.type === 'import_statement') {
      for (const c of n.children) {
        if (c.type === 'dotted_name' && c.text === 'logging') facts.push({ k: 'bound', name: 'logging', logger: { kind: 'logging-module', decl: n } });
        if (c.type === 'aliased_import' && child(c, 'name')?.text === 'logging') facts.push({ k: 'bound', name: child(c, 'alias')?.text ?? 'logging', logger: { kind: 'logging-module', decl: n } });
      }
    } else if (n.type === 'import_from_statement') {
      const mod = child(n, 'module_name')?.text;
      for (const c of n.children) {
        if (c.field !== 'name') continue;
        const name = c.type === 'aliased_import' ? child(c, 'name')?.text : c.text;
        const local = c.type === 'aliased_import' ? child(c, 'alias')?.text : name;
        if (mod === 'loguru' && name === 'logger' && local) facts.push({ k: 'bound', name: local, logger: { kind: 'logger', decl: n } });
      }
    } else {
      const left = child(n, 'left');
      const right = child(n, 'right');
      if (left?.type !== 'identifier' || right?.type !== 'call') continue;
      const f = dottedName(child(right, 'function')) ?? '';
      if (LOGGER_FACTORIES.test(f)) facts.push({ k: 'bound', name: left.text, logger: { kind: 'logger', decl: n } });
      // `log.getLogger(...)` makes a logger when `log` is the logging module (known once the module's imports are).
      else if (/\.getLogger$/.test(f)) facts.push({ k: 'getLogger', name: left.text, module: f.split('.')[0], decl: n });
    }
  }
  if (keep) loggerFacts.set(st, facts);
  return facts;
}

/** Names bound to loggers in a module: `logger = logging.getLogger(...)`, `logger = Logger()`, `from loguru import logger`, `import logging`. */
export function pyLoggers(py: PyModule): Map<string, PyLogger> {
  const cached = loggersOf.get(py);
  if (cached) return cached;
  const out = new Map<string, PyLogger>();
  loggersOf.set(py, out);
  for (const st of py.root.children) {
    for (const f of loggerFactsOf(st, !!py.edited)) {
      if (f.k === 'bound') out.set(f.name, f.logger);
      else if (out.get(f.module)?.kind === 'logging-module') out.set(f.name, { kind: 'logger', decl: f.decl });
    }
  }
  return out;
}

/**
 * A call that writes a log line or reports an error: `print`, `logging.info`, a logging method on a
 * logger (by binding or by name), `traceback.print_exc()`, `sys.stderr.write`, or an error reporter
 * (`sentry_sdk.capture_exception`).
 */
export function isPyLoggingCall(call: PyNode, loggers: Map<string, PyLogger>): boolean {
  const f = child(call, 'function');
  if (!f) return false;
  if (f.type === 'identifier') return f.text === 'print' || f.text === 'capture_exception' || f.text === 'print_exc';
  if (f.type !== 'attribute') return false;
  const method = child(f, 'attribute')?.text ?? '';
  const recv = child(f, 'object');
  const recvName = dottedName(recv) ?? '';
  if (recvName === 'traceback' && /^print_(exc|exception|tb|stack)$/.test(method)) return true;
  if (/^sys\.(stderr|stdout)$/.test(recvName) && method === 'write') return true;
  if (/^(capture_exception|capture_message)$/.test(method)) return true;
  if (!LOG_METHODS.has(method)) return false;
  if (loggers.has(recvName)) return true;
  const last = recvName.split('.').pop() ?? '';
  return !!last && loggerLikeName(last);
}

export function calledName(call: PyNode): string {
  return dottedName(child(call, 'function')) ?? '';
}

const callsOf = new WeakMap<PyNode, { key: string; calls: PyNode[] }>();

/**
 * The logging calls of a module, in document order. Kept per top-level statement (with the loggers
 * they were judged with): on a keystroke, only the edited statement is looked at again.
 */
export function pyLoggingCalls(py: PyModule, loggers: Map<string, PyLogger>): PyNode[] {
  const key = [...loggers].map(([k, v]) => `${k}:${v.kind}`).sort().join(',');
  const out: PyNode[] = [];
  for (const st of py.root.children) {
    let hit = callsOf.get(st);
    if (!hit || hit.key !== key) {
      const calls: PyNode[] = [];
      const stack = [st];
      while (stack.length > 0) {
        const n = stack.pop()!;
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
        if (n.type === 'call' && isPyLoggingCall(n, loggers)) calls.push(n);
      }
      hit = { key, calls };
      callsOf.set(st, hit);
    }
    for (const c of hit.calls) out.push(c);
  }
  return out;
}
