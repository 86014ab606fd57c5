// Python: logging calls (print, logging, Powertools, structlog, loguru...) given the whole event,
// every request header, an Authorization header or token, all of `os.environ`, or the value of a
// secret-named environment variable; followed through simple aliases (`headers = event["headers"]`,
// `token = os.environ["API_TOKEN"]`), f-strings, `%` and `.format()`, concatenation, containers and
// `json.dumps`/`str`/`repr`. And Powertools' `@logger.inject_lambda_context(log_event=True)`.
import {
  ancestor,
  child,
  type CodeRuleContext,
  dottedName,
  nodesOf,
  parameterNames,
  pyLoggers,
  pyLoggingCalls,
  type PyNode,
  reachablePyFiles,
  stringText,
} from '../../server/src/engine/rule-kit.js';
import { secretField, secretName } from './sensitive.js';
import { eventContents, wholeEventIsHarmless, wholeEventSeverity } from './contents.js';
import { describeHit, type HitKind } from './messages.js';

type Kind = Exclude<HitKind, 'powertools-event'>;
interface Hit {
  node: PyNode;
  kind: Kind;
  name?: string;
}

const SCOPES = new Set(['function_definition', 'lambda']);
const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-amz-security-token', 'x-auth-token', 'x-access-token']);
const EVENT_NAMES = new Set(['event', 'evt', 'lambda_event', 'raw_event']);
const PASS_THROUGH = /^(?:json\.dumps|json\.loads|str|repr|format|pprint\.pformat|pformat|dict|list|tuple|dumps|loads)$/;

/**
 * A call that returns a secret's value: `client.get_secret_value(...)`, Powertools'
 * `parameters.get_secret(...)`, or `client.get_parameter(s)(..., WithDecryption=True)`.
 */
function secretCall(call: PyNode): boolean {
  const f = child(call, 'function');
  const method = f?.type === 'attribute' ? child(f, 'attribute')?.text : f?.type === 'identifier' ? f.text : undefined;
  if (method === 'get_secret_value' || (method === 'get_secret' && /^(parameters\.)?get_secret$/.test(dottedName(f) ?? ''))) return true;
  if (method !== 'get_parameter' && method !== 'get_parameters' && method !== 'get_parameters_by_path') return false;
  return (child(call, 'arguments')?.children ?? []).some((a) => a.type === 'keyword_argument' && child(a, 'name')?.text === 'WithDecryption' && child(a, 'value')?.type === 'true');
}

function literalKey(n: PyNode | undefined): string | undefined {
  return n ? stringText(n) : undefined;
}

/** What `find` looks inside when an expression is not itself sensitive (syntax only). */
function inside(e: PyNode): PyNode[] {
  const next: PyNode[] = [];
  switch (e.type) {
    case 'string':
      for (const c of e.children) if (c.type === 'interpolation' && c.children[0]) next.push(c.children[0]);
      break;
    case 'concatenated_string':
    case 'binary_operator':
    case 'parenthesized_expression':
    case 'list':
    case 'tuple':
    case 'set':
    case 'expression_list':
    case 'conditional_expression':
      next.push(...e.children);
      break;
    case 'dictionary':
      for (const p of e.children) {
        if (p.type === 'pair' && child(p, 'value')) next.push(child(p, 'value')!);
        else if (p.type === 'dictionary_splat' && p.children[0]) next.push(p.children[0]);
      }
      break;
    case 'call': {
      // Conversions pass the value through; anything else (`redact(event)`) does not.
      const f = child(e, 'function');
      const name = dottedName(f) ?? '';
      const args = child(e, 'arguments')?.children ?? [];
      if (PASS_THROUGH.test(name)) next.push(...args.map((a) => (a.type === 'keyword_argument' ? undefined : a)).filter((a): a is PyNode => !!a));
      else if (f?.type === 'attribute' && child(f, 'attribute')?.text === 'format' && child(f, 'object')?.type === 'string') next.push(...args.map((a) => (a.type === 'keyword_argument' ? child(a, 'value') : a)).filter((a): a is PyNode => !!a));
      break;
    }
    default:
      break;
  }
  return next;
}

/** A chain of reads (`event["headers"]["Authorization"]`, `os.environ.get("X")`): where it starts, and its keys; or `os.getenv("X")`. Syntax only. */
type Chain = { kind: 'getenv'; e: PyNode; key?: string } | { kind: 'secret'; e: PyNode; keys: string[] } | { kind: 'read'; e: PyNode; cur: PyNode; keys: string[] };

