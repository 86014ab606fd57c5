// Calls in the Python walker: what the callee is (a package's function or class, a builtin, a
// function or class of the workspace, a method on data), then sinks, sanitisers and propagation.
import type { PyNode } from '../../code/python-ast.js';
import type { Frame } from '../env.js';
import type { PyInterp as Interp } from './interp.js';
import { CalleeIndex, type CalleeInfo } from '../callee.js';
import { CLEAN, dataOnly, hasData, join, lit, sanitize, type AV, type FnValue } from '../values.js';
import { concat } from '../strings.js';
import { CARRYING_MODULES, PROPAGATING_BUILTINS, PROPAGATING_MODULES, PY_SANITIZERS, PY_SINKS } from './catalogue.js';
import { checkSink, type PyCall } from './sinks.js';
import { callArgs, child, literalText, pyFn, unwrap } from './syntax.js';
import { deepData, readAttr } from './expressions.js';
import { anyElement, ext } from './ext.js';
import { DATA_CLASSES, RESOLVER_EVENT } from './dataclasses.js';
import { viewAt } from './views.js';
import { stackTrace } from './errors.js';
import { pydanticInstance } from './pydantic.js';

const SINKS = new CalleeIndex(PY_SINKS);
const SANITIZERS = new CalleeIndex(PY_SANITIZERS);

/** String and container methods that return a boolean, a number or nothing. */
const CLEAN_METHODS = new Set([
  'startswith', 'endswith', 'isdigit', 'isalpha', 'isalnum', 'isnumeric', 'isdecimal', 'isidentifier', 'islower',
  'isupper', 'isspace', 'istitle', 'isascii', 'isprintable', 'count', 'find', 'rfind', 'index', 'rindex', '__len__',
  'append', 'extend', 'insert', 'remove', 'clear', 'sort', 'reverse', 'add', 'discard', 'update', 'write', 'close',
  'flush', 'seek', 'tell', 'set', 'put', 'send', 'log', 'info', 'debug', 'warning', 'error', 'exception', 'critical',
]);
/** Class methods of a pydantic model that validate data into an instance. */
const VALIDATE_METHODS = new Set(['model_validate', 'model_validate_json', 'model_validate_strings', 'parse_obj', 'parse_raw', 'validate', 'parse_file']);
const TRACEBACK = new Set(['format_exc', 'format_exception', 'format_tb', 'format_stack', 'extract_tb', 'extract_stack', 'format_list']);

function calleeInfo(callee: AV, name: string, isMethod: boolean): CalleeInfo {
  const path = callee.modulePath ?? [];
  return {
    name: callee.module ? (path[path.length - 1] ?? '') : callee.global ? callee.global.split('.').pop()! : name,
    module: callee.module,
    modulePath: path,
    global: callee.global,
    isMethod,
    construct: false,
  };
}

function argsOf(it: Interp, call: PyNode, frame: Frame): PyCall {
  const a = callArgs(call);
  const positional: AV[] = [];
  const positionalNodes: PyNode[] = [];
  for (const n of a.positional) {
    positional.push(it.expr(n, frame));
    positionalNodes.push(n);
  }
  for (const n of a.stars) {
    positional.push(it.readIndex(it.expr(n, frame), n));
    positionalNodes.push(n);
  }
  const keywords = new Map<string, { value: AV; node: PyNode }>();
  for (const k of a.keywords) keywords.set(k.name, { value: it.expr(k.value, frame), node: k.value });
  let splat: PyCall['splat'];
  for (const d of a.doubleStars) {
    const v = it.expr(d, frame);
    splat = { value: splat ? join(splat.value, v) : v, node: d };
    for (const [k, pv] of v.props ?? []) if (!keywords.has(k)) keywords.set(k, { value: pv, node: (it.propNode(v, k) as PyNode | undefined) ?? d });
  }
  return { node: call, positional, positionalNodes, keywords, splat };
}

function dataOfArgs(it: Interp, c: PyCall, withReceiver = false): AV {
  let out: AV = CLEAN;
  for (const a of c.positional) out = join(out, deepData(it, a));
  for (const k of c.keywords.values()) out = join(out, deepData(it, k.value));
  if (c.splat) out = join(out, deepData(it, c.splat.value));
  if (withReceiver && c.receiver) out = join(out, deepData(it, c.receiver));
  return out;
}

