// Python: an `except` clause that catches unexpected errors (a bare `except:`, `Exception`,
// `BaseException`) and neither logs the error, raises, nor passes it on. Narrower clauses
// (`except KeyError: pass`) are expected outcomes in Python's EAFP style and are left alone, and so
// is best-effort cleanup (`try: client.close() except Exception: pass`). The fix
// writes `logger.exception("Unexpected error")` (the logger in scope, else `logging`) as the clause's
// first statement, replacing a lone `pass`.
import {
  child,
  type CodeFile,
  type CodeRuleContext,
  dottedName,
  type Fix,
  isPyLoggingCall,
  nodesOf,
  parameterNames,
  type PyLogger,
  pyLoggers,
  type PyNode,
  reachablePyFiles,
  type TextEdit,
} from '../../server/src/engine/rule-kit.js';

const BROAD = /^(?:Exception|BaseException|builtins\.(?:Exception|BaseException))$/;

function catchesAll(clause: PyNode): { broad: boolean; alias?: string } {
  const value = child(clause, 'value');
  const types = value?.type === 'as_pattern' ? value.children[0] : value;
  const alias = value?.type === 'as_pattern' ? child(value, 'alias')?.children[0]?.text : undefined;
  if (!types) return { broad: true, alias };
  const list = types.type === 'tuple' || types.type === 'parenthesized_expression' ? types.children : [types];
  return { broad: list.some((t) => BROAD.test(dottedName(t) ?? '')), alias };
}

const CLEANUP = /^(close|aclose|stop|shutdown|cleanup|clean_up|disconnect|release|terminate|kill|unlink|remove|rmtree|rmdir|delete|flush|__exit__|__aexit__|cancel)$/;

/** A try body that only releases resources (`client.close()`, `os.remove(tmp)`): failing to clean up is not worth a log. */
function onlyCleanup(clause: PyNode): boolean {
  const body = clause.parent?.type === 'try_statement' ? child(clause.parent, 'body') : undefined;
  if (!body || body.children.length === 0) return false;
  return body.children.every((st) => {
    let e = st.type === 'expression_statement' ? st.children[0] : undefined;
    if (e?.type === 'await') e = e.children[0];
    if (e?.type !== 'call') return false;
    const name = (dottedName(child(e, 'function')) ?? '').split('.').pop() ?? '';
    return CLEANUP.test(name);
  });
}

/** Conversions and parses whose failure means "not that kind of value", not an incident. */
const CONVERSION = /^(?:json\.loads|int|float|bool|complex|Decimal|decimal\.Decimal|uuid\.UUID|UUID|ast\.literal_eval|base64\.\w*decode|ipaddress\.\w+|(?:\w+\.)*(?:strptime|fromisoformat|fromtimestamp|parse|isoparse))$/;
const CONSTANT = new Set(['none', 'true', 'false', 'integer', 'float', 'string', 'concatenated_string']);

function constantValue(n: PyNode | undefined): boolean {
  if (!n) return true; // a bare `return`
  if (CONSTANT.has(n.type)) return true;
  return ['list', 'dictionary', 'tuple'].includes(n.type) && n.children.length === 0;
}

/**
 * `try: v = json.loads(s) except Exception: v = None`, `try: return bool(0 == x * 0) except: return
 * False`: the error is the answer (this is not that kind of value), and the clause gives the fallback.
 */
function fallbackValue(clause: PyNode): boolean {
  const tryBody = clause.parent?.type === 'try_statement' ? child(clause.parent, 'body') : undefined;
  const handler = clause.children.find((c) => c.type === 'block');
  const [only] = tryBody?.children ?? [];
  if (!tryBody || !handler || tryBody.children.length !== 1 || handler.children.length === 0) return false;
  const valueOf = (st: PyNode): PyNode | undefined | false => {
    if (st.type === 'return_statement') return st.children[0];
    const a = st.type === 'expression_statement' ? st.children[0] : undefined;
    return a?.type === 'assignment' && child(a, 'left')?.type === 'identifier' ? child(a, 'right') : false;
  };
  const tried = valueOf(only);
  if (tried === false || !tried) return false;
  // What is tried only converts (no I/O, no AWS call): every call in it is a conversion.
  const stack = [tried];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'call' && !CONVERSION.test(dottedName(child(n, 'function')) ?? '')) return false;
    if (n.type === 'lambda' || n.type === 'await') return false;
    stack.push(...n.children);
  }
  return handler.children.every((st) => {
    const v = valueOf(st);
    return v !== false && constantValue(v);
  });
}

function mentions(n: PyNode, name: string): boolean {
  const stack = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.type === 'identifier' && x.text === name && !(x.field === 'attribute' && x.parent?.type === 'attribute')) return true;
    for (const c of x.children) stack.push(c);
  }
  return false;
}

type Outcome = 'logged' | 'raised' | 'passed' | 'swallowed';

/** What the clause does with the error. */
function outcome(block: PyNode, alias: string | undefined, loggers: Map<string, PyLogger>): Outcome {
  let result: Outcome = 'swallowed';
  const stack = [...block.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    if (n.type === 'raise_statement') return 'raised';
    if (n.type === 'call') {
      if (isPyLoggingCall(n, loggers)) return 'logged';
      const name = dottedName(child(n, 'function')) ?? '';
      // `batch_item_failures.append({"itemIdentifier": ...})`: the failure is reported to Lambda,
      // which retries the message (and sends it to the dead-letter queue in the end).
      if (reportsBatchItemFailure(n, name)) return 'passed';
      // sys.exit(...) and os._exit(...) end the process: the runtime records the failure.
      if (/^(sys\.exit|os\._exit|exit)$/.test(name)) return 'raised';
      const args = child(n, 'arguments');
      if (alias && args && mentions(args, alias) && !/^(str|repr|type|isinstance|len)$/.test(name)) result = 'passed';
    } else if (alias && (n.type === 'return_statement' || n.type === 'yield') && mentions(n, alias)) result = 'passed';
    else if (alias && n.type === 'assignment' && child(n, 'right') && mentions(child(n, 'right')!, alias)) result = 'passed';
    for (const c of n.children) stack.push(c);
  }
  return result;
}