function chainOf(start: PyNode): Chain | undefined {
  let e = start;
  while (e.type === 'parenthesized_expression' && e.children[0]) e = e.children[0];
  const keys: string[] = [];
  let cur: PyNode | undefined = e;
  for (let i = 0; cur && i < 32; i++) {
    if (cur.type === 'subscript') {
      const k = literalKey(child(cur, 'subscript'));
      if (k === undefined) return undefined;
      keys.unshift(k);
      cur = child(cur, 'value');
    } else if (cur.type === 'call') {
      const f = child(cur, 'function');
      const name = dottedName(f) ?? '';
      const arg = child(cur, 'arguments')?.children[0];
      if (name === 'os.getenv' || name === 'getenv') return { kind: 'getenv', e, key: literalKey(arg) };
      if (secretCall(cur)) return { kind: 'secret', e, keys };
      if (f?.type === 'attribute' && child(f, 'attribute')?.text === 'get') {
        const k = literalKey(arg);
        if (k === undefined) return undefined;
        keys.unshift(k);
        cur = child(f, 'object');
      } else if (f?.type === 'attribute' && child(f, 'attribute')?.text === 'copy') cur = child(f, 'object');
      else return undefined;
    } else break;
  }
  return cur ? { kind: 'read', e, cur, keys } : undefined;
}

/**
 * What decides whether `find` finds something in an expression: the names its reads start from
 * (aliases or the event), and whether it reads the environment itself. Syntax only, so kept by node for
 * a file being edited: the AST takes unchanged statements over to the next version. Undefined: too much to list.
 */
interface Roots {
  names: PyNode[];
  environment: boolean;
}
const rootsOf = new WeakMap<PyNode, Roots | null>();
const MAX_ROOTS_WALK = 5_000;

function candidateRoots(e: PyNode, keep: boolean): Roots | undefined {
  let out = keep ? rootsOf.get(e) : undefined;
  if (out === undefined) {
    const roots: Roots = { names: [], environment: false };
    const work = [e];
    let n = 0;
    while (work.length > 0 && n++ < MAX_ROOTS_WALK) {
      const x = work.pop()!;
      const c = chainOf(x);
      // A read of the environment or of a secret store: sensitive whatever the aliases are.
      if (c?.kind === 'getenv' || c?.kind === 'secret') roots.environment = true;
      else if (c) {
        const dotted = dottedName(c.cur);
        if (dotted === 'os.environ' || dotted === 'environ') roots.environment = true;
        else if (c.cur.type === 'identifier') roots.names.push(c.cur);
      }
      work.push(...inside(x));
    }
    out = work.length > 0 ? null : roots;
    if (keep) rootsOf.set(e, out);
  }
  return out ?? undefined;
}

class PySensitivity {
  /**
   * What each name is assigned, per function (null: the module), in source order: `response =
   * client.get_secret_value(...)` in one function says nothing of a `response` in another, and a
   * later `response = client.put_secret_value(...)` replaces it. A use reads the last assignment
   * before it in the innermost function around it that assigns the name, else in the module.
   */
  private readonly aliases = new Map<string, Map<PyNode | null, Map<PyNode, { kind: Kind; name?: string } | undefined>>>();
  /** Names with a sensitive assignment somewhere (what `mayHold` asks). */
  private readonly sensitiveNames = new Set<string>();

