// Which functions of a Python module run as Lambda handlers: the function a config names
// (`handler: app.lambda_handler`, directly or through a module-level alias such as
// `handler = wrap(main)`), and, where no config names the file, functions of the Lambda shape:
// `def lambda_handler(event, context)`, `def handler(...)`, any `(event, context)` function, and
// functions decorated by AWS Lambda Powertools (`@event_source(...)`, `@logger.inject_lambda_context`,
// `@tracer.capture_lambda_handler`, `@metrics.log_metrics`). Powertools event-handler routes
// (`@app.get("/todos/<id>")` on an `APIGatewayRestResolver()`) are entries too: the resolver calls
// them with the request's path parameters.
import { child, type PyModule, type PyNode } from './python-ast.js';

export interface PyFunction {
  name: string;
  /** The `function_definition` node. */
  node: PyNode;
  /** The `decorated_definition` around it, when decorated. */
  decorated?: PyNode;
  /** The decorators, as their expression nodes. */
  decorators: PyNode[];
}

/** A Powertools event-handler route: the function, its resolver variable and class. */
export interface PyRoute {
  fn: PyFunction;
  /** The resolver variable (`app`). */
  resolver: string;
  /** The resolver class (`APIGatewayRestResolver`), when the variable is bound to one in this module. */
  resolverClass?: string;
  /** The route's path, as written (`/todos/<todo_id>`). */
  path?: string;
}

/** Parameter names of a function definition (`self` included), with `*args`/`**kw` marked. */
export function parameterNames(fn: PyNode): { name: string; kind: 'plain' | 'args' | 'kwargs'; node: PyNode; default?: PyNode }[] {
  const params = child(fn, 'parameters');
  const out: { name: string; kind: 'plain' | 'args' | 'kwargs'; node: PyNode; default?: PyNode }[] = [];
  for (const p of params?.children ?? []) {
    switch (p.type) {
      case 'identifier':
        out.push({ name: p.text, kind: 'plain', node: p });
        break;
      case 'typed_parameter': {
        const inner = p.children.find((c) => c.type === 'identifier' || c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern');
        if (inner?.type === 'identifier') out.push({ name: inner.text, kind: 'plain', node: inner });
        else if (inner) out.push({ name: inner.children[0]?.text ?? '', kind: inner.type === 'list_splat_pattern' ? 'args' : 'kwargs', node: inner });
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = child(p, 'name');
        if (name) out.push({ name: name.text, kind: 'plain', node: name, default: child(p, 'value') });
        break;
      }
      case 'list_splat_pattern':
        out.push({ name: p.children[0]?.text ?? '', kind: 'args', node: p });
        break;
      case 'dictionary_splat_pattern':
        out.push({ name: p.children[0]?.text ?? '', kind: 'kwargs', node: p });
        break;
      default:
        break; // `*` and `/` separators
    }
  }
  return out;
}

/** `def` statements of a block: plain and decorated. */
export function definitionsIn(block: PyNode): PyFunction[] {
  const out: PyFunction[] = [];
  for (const st of block.children) {
    if (st.type === 'function_definition') {
      const name = child(st, 'name')?.text;
      if (name) out.push({ name, node: st, decorators: [] });
    } else if (st.type === 'decorated_definition') {
      const def = child(st, 'definition');
      const name = def && def.type === 'function_definition' ? child(def, 'name')?.text : undefined;
      if (def && name) out.push({ name, node: def, decorated: st, decorators: st.children.filter((c) => c.type === 'decorator').map((d) => d.children[0]).filter((e): e is PyNode => !!e) });
    }
  }
  return out;
}

const cache = new WeakMap<PyModule, { functions: Map<string, PyFunction>; aliases: Map<string, PyNode> }>();

/** Top-level functions by name, and top-level `name = <expression>` assignments. */
export function topLevel(py: PyModule): { functions: Map<string, PyFunction>; aliases: Map<string, PyNode> } {
  const hit = cache.get(py);
  if (hit) return hit;
  const functions = new Map<string, PyFunction>();
  for (const f of definitionsIn(py.root)) functions.set(f.name, f);
  const aliases = new Map<string, PyNode>();
  for (const st of py.root.children) {
    const a = st.type === 'expression_statement' ? st.children[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const left = child(a, 'left');
    const right = child(a, 'right');
    if (left?.type === 'identifier' && right) aliases.set(left.text, right);
  }
  const out = { functions, aliases };
  cache.set(py, out);
  return out;
}

/** Dotted text of a name expression: `app.get`, `logger.inject_lambda_context`. */
export function dottedName(e: PyNode | undefined): string | undefined {
  const parts: string[] = [];
  // Iterative: a chain of attributes nests as deep as it is long.
  for (let cur = e; cur; ) {
    if (cur.type === 'identifier') {
      parts.push(cur.text);
      return parts.reverse().join('.');
    }
    if (cur.type !== 'attribute' || parts.length > 64) return undefined;
    const attr = child(cur, 'attribute')?.text;
    if (!attr) return undefined;
    parts.push(attr);
    cur = child(cur, 'object');
  }
  return undefined;
}

/**
 * The function a module-level name runs: a def, or an alias to one (`handler = main`,
 * `handler = wrapper(main)`, `handler = Mangum(app)` gives nothing). Bounded: aliases may loop.
 */
export function resolvePyFunction(py: PyModule, name: string): PyFunction | undefined {
  const { functions, aliases } = topLevel(py);
  let current: string | undefined = name;
  for (let i = 0; i < 8 && current; i++) {
    const f = functions.get(current);
    if (f) return f;
    const value = aliases.get(current);
    current = undefined;
    if (value?.type === 'identifier') current = value.text;
    else if (value?.type === 'call') {
      // wrapper(main, ...): the first argument that names a function of this module.
      const args = child(value, 'arguments');
      const first = args?.children.find((a) => a.type === 'identifier' && (functions.has(a.text) || aliases.has(a.text)));
      current = first?.text;
    }
  }
  return undefined;
}

const HANDLER_DECORATORS = /^(?:event_source|lambda_handler_decorator|[A-Za-z_]\w*\.(?:inject_lambda_context|capture_lambda_handler|log_metrics))$/;
const EVENT_PARAM = /^(event|evt|e|_event|event_data|lambda_event)$/i;
const CONTEXT_PARAM = /^(context|ctx|_context|_ctx|lambda_context|_lambda_context)$/i;
const SHAPE_NAMES = new Set(['handler', 'lambda_handler']);

function decoratorName(d: PyNode): string | undefined {
  return dottedName(d.type === 'call' ? child(d, 'function') : d);
}

/** Functions of the Lambda shape (module level), in source order. */
export function pythonHandlersByShape(py: PyModule): PyFunction[] {
  const out: PyFunction[] = [];
  for (const f of topLevel(py).functions.values()) {
    const params = parameterNames(f.node).filter((p) => p.kind === 'plain');
    const eventLike = params.length >= 2 && EVENT_PARAM.test(params[0].name) && CONTEXT_PARAM.test(params[1].name);
    const decorated = f.decorators.some((d) => HANDLER_DECORATORS.test(decoratorName(d) ?? ''));
    if ((SHAPE_NAMES.has(f.name) && params.length >= 1) || eventLike || (decorated && params.length >= 1)) out.push(f);
  }
  return out;
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'route', 'resolver']);
/** Powertools event-handler resolver classes, and the trigger each one serves. */
export const RESOLVER_TRIGGERS: Record<string, 'api' | 'httpApi' | 'alb' | 'functionUrl' | 'appsync' | 'other'> = {
  APIGatewayRestResolver: 'api', ApiGatewayResolver: 'api', APIGatewayHttpResolver: 'httpApi', ALBResolver: 'alb',
  LambdaFunctionUrlResolver: 'functionUrl', AppSyncResolver: 'appsync', VPCLatticeResolver: 'other', VPCLatticeV2Resolver: 'other',
  BedrockAgentResolver: 'other', Router: 'other',
};

/** The Powertools resolver variables of a module: `app = APIGatewayRestResolver(...)`, `router = Router()`. */
export function resolverVariables(py: PyModule): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of topLevel(py).aliases) {
    if (value.type !== 'call') continue;
    const cls = dottedName(child(value, 'function'))?.split('.').pop();
    if (cls && cls in RESOLVER_TRIGGERS) out.set(name, cls);
  }
  return out;
}