export function evalCall(it: Interp, call: PyNode, frame: Frame): AV {
  const fnNode = child(call, 'function');
  if (!fnNode) return CLEAN;
  let recv: AV | undefined;
  let recvNode: PyNode | undefined;
  let name = '';
  let callee: AV;
  const f = unwrap(fnNode);
  if (f.type === 'attribute') {
    recvNode = child(f, 'object');
    name = child(f, 'attribute')?.text ?? '';
    recv = recvNode ? it.expr(recvNode, frame) : CLEAN;
    callee = readAttr(it, recv, name, f);
  } else {
    callee = it.expr(f, frame);
    if (f.type === 'identifier') name = f.text;
  }
  const c = argsOf(it, call, frame);
  c.receiver = recv;
  c.receiverNode = recvNode;
  const info = calleeInfo(callee, name, !!recv);
  // Sinks first: they look at the arguments as they arrive.
  for (const spec of SINKS.find(info)) checkSink(it, spec, c, info);
  const sanitizer = SANITIZERS.find(info)[0];
  if (sanitizer) return sanitizer.sanitizes === 'all' ? CLEAN : sanitize(dataOfArgs(it, c, !info.module && !info.global), sanitizer.sanitizes);
  const x = ext(callee);
  if (x?.dataMethod) {
    const key = x.dataMethod.keyed ? (c.positionalNodes[0] ? literalText(c.positionalNodes[0]) : undefined) : undefined;
    const path = x.dataMethod.keyed ? [...x.dataMethod.path, key ?? '*'] : x.dataMethod.path;
    return join(viewAt(it, x.dataMethod.base, path, x.dataMethod.cls, call), c.positional[1]);
  }
  if (recv && ext(recv)?.pydantic && VALIDATE_METHODS.has(name)) return pydanticInstance(it, recv, c, name);
  if (callee.global) return builtin(it, callee.global, c, frame);
  const alternatives = x?.alternatives;
  if (alternatives) return alternatives.reduce<AV>((out, fn) => join(out, callFn(it, fn, c, call)), CLEAN);
  if (callee.fn) return callFn(it, callee.fn, c, call);
  if (callee.cls) return instantiate(it, callee, c, call);
  if (callee.module) return moduleCall(it, callee, info, c, call);
  if (recv) return methodOnData(it, recv, name, c, call);
  runCallbacks(it, c, call);
  return CLEAN;
}

/** A function of the workspace: arguments lined up with its parameters, then summarised or run. */
function callFn(it: Interp, fn: FnValue, c: PyCall, call: PyNode): AV {
  const kw = new Map([...c.keywords].map(([k, v]) => [k, v.value]));
  return it.callFunction(fn, it.alignArgs(fn, c.positional, kw, c.splat?.value), call);
}

function instantiate(it: Interp, cls: AV, c: PyCall, call: PyNode): AV {
  if (ext(cls)?.pydantic) return pydanticInstance(it, cls, c);
  const instance: AV = { cls: cls.cls, props: new Map() };
  const init = it.readProp(instance, '__init__');
  if (init.fn) callFn(it, init.fn, c, call);
  return instance;
}

/** Functions passed to a call the walker does not model still run: closures may use captured data. */
function runCallbacks(it: Interp, c: PyCall, call: PyNode): void {
  const fns = [...c.positional, ...[...c.keywords.values()].map((k) => k.value)].filter((v) => v.fn);
  for (const v of fns) {
    const fn = v.fn!;
    const closure = fn.closure as Frame;
    if (closure.parent || pyFn(fn).type === 'lambda') it.callFunction(fn, [], call);
  }
}

// ---- builtins ----