  constructor(private readonly eventParams: Set<PyNode>, assignments: PyNode[], calls: PyNode[], functions: PyNode[], private readonly keep: boolean) {
    // A module function's parameters, by the function's name: a sensitive argument makes them aliases.
    const defs = new Map<string, PyNode>();
    for (const d of functions) if ((d.parent?.type === 'module' || (d.parent?.type === 'decorated_definition' && d.parent.parent?.type === 'module')) && child(d, 'name')) defs.set(child(d, 'name')!.text, d);
    // Two passes: an alias of an alias (`h = event["headers"]; a = h["Authorization"]`).
    for (let pass = 0; pass < 2; pass++) {
      for (const a of assignments) {
        const left = child(a, 'left');
        const right = child(a, 'right');
        if (left?.type !== 'identifier' || !right) continue;
        const hit = this.mayHold(right) ? this.classify(right) ?? this.find(right)[0] : undefined;
        if (hit || this.aliases.has(left.text)) this.bind(left.text, ancestor(a, SCOPES) ?? null, a, hit);
      }
      // `print_error(msg, headers)` with `def print_error(message, headers): print(headers)`: the
      // parameter holds what the call passes (bound at the function's start, before its own assignments).
      for (const c of calls) {
        const f = child(c, 'function');
        const def = f?.type === 'identifier' ? defs.get(f.text) : undefined;
        if (!def) continue;
        const params = parameterNames(def).filter((p) => p.kind === 'plain');
        const args = child(c, 'arguments')?.children ?? [];
        args.forEach((arg, i) => {
          const [name, value] = arg.type === 'keyword_argument' ? [child(arg, 'name')?.text, child(arg, 'value')] : [params[i]?.name, arg];
          if (!name || !value || arg.type === 'list_splat' || arg.type === 'dictionary_splat' || !params.some((p) => p.name === name) || !this.mayHold(value)) return;
          const hit = this.classify(value) ?? this.find(value)[0];
          if (hit) this.bind(name, def, params.find((p) => p.name === name)!.node, hit);
        });
      }
    }
  }

  private bind(name: string, scope: PyNode | null, at: PyNode, hit: Hit | undefined): void {
    const scopes = this.aliases.get(name) ?? this.aliases.set(name, new Map()).get(name)!;
    const inScope = scopes.get(scope) ?? scopes.set(scope, new Map()).get(scope)!;
    // A parameter bound by several calls stays sensitive once one of them passes a secret.
    if (!hit && inScope.get(at)) return;
    inScope.set(at, hit ? { kind: hit.kind, name: hit.name } : undefined);
    if (hit) this.sensitiveNames.add(name);
  }

  /** Whether `find` could find something in `e`: it reads the environment, or from an alias or the event. */
  private mayHold(e: PyNode): boolean {
    // A scan looks at each assignment once or twice: listing its roots first would only add a walk.
    if (!this.keep) return true;
    const roots = candidateRoots(e, true);
    return !roots || roots.environment || roots.names.some((id) => this.sensitiveNames.has(id.text) || this.isEvent(id));
  }

  /** The alias a name stands for at its use (undefined: none, or reassigned to something else). */
  private aliasAt(id: PyNode): { kind: Kind; name?: string } | undefined {
    const scopes = this.aliases.get(id.text);
    if (!scopes) return undefined;
    const last = (inScope: Map<PyNode, { kind: Kind; name?: string } | undefined> | undefined) => {
      let best: PyNode | undefined;
      for (const a of inScope?.keys() ?? []) if (a.end <= id.start && (!best || a.start > best.start)) best = a;
      return best;
    };
    for (let s = ancestor(id, SCOPES); s; s = ancestor(s, SCOPES)) {
      const inScope = scopes.get(s);
      const a = last(inScope);
      if (a) return inScope!.get(a);
    }
    const mod = scopes.get(null);
    const a = last(mod);
    return a ? mod!.get(a) : undefined;
  }

  /** Whether a name is the Lambda event: a handler's first parameter, or a parameter named `event`. */
  private isEvent(id: PyNode): boolean {
    for (let n = id.parent; n; n = n.parent) {
      if (n.type === 'function_definition' || n.type === 'lambda') {
        const p = parameterNames(n).find((x) => x.name === id.text);
        if (p) return this.eventParams.has(p.node) || EVENT_NAMES.has(id.text);
      }
    }
    return false;
  }

  /** `<something of kind>[key]` */
  private member(kind: Kind, key: string): Kind | undefined {
    if (kind === 'event') {
      if (key === 'headers' || key === 'multiValueHeaders') return 'headers';
      if (key === 'authorizationToken' || key === 'identitySource') return 'auth';
      return undefined;
    }
    if (kind === 'headers') return AUTH_HEADERS.has(key.toLowerCase()) ? 'auth' : undefined;
    if (kind === 'env') return secretName(key) ? 'secret-env' : undefined;
    if (kind === 'secret-value') return secretField(key);
    return undefined;
  }