const BATCH_FAILURES = /^(?:batch_?item_?failures|item_?failures|failed_?items|failures)$/i;

function reportsBatchItemFailure(call: PyNode, name: string): boolean {
  const parts = name.split('.');
  if (parts.pop() !== 'append') return false;
  const arg = child(call, 'arguments')?.children[0];
  const keys = arg?.type === 'dictionary' ? arg.children.map((p) => child(p, 'key')?.children.map((c) => c.text).join('').replace(/^['"]+|['"]+$/g, '') ?? '') : [];
  return keys.includes('itemIdentifier') || BATCH_FAILURES.test(parts.pop() ?? '');
}

function answersWithError(block: PyNode): boolean {
  const stack = [...block.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'pair' && /^["']?(statusCode|status_code)["']?$/.test(child(n, 'key')?.text ?? child(n, 'key')?.children.map((c) => c.text).join('') ?? '') && Number(child(n, 'value')?.text) >= 500) return true;
    if (n.type === 'keyword_argument' && /^(status_code|statusCode)$/.test(child(n, 'name')?.text ?? '') && Number(child(n, 'value')?.text) >= 500) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

/** The logger to use in a clause: a parameter named like one, else a logger bound before it (module or function). */
function loggerAt(clause: PyNode, loggers: Map<string, PyLogger>): string | undefined {
  for (let n = clause.parent; n; n = n.parent) {
    if (n.type === 'function_definition') {
      const p = parameterNames(n).find((x) => /^(logger|log)$/i.test(x.name));
      if (p) return p.name;
    }
  }
  let best: string | undefined;
  for (const [name, info] of loggers) {
    if (info.kind !== 'logger' || !info.decl || info.decl.start > clause.start) continue;
    // In scope: at module level, or in a function that encloses the clause.
    let scope = info.decl.parent;
    while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
    let inside = scope?.type === 'module';
    for (let n = clause.parent; n && !inside; n = n.parent) if (n === scope) inside = true;
    if (inside) best = name;
  }
  return best;
}

function lineIndent(text: string, pos: number): string {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function logFix(code: CodeFile, clause: PyNode, loggers: Map<string, PyLogger>): Fix | undefined {
  const block = clause.children.find((c) => c.type === 'block');
  const first = block?.children[0];
  if (!block || !first) return undefined;
  const text = code.text;
  const logger = loggerAt(clause, loggers);
  const loggingModule = [...loggers].find(([, i]) => i.kind === 'logging-module')?.[0];
  const call = `${logger ?? loggingModule ?? 'logging'}.exception("Unexpected error")`;
  const edits: TextEdit[] = [];
  const onlyPass = block.children.length === 1 && first.type === 'pass_statement';
  if (onlyPass) edits.push({ file: code.file, start: first.start, end: first.end, newText: call });
  else {
    const sameLine = !text.slice(clause.start, first.start).includes('\n');
    if (sameLine) edits.push({ file: code.file, start: first.start, end: first.start, newText: `${call}; ` });
    else edits.push({ file: code.file, start: first.start, end: first.start, newText: `${call}\n${lineIndent(text, first.start)}` });
  }
  if (!logger && !loggingModule) {
    // No logger and no `import logging`: add the import after the module's docstring and __future__ imports.
    const root = code.py!.root;
    let at = 0;
    for (const st of root.children) {
      const isDoc = st.type === 'expression_statement' && st.children[0]?.type === 'string' && st === root.children[0];
      const isFuture = st.type === 'future_import_statement';
      if (isDoc || isFuture) at = st.end + 1;
      else break;
    }
    // Above the first statement, but after a shebang or encoding line at the top.
    if (at === 0) at = /^(?:#[^\n]*\n)*/.exec(text)![0].length;
    edits.push({ file: code.file, start: at, end: at, newText: 'import logging\n' });
  }
  return { id: 'log-caught-error', title: `Log the caught error (${call})`, edits, isPreferred: true };
}

export function checkPython(ctx: CodeRuleContext): void {
  for (const code of reachablePyFiles(ctx)) {
    const py = code.py!;
    const loggers = pyLoggers(py);
    for (const clause of nodesOf(py, ['except_clause'])) {
      const { broad, alias } = catchesAll(clause);
      if (!broad || onlyCleanup(clause) || fallbackValue(clause)) continue;
      const block = clause.children.find((c) => c.type === 'block');
      if (!block || outcome(block, alias, loggers) !== 'swallowed') continue;
      const fix = logFix(code, clause, loggers);
      const answer = answersWithError(block) ? ' It answers with an error status, but the cause is never recorded.' : '';
      const what = child(clause, 'value') ? 'This except clause' : 'This bare except';
      ctx.report({
        span: { file: code.file, start: clause.start, end: clause.start + 'except'.length },
        message: `${what} swallows the error: it neither logs it, re-raises it, nor passes it on.${answer}`,
        fixes: fix ? [fix] : [],
      });
    }
  }
}