function builtin(it: Interp, g: string, c: PyCall, frame: Frame): AV {
  const [a0, a1] = c.positional;
  switch (g) {
    case 'getattr': {
      const attr = c.positionalNodes[1] ? literalText(c.positionalNodes[1]) : undefined;
      return attr !== undefined && a0 ? join(readAttr(it, a0, attr, c.positionalNodes[1]), c.positional[2]) : dataOnly(deepData(it, a0 ?? CLEAN));
    }
    case 'dict': {
      const props = new Map<string, AV>(a0?.props ?? []);
      for (const [k, v] of c.keywords) props.set(k, v.value);
      const out: AV = { props, objNode: c.node };
      if (a0 && (a0.sym || a0.taints || a0.deps)) return { ...out, ...(a0.sym ? { sym: a0.sym } : dataOnly(a0)) };
      return out;
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
    case 'sorted':
    case 'reversed':
    case 'iter':
      return a0 ? { elem: it.readIndex(a0, c.positionalNodes[0]), props: new Map() } : { elem: CLEAN, props: new Map() };
    case 'next':
      return a0 ? join(it.readIndex(a0, c.positionalNodes[0]), a1) : CLEAN;
    case 'enumerate': {
      const item = a0 ? it.readIndex(a0, c.positionalNodes[0]) : CLEAN;
      return { elem: { props: new Map([['0', CLEAN], ['1', item]]), elem: item }, props: new Map() };
    }
    case 'zip': {
      const items = c.positional.map((v, i) => it.readIndex(v, c.positionalNodes[i]));
      return { elem: { props: new Map(items.map((v, i) => [String(i), v])), elem: items.reduce<AV>((x, y) => join(x, y), CLEAN) }, props: new Map() };
    }
    case 'map': {
      const fn = a0?.fn;
      const item = a1 ? it.readIndex(a1, c.positionalNodes[1]) : CLEAN;
      return { elem: fn ? it.callFunction(fn, it.alignArgs(fn, [item], new Map()), c.node) : dataOnly(item), props: new Map() };
    }
    case 'filter':
      return a1 ?? CLEAN;
    case 'min':
    case 'max':
      return c.positional.length === 1 && a0 ? it.readIndex(a0) : dataOfArgs(it, c);
    case 'format':
      return concat(it, [a0 ?? CLEAN, a1 ?? CLEAN]);
    case 'str':
    case 'repr':
    case 'ascii': {
      if (!a0) return lit('');
      if (a0.literal !== undefined) return lit(a0.literal);
      return dataOnly(it.materialize(a0));
    }
    default:
      if (PROPAGATING_BUILTINS.has(g)) return dataOfArgs(it, c);
      void frame;
      runCallbacks(it, c, c.node);
      return CLEAN;
  }
}

// ---- packages ----

function moduleCall(it: Interp, callee: AV, info: CalleeInfo, c: PyCall, call: PyNode): AV {
  const mod = callee.module!;
  const path = callee.modulePath ?? [];
  const last = info.name;
  // boto3.client('s3'), boto3.resource('dynamodb'), session.client('sqs'): the service joins the path.
  if ((mod === 'boto3' || mod === 'aioboto3' || mod === 'botocore') && (last === 'client' || last === 'resource' || last === 'create_client')) {
    const svc = c.positionalNodes[0] ? literalText(c.positionalNodes[0]) : c.keywords.get('service_name') ? literalText(c.keywords.get('service_name')!.node) : undefined;
    return { module: mod, modulePath: [...path, svc ?? '?'] };
  }
  if (mod === 'aws_lambda_powertools') {
    if (last in RESOLVER_EVENT) return { module: mod, modulePath: path, ext: { resolver: last } };
    if (last in DATA_CLASSES && c.positional[0]) return { ...c.positional[0], ext: { dataClass: last } };
    if (last === 'Response') return powertoolsResponse(it, c);
  }
  if (mod === 'traceback' && TRACEBACK.has(last)) return stackTrace(it, call, last);
  if (mod === 're' && last === 'compile' && c.positionalNodes[0]) {
    const source = literalText(c.positionalNodes[0]);
    return { module: mod, modulePath: path, ...(source !== undefined ? { ext: { regex: source } } : {}) };
  }
  if ((mod === 're' || mod === 'regex') && (last === 'sub' || last === 'subn') && stripsToSafe(c)) return CLEAN;
  if (mod === 'lxml' && last === 'XMLParser') {
    const r = c.keywords.get('resolve_entities');
    return { module: mod, modulePath: path, ...(r && unwrap(r.node).type === 'true' ? { ext: { resolvesEntities: true } } : {}) };
  }
  // os.path.join/normpath/abspath/realpath and the rest of os.path: paths made of their arguments.
  if (mod === 'os' && path[0] === 'path') return pathValue(it, last, c);
  if (mod === 'posixpath' || mod === 'ntpath') return pathValue(it, last, c);
  // json.loads of a view into the event: the data, still a view (so that nested AWS fields are known).
  if ((mod === 'json' || mod === 'simplejson' || mod === 'ujson' || mod === 'orjson') && last === 'loads' && c.positional[0]?.sym?.root === 'event') {
    const v = c.positional[0];
    return { ...dataOnly(it.materialize(v)), sym: { ...v.sym!, parsed: v.sym!.parsed ?? v.sym!.path.length } };
  }
  // urllib.parse transforms data; urllib.request makes network objects (a Request is a sink itself).
  const network = mod === 'urllib' && path[0] === 'request';
  if (!network && (PROPAGATING_MODULES.has(mod) || mod === 'yaml' || mod === 're' || mod === 'regex' || mod === 'xml' || mod === 'lxml' || mod === 'defusedxml' || last === 'deserialize')) {
    return dataOfArgs(it, c, true);
  }
  if (CARRYING_MODULES.has(mod)) {
    // Path(p), tarfile.open(fileobj=...), Path(p).resolve(): the object holds the data it is made of.
    const data = dataOfArgs(it, c, true);
    const pathish = mod === 'pathlib' && ['resolve', 'absolute'].includes(last) ? sanitize(data, ['normalized-path']) : data;
    return { module: mod, modulePath: path, ...dataOnly(pathish) };
  }
  runCallbacks(it, c, call);
  return { module: mod, modulePath: path };
}

/** os.path functions: their arguments' data; the normalising ones mark it for the prefix guard. */
function pathValue(it: Interp, name: string, c: PyCall): AV {
  const data = dataOfArgs(it, c);
  if (['normpath', 'abspath', 'realpath'].includes(name)) return sanitize(data, ['normalized-path']);
  if (['exists', 'isfile', 'isdir', 'getsize', 'getmtime', 'isabs', 'islink', 'samefile'].includes(name)) return CLEAN;
  if (name === 'join' || name === 'expanduser' || name === 'expandvars' || name === 'splitext' || name === 'split' || name === 'dirname' || name === 'relpath') {
    const dataArgs = c.positional.map((a, i) => (hasData(deepData(it, a)) ? i : -1)).filter((i) => i >= 0);
    return name === 'join' ? { ...data, pathJoin: { call: c.node, dataArgs } } : data;
  }
  return data;
}

/** `re.sub(r"[^a-zA-Z0-9_-]", "", x)`: the result holds letters, digits, `_` and `-` only. */
function stripsToSafe(c: PyCall): boolean {
  const pattern = c.positionalNodes[0] ? literalText(c.positionalNodes[0]) : undefined;
  const repl = c.positionalNodes[1] ? literalText(c.positionalNodes[1]) : undefined;
  if (pattern === undefined || repl !== '') return false;
  return /^\[\^((?:a-z|A-Z|0-9|\\w|\\d|_|\\-|-)+)\]\+?$/.test(pattern);
}

/** Powertools `Response(status_code=..., content_type=..., body=..., headers=...)`, as a response dict. */
function powertoolsResponse(it: Interp, c: PyCall): AV {
  const props = new Map<string, AV>();
  const body = c.keywords.get('body')?.value;
  if (body) props.set('body', body);
  const headers = new Map<string, AV>(c.keywords.get('headers')?.value.props ?? []);
  const ct = c.keywords.get('content_type')?.value;
  if (ct) headers.set('Content-Type', ct);
  props.set('headers', { props: headers, objNode: c.keywords.get('headers')?.node });
  void it;
  return { props, objNode: c.node, ext: { response: true } };
}

// ---- methods on data ----

function methodOnData(it: Interp, recv: AV, name: string, c: PyCall, call: PyNode): AV {
  const [a0, a1] = c.positional;
  switch (name) {
    case 'get':
    case 'pop':
    case 'setdefault': {
      const key = c.positionalNodes[0] ? literalText(c.positionalNodes[0]) : undefined;
      const got = key !== undefined ? it.readProp(recv, key, call) : anyElement(recv, it.readIndex(recv, call));
      return join(got, a1);
    }
    case 'items':
      return { elem: { props: new Map([['0', deepKeys(it, recv)], ['1', it.readIndex(recv, call)]]), elem: it.readIndex(recv, call) }, props: new Map() };
    case 'values':
      return { elem: it.readIndex(recv, call), props: new Map() };
    case 'keys':
      return { elem: deepKeys(it, recv), props: new Map() };
    case 'copy':
      return recv;
    case 'split':
    case 'rsplit':
    case 'splitlines':
    case 'partition':
    case 'rpartition':
      return { elem: dataOnly(it.materialize(recv)), props: new Map() };
    case 'join':
      // `sep.join(items)`: the items' data, glued with the separator.
      return concat(it, [dataOnly(join(it.materialize(it.readIndex(a0 ?? CLEAN)), deepData(it, a0 ?? CLEAN))), dataOnly(it.materialize(recv))]);
    case 'format':
      return formatString(it, recv, c);
    case 'replace': {
      // `name.replace("/", "_")` (Python replaces every occurrence): with no separator left, one file name.
      const [from, to] = c.positionalNodes.map((n) => literalText(n));
      if (from === '/' && to !== undefined && !to.includes('/') && c.positional.length === 2) return sanitize(dataOnly(it.materialize(recv)), ['path']);
      break;
    }
    case 'append':
    case 'add':
      it.moduleState?.mutating(recv);
      if (!Object.isFrozen(recv)) recv.elem = join(recv.elem, a0);
      return CLEAN;
    case 'extend':
      it.moduleState?.mutating(recv);
      if (!Object.isFrozen(recv) && a0) recv.elem = join(recv.elem, it.readIndex(a0));
      return CLEAN;
    case 'update':
      it.moduleState?.mutating(recv);
      if (!Object.isFrozen(recv) && a0?.props) {
        recv.props ??= new Map();
        for (const [k, v] of a0.props) recv.props.set(k, v);
      }
      if (!Object.isFrozen(recv)) for (const [k, v] of c.keywords) (recv.props ??= new Map()).set(k, v.value);
      return CLEAN;
    case 'fullmatch':
    case 'match':
    case 'search':
    case 'findall':
    case 'finditer':
    case 'split_pattern':
      // A compiled pattern: what it matches is the subject's data.
      if (recv.module === 're' || ext(recv)?.regex !== undefined) return dataOfArgs(it, c);
      break;
    default:
      break;
  }
  runCallbacks(it, c, call);
  // A method on data we know nothing about keeps carrying the data (string helpers, decoding).
  if (CLEAN_METHODS.has(name)) return CLEAN;
  return dataOnly(it.materialize(recv));
}

/** The keys of a dict that came from the event are event data too. */
function deepKeys(it: Interp, v: AV): AV {
  return dataOnly(it.materialize(v.sym ? it.readIndex(v) : v));
}

/** `"SELECT {} FROM t".format(x)`: the literal pieces and the arguments, in order. */
function formatString(it: Interp, recv: AV, c: PyCall): AV {
  const text = recv.literal;
  if (text === undefined) return dataOnly(join(it.materialize(recv), dataOfArgs(it, c)));
  const parts: AV[] = [];
  let auto = 0;
  let last = 0;
  const re = /\{\{|\}\}|\{([^{}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '{{' || m[0] === '}}') continue;
    parts.push(lit(text.slice(last, m.index)));
    const field = (m[1] ?? '').split(/[!:.[]/)[0];
    const v = field === '' ? c.positional[auto++] : /^\d+$/.test(field) ? c.positional[Number(field)] : c.keywords.get(field)?.value;
    parts.push(!v ? CLEAN : v.literal !== undefined ? v : deepData(it, v));
    last = m.index + m[0].length;
  }
  parts.push(lit(text.slice(last)));
  return concat(it, parts);
}