/** Route functions of Powertools resolvers defined in this module (`@app.get("/x")`). */
export function pythonRoutes(py: PyModule): PyRoute[] {
  const resolvers = resolverVariables(py);
  if (resolvers.size === 0) return [];
  const out: PyRoute[] = [];
  for (const f of topLevel(py).functions.values()) {
    for (const d of f.decorators) {
      if (d.type !== 'call') continue;
      const name = decoratorName(d);
      const dot = name?.lastIndexOf('.') ?? -1;
      if (!name || dot < 0) continue;
      const recv = name.slice(0, dot);
      const method = name.slice(dot + 1);
      if (!resolvers.has(recv) || !ROUTE_METHODS.has(method)) continue;
      const first = child(d, 'arguments')?.children[0];
      const path = first?.type === 'string' ? stringText(first) : undefined;
      out.push({ fn: f, resolver: recv, resolverClass: resolvers.get(recv), path });
      break;
    }
  }
  return out;
}

/** The literal text of a plain string node (no interpolation), else undefined. */
export function stringText(n: PyNode): string | undefined {
  if (n.type !== 'string') return undefined;
  const raw = /r/i.test(stringPrefix(n));
  let out = '';
  for (const c of n.children) {
    if (c.type === 'string_content') out += contentText(c, raw);
    else if (c.type === 'interpolation') return undefined;
  }
  return out;
}

/** The prefix letters of a string literal (`f`, `rb`, ''), lower case. */
export function stringPrefix(n: PyNode): string {
  const start = n.children[0];
  return start?.type === 'string_start' ? start.text.replace(/['"]+$/, '').toLowerCase() : '';
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** The characters a `string_content` part stands for (escape sequences decoded unless raw). */
export function contentText(c: PyNode, raw: boolean): string {
  return raw || c.children.length === 0 ? c.text : decodeContent(c);
}

/** A string_content with escape sequences in it: the characters they stand for. */
function decodeContent(c: PyNode): string {
  let out = '';
  let at = c.start;
  const src = (from: number, to: number) => c.text.slice(from - c.start, to - c.start);
  for (const e of c.children) {
    out += src(at, e.start);
    const raw = e.text;
    const k = raw.slice(1);
    if (/^x[0-9a-f]{2}$/i.test(k) || /^u[0-9a-f]{4}$/i.test(k) || /^U[0-9a-f]{8}$/i.test(k)) out += String.fromCodePoint(parseInt(k.slice(1), 16));
    else out += ESCAPES[k] ?? raw;
    at = e.end;
  }
  return out + src(at, c.end);
}