  /** The kind of an expression when it is itself sensitive (not looking inside it). */
  classify(start: PyNode): Hit | undefined {
    const c = chainOf(start);
    if (!c) return undefined;
    if (c.kind === 'secret') {
      let kind: Kind | undefined = 'secret-value';
      for (const k of c.keys) kind = kind && this.member(kind, k);
      return kind ? { node: c.e, kind } : undefined;
    }
    if (c.kind === 'getenv') return c.key !== undefined && secretName(c.key) ? { node: c.e, kind: 'secret-env', name: c.key } : undefined;
    const { e, cur, keys } = c;
    let kind: Kind | undefined;
    let name: string | undefined;
    const dotted = dottedName(cur);
    if (dotted === 'os.environ' || dotted === 'environ') kind = 'env';
    else if (cur.type === 'identifier') {
      if (this.isEvent(cur)) kind = 'event';
      else {
        const a = this.aliasAt(cur);
        kind = a?.kind;
        name = a?.name;
      }
    }
    for (const k of keys) {
      if (!kind) return undefined;
      const next = this.member(kind, k);
      if (next === 'secret-env') name = k;
      kind = next;
    }
    return kind ? { node: e, kind, name } : undefined;
  }

  /** Sensitive parts of a logged expression (an explicit work list: no recursion on nesting). */
  find(root: PyNode): Hit[] {
    const out: Hit[] = [];
    const work: PyNode[] = [root];
    while (work.length > 0 && out.length < 50) {
      const e = work.pop()!;
      const hit = this.classify(e);
      if (hit) {
        out.push(hit);
        continue;
      }
      const next = inside(e);
      for (let i = next.length - 1; i >= 0; i--) work.push(next[i]);
    }
    return out;
  }
}

export function checkPython(ctx: CodeRuleContext): void {
  const contents = eventContents(ctx.handlerTriggers());
  const harmless = wholeEventIsHarmless(ctx.handlerTriggers());
  const quiet = wholeEventSeverity(ctx.handlerTriggers());
  const eventParams = new Set<PyNode>();
  for (const h of ctx.handlers) {
    const p = h.pyNode && !h.route ? parameterNames(h.pyNode)[0] : undefined;
    if (p) eventParams.add(p.node);
  }
  for (const code of reachablePyFiles(ctx)) {
    const py = code.py!;
    const loggers = pyLoggers(py);
    const sensitivity = new PySensitivity(eventParams, nodesOf(py, ['assignment']), nodesOf(py, ['call']), nodesOf(py, ['function_definition']), !!py.edited);
    const seen = new Set<PyNode>();
    const shown = (n: PyNode) => {
      const t = code.text.slice(n.start, n.end).replace(/\s+/g, ' ');
      return t.length > 50 ? `${t.slice(0, 47)}...` : t;
    };
    const report = (h: Hit) => {
      if (seen.has(h.node) || (h.kind === 'event' && harmless)) return;
      seen.add(h.node);
      ctx.report({ span: { file: code.file, start: h.node.start, end: h.node.end }, messageId: h.kind, message: describeHit(h.kind, shown(h.node), contents, h.name), severity: h.kind === 'event' ? quiet : undefined });
    };
    for (const call of pyLoggingCalls(py, loggers)) {
      const f = dottedName(child(call, 'function')) ?? '';
      if (/^traceback\./.test(f)) continue;
      for (const a of child(call, 'arguments')?.children ?? []) {
        const value = a.type === 'keyword_argument' ? child(a, 'value') : a;
        if (value && !(a.type === 'keyword_argument' && /^(file|exc_info|stack_info|stacklevel|sep|end|flush)$/.test(child(a, 'name')?.text ?? ''))) sensitivity.find(value).forEach(report);
      }
    }
    // @logger.inject_lambda_context(log_event=True): Powertools logs every event it receives.
    for (const d of nodesOf(py, ['decorator'])) {
      const call = d.children[0];
      const f = call?.type === 'call' ? child(call, 'function') : undefined;
      if (call && f?.type === 'attribute' && child(f, 'attribute')?.text === 'inject_lambda_context') {
        for (const a of child(call, 'arguments')?.children ?? []) {
          if (a.type === 'keyword_argument' && child(a, 'name')?.text === 'log_event' && child(a, 'value')?.type === 'true' && !seen.has(a) && !harmless) {
            seen.add(a);
            ctx.report({ span: { file: code.file, start: a.start, end: a.end }, messageId: 'powertools-event', message: describeHit('powertools-event', shown(a), contents), severity: quiet });
          }
        }
      }
    }
  }
}
