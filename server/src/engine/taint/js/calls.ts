// Calls and `new` for the JS/TS walker: what the callee is (a module's function, a global, a local
// function, a method on data), then sinks, sanitisers and propagation.
import ts from 'typescript';
import { jsFn, SK, tsx } from './syntax.js';
import type { Frame } from '../env.js';
import type { JsInterp as Interp } from './interp.js';
import { JS_SANITIZERS, JS_SINKS } from './catalogue.js';
import { CalleeIndex, type CalleeInfo } from '../callee.js';
import { checkSink } from './sinks.js';
import { usesThis } from './this-usage.js';
import { CLEAN, dataOnly, hasData, join, sanitize, type AV, type FnValue } from '../values.js';
import { isCaught } from '../errors.js';

/** Data a value holds anywhere: its own taints, its view into the event, its properties and elements. */
export function deepData(it: Interp, v: AV, depth = 0): AV {
  let out = dataOnly(it.materialize(v));
  if (depth > 3) return out;
  for (const p of v.props?.values() ?? []) out = join(out, deepData(it, p, depth + 1));
  if (v.elem) out = join(out, deepData(it, v.elem, depth + 1));
  return out;
}

function dataOfArgs(it: Interp, args: AV[]): AV {
  let out: AV = CLEAN;
  for (const a of args) out = join(out, deepData(it, a));
  return out;
}

const SINKS = new CalleeIndex(JS_SINKS);
const SANITIZERS = new CalleeIndex(JS_SANITIZERS);

const PROPAGATING_GLOBALS = new Set([
  'String', 'decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'btoa', 'escape', 'encodeURI', 'JSON.parse',
  'JSON.stringify', 'Buffer.from', 'Buffer.concat', 'Array.from', 'Array.of', 'structuredClone', 'Object.fromEntries',
  'String.raw', 'Reflect.get',
]);
/**
 * Packages whose functions transform data (parse, decode, convert): what they return carries what
 * their arguments carry. Other packages' calls return a value that remembers its package, so that
 * `mysql.createPool().query` can be matched, but not the data passed in.
 */
const PROPAGATING_MODULES = new Set([
  'path', 'path/posix', 'path/win32', 'querystring', 'qs', 'url', 'util', 'zlib', 'string_decoder', 'buffer',
  '@aws-sdk/util-dynamodb', 'lodash', 'underscore', 'js-yaml', 'yaml', 'json5', 'ini', 'toml', '@iarna/toml',
  'fast-xml-parser', 'xml2js', 'marked', 'markdown-it', 'iconv-lite', 'base-64', 'js-base64', 'pako', 'slugify',
  'camelcase', 'change-case', 'cookie', 'url-parse', 'punycode', 'csv-parse', 'csv-parse/sync', 'papaparse',
]);
/** Converters inside SDKs that otherwise only build clients (`AWS.DynamoDB.Converter.unmarshall`). */
const PROPAGATING_NAMES = new Set(['unmarshall', 'output']);
const CLEAN_METHODS = new Set([
  'length', 'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'localeCompare', 'search',
  'charCodeAt', 'codePointAt', 'some', 'every', 'findIndex', 'findLastIndex', 'has', 'size', 'isArray', 'hasOwnProperty',
  'push', 'unshift', 'forEach',
]);
const CALLBACK_ARRAY_METHODS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'reduce', 'reduceRight', 'sort', 'findIndex']);

function unwrap(e: ts.Expression): ts.Expression {
  while (tsx.isParenthesizedExpression(e) || tsx.isAsExpression(e) || tsx.isNonNullExpression(e) || tsx.isTypeAssertionExpression(e) || tsx.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function calleeInfo(callee: AV, name: string, isMethod: boolean, construct: boolean): CalleeInfo {
  const path = callee.modulePath ?? [];
  return {
    name: callee.module ? (path[path.length - 1] ?? '') : name,
    module: callee.module,
    modulePath: path,
    global: callee.global,
    isMethod,
    construct,
  };
}

function evalArgs(it: Interp, args: readonly ts.Expression[] | undefined, frame: Frame): AV[] {
  const out: AV[] = [];
  for (const a of args ?? []) {
    if (tsx.isSpreadElement(a)) out.push(it.readIndex(it.expr(a.expression, frame)));
    else out.push(it.expr(a, frame));
  }
  return out;
}

export function evalCall(it: Interp, call: ts.CallExpression, frame: Frame): AV {
  const calleeNode = unwrap(call.expression);
  // require('x') and import('x')
  if ((tsx.isIdentifier(calleeNode) && calleeNode.text === 'require' && !frame.find('require')) || calleeNode.kind === SK.ImportKeyword) {
    const a = call.arguments[0];
    if (a && (tsx.isStringLiteral(a) || tsx.isNoSubstitutionTemplateLiteral(a))) return it.requireModule(a.text);
    return CLEAN;
  }
  let recv: AV | undefined;
  let name = '';
  let callee: AV;
  if (tsx.isPropertyAccessExpression(calleeNode)) {
    recv = it.expr(calleeNode.expression, frame);
    name = calleeNode.name.text;
    callee = it.readProp(recv, name, calleeNode);
  } else if (tsx.isElementAccessExpression(calleeNode) && tsx.isStringLiteral(calleeNode.argumentExpression)) {
    recv = it.expr(calleeNode.expression, frame);
    name = calleeNode.argumentExpression.text;
    callee = it.readProp(recv, name, calleeNode);
  } else {
    callee = it.expr(calleeNode, frame);
    if (tsx.isIdentifier(calleeNode)) name = calleeNode.text;
  }
  const args = evalArgs(it, call.arguments, frame);
  const info = calleeInfo(callee, callee.global ? callee.global.split('.').pop()! : name, !!recv, false);
  return applyCall(it, call, callee, recv, name, info, args, frame);
}

export function evalNew(it: Interp, e: ts.NewExpression, frame: Frame): AV {
  const callee = it.expr(e.expression, frame);
  const name = tsx.isIdentifier(e.expression) ? e.expression.text : tsx.isPropertyAccessExpression(e.expression) ? e.expression.name.text : '';
  const args = evalArgs(it, e.arguments, frame);
  const info = calleeInfo(callee, callee.global ? callee.global.split('.').pop()! : name, false, true);
  for (const spec of SINKS.find(info)) checkSink(it, spec, e, args, info);
  if (callee.cls) {
    const cls = callee.cls as ts.ClassLikeDeclaration;
    const instance: AV = { cls, props: new Map() };
    const ctor = cls.members.find((m) => tsx.isConstructorDeclaration(m)) as ts.ConstructorDeclaration | undefined;
    const file = cls.getSourceFile().fileName;
    if (ctor?.body) it.callFunction({ node: ctor, closure: it.moduleFrameFor(file), file, self: instance }, args, e);
    return instance;
  }
  if (callee.global === 'URL' || callee.global === 'URLSearchParams' || callee.global === 'TextDecoder') return dataOfArgs(it, args);
  if (callee.global === 'Promise') {
    // new Promise((resolve) => ... resolve(x)): awaiting it gives x.
    const executor = args[0]?.fn;
    if (!executor) return CLEAN;
    const resolver = { value: undefined as AV | undefined };
    it.callFunction(executor, [{ resolver }, CLEAN], e);
    return resolver.value ?? CLEAN;
  }
  if (callee.module) return { module: callee.module, modulePath: callee.modulePath ?? [] };
  runCallbacks(it, e, args, new Set());
  return CLEAN;
}

function applyCall(it: Interp, call: ts.CallExpression, callee: AV, recv: AV | undefined, name: string, info: CalleeInfo, args: AV[], frame: Frame): AV {
  if (callee.resolver) {
    it.moduleState?.mutating(callee.resolver);
    callee.resolver.value = join(callee.resolver.value, args[0] ?? CLEAN);
    return CLEAN;
  }
  // Sinks first: they look at the arguments as they arrive.
  for (const spec of SINKS.find(info)) checkSink(it, spec, call, args, info);
  // The Lambda callback: `callback(null, response)` is a response like a return value.
  if (it.callbackName && tsx.isIdentifier(call.expression) && call.expression.text === it.callbackName && args[1]) {
    it.responses.push({ value: args[1], node: call.arguments[1], file: it.file.file });
    // A helper that answers through the callback: its summary is not only what it returns.
    it.recorder?.effect();
  }
  const sanitizer = SANITIZERS.find(info)[0];
  if (sanitizer) {
    runCallbacks(it, call, args, new Set());
    return sanitizer.sanitizes === 'all' ? CLEAN : sanitize(dataOfArgs(it, recv && !info.module && !info.global ? [recv, ...args] : args), sanitizer.sanitizes);
  }
  const handled = new Set<number>();
  const result = builtin(it, call, callee, recv, name, info, args, handled);
  runCallbacks(it, call, args, handled);
  if (result) return result;
  if (callee.fn) return it.callFunction(withThis(callee.fn, recv), args, call);
  if (callee.module) {
    if (PROPAGATING_MODULES.has(callee.module) || PROPAGATING_NAMES.has(info.name)) return pathAware(it, call, info, args);
    return { module: callee.module, modulePath: callee.modulePath ?? [] };
  }
  if (callee.global) return PROPAGATING_GLOBALS.has(callee.global) ? dataOfArgs(it, args) : CLEAN;
  // A method on data we know nothing about keeps carrying the data (custom string helpers).
  if (recv && !CLEAN_METHODS.has(name)) return dataOnly(it.materialize(recv));
  void frame;
  return CLEAN;
}

/** `obj.method()`: a non-arrow function that reads `this` sees the object it was called on. */
function withThis(fn: FnValue, recv: AV | undefined): FnValue {
  if (!recv || fn.self || tsx.isArrowFunction(jsFn(fn)) || !usesThis(jsFn(fn))) return fn;
  return { ...fn, self: recv };
}

/** path.join/resolve/normalize mark their result as a normalised path (for the startsWith guard). */
function pathAware(it: Interp, call: ts.CallExpression, info: CalleeInfo, args: AV[]): AV {
  const data = dataOfArgs(it, args);
  if (info.module?.startsWith('path') && ['join', 'resolve', 'normalize'].includes(info.name)) {
    const dataArgs = args.map((a, i) => (hasData(deepData(it, a)) ? i : -1)).filter((i) => i >= 0);
    return { ...sanitize(data, ['normalized-path']), pathJoin: { call, dataArgs } };
  }
  return data;
}

/** Function literals passed to calls we do not model still run: their sinks may use captured data. */
function runCallbacks(it: Interp, call: ts.CallExpression | ts.NewExpression, args: AV[], handled: Set<number>): void {
  (call.arguments ?? []).forEach((a, i) => {
    if (handled.has(i)) return;
    const fn = args[i]?.fn;
    if (fn && (tsx.isArrowFunction(a) || tsx.isFunctionExpression(a))) it.callFunction(fn, jsFn(fn).parameters.map(() => CLEAN), a);
  });
}

/** JSON parsed from a view into the event: the data, still a view (so that nested AWS fields are known). */
export function parsedView(it: Interp, v: AV): AV {
  const m = dataOnly(it.materialize(v));
  return v.sym && v.sym.root === 'event' ? { ...m, sym: { ...v.sym, parsed: v.sym.parsed ?? v.sym.path.length } } : m;
}

/** Built-in functions and methods whose effect on data we model. Undefined: not a built-in. */
function builtin(it: Interp, call: ts.CallExpression, callee: AV, recv: AV | undefined, name: string, info: CalleeInfo, args: AV[], handled: Set<number>): AV | undefined {
  const g = callee.global;
  if (g === 'Object.assign') {
    const target = args[0];
    if (target) it.moduleState?.mutating(target);
    for (const src of args.slice(1)) {
      if (target && !Object.isFrozen(target) && target.props && src.props) for (const [k, v] of src.props) target.props.set(k, v);
    }
    return join(target, dataOfArgs(it, args.slice(1)));
  }
  if (g === 'Object.keys' || g === 'Object.getOwnPropertyNames') return { elem: deepData(it, args[0] ?? CLEAN), props: new Map() };
  if (g === 'Object.values') return { elem: it.readIndex(args[0] ?? CLEAN), props: new Map() };
  if (g === 'Object.entries') return { elem: { elem: join(deepData(it, args[0] ?? CLEAN), it.readIndex(args[0] ?? CLEAN)) }, props: new Map() };
  if (g === 'Promise.all' || g === 'Promise.race' || g === 'Promise.any' || g === 'Promise.allSettled' || g === 'Promise.resolve') return args[0] ?? CLEAN;
  if (g === 'JSON.parse') return parsedView(it, args[0] ?? CLEAN);
  // JSON.stringify(err) is "{}": an Error's message and stack are not enumerable (unless a replacer lists them).
  if (g === 'JSON.stringify' && args[0] && isCaught(args[0]) && args.length === 1) return CLEAN;
  if (g === 'JSON.stringify' && args[0] && isCaught(args[0])) return join(dataOnly(args[0]), it.readProp(args[0], 'stack'));
  if (info.module === 'util' && info.name === 'promisify') return args[0] ?? CLEAN;
  if (!recv) return undefined;
  // fn.call / fn.apply / fn.bind
  if (recv.fn && name === 'call') return it.callFunction(recv.fn, args.slice(1), call);
  if (recv.fn && name === 'apply') return it.callFunction(recv.fn, [it.readIndex(args[1] ?? CLEAN)], call);
  if (recv.fn && name === 'bind') return recv;
  if (callee.fn || callee.module || callee.global) return undefined;
  // Arrays and promises with callbacks.
  const cb = args[0]?.fn;
  if (cb && (CALLBACK_ARRAY_METHODS.has(name) || name === 'then' || name === 'catch' || name === 'finally')) {
    handled.add(0);
    if (name === 'then') return it.callFunction(cb, [recv], call);
    if (name === 'catch') return join(recv, it.callFunction(cb, [CLEAN], call));
    if (name === 'finally') {
      it.callFunction(cb, [], call);
      return recv;
    }
    const elem = it.readIndex(recv, call);
    if (name === 'reduce' || name === 'reduceRight') {
      const r = it.callFunction(cb, [join(args[1], elem), elem], call);
      return join(args[1], r);
    }
    const r = it.callFunction(cb, [elem, CLEAN, recv], call);
    if (name === 'map') return { elem: r, props: new Map() };
    if (name === 'flatMap') return { elem: r.elem ?? r, props: new Map() };
    if (name === 'filter' || name === 'sort') return recv;
    if (name === 'find' || name === 'findLast') return elem;
    return CLEAN;
  }
  if (name === 'push' || name === 'unshift') {
    it.moduleState?.mutating(recv);
    if (!Object.isFrozen(recv)) recv.elem = args.reduce<AV | undefined>((a, b) => join(a, b), recv.elem);
    return CLEAN;
  }
  if (name === 'concat') return { ...join(recv, args.reduce<AV | undefined>((a, b) => join(a, b.elem ?? b), undefined)), props: recv.props };
  if (name === 'join') return dataOnly(join(it.materialize(it.readIndex(recv)), deepData(it, recv)));
  if (name === 'split' || name === 'match' || name === 'matchAll' || name === 'entries' || name === 'values' || name === 'keys') {
    return { elem: dataOnly(it.materialize(recv)), props: new Map() };
  }
  if ((name === 'replace' || name === 'replaceAll') && stripsToSafeCharacters(call)) return CLEAN;
  // `name.replace(/\//g, '_')`: with every separator gone, the value is one file name.
  if ((name === 'replace' || name === 'replaceAll') && removesSeparators(call)) return sanitize(dataOnly(it.materialize(recv)), ['path']);
  return undefined;
}

/**
 * `s.replace(/\//g, '-')`, `s.replace(/[\/\\]/g, '')`, `s.replaceAll('/', '_')`: every `/` replaced by
 * text without one. Lambda runs on Linux, where `/` is the only separator.
 */
export function removesSeparators(call: ts.CallExpression): boolean {
  const [pat, repl] = call.arguments;
  if (!pat || !repl || !tsx.isStringLiteral(repl) || repl.text.includes('/') || repl.text.includes('$')) return false;
  const name = tsx.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
  if (tsx.isStringLiteral(pat)) return name === 'replaceAll' && pat.text === '/';
  if (!tsx.isRegularExpressionLiteral(pat)) return false;
  const m = /^\/(.*)\/([a-z]*)$/s.exec(pat.text);
  if (!m || !m[2].includes('g')) return false;
  const body = m[1];
  if (body === '\\/' || body === '/') return true;
  // A character class of separators only, with an optional `+`.
  const cls = /^\[((?:\\\/|\\\\|\/)+)\]\+?$/.exec(body);
  return !!cls && cls[1].includes('/');
}

/** `s.replace(/[^a-z0-9_-]/gi, '')`: the result can only hold letters, digits, `_` and `-`. */
function stripsToSafeCharacters(call: ts.CallExpression): boolean {
  const [re, repl] = call.arguments;
  if (!re || !tsx.isRegularExpressionLiteral(re) || !repl || !tsx.isStringLiteral(repl) || repl.text !== '') return false;
  const m = /^\/\[\^((?:a-z|A-Z|0-9|\\w|\\d|_|\\-|-)+)\]\+?\/([a-z]*)$/.exec(re.text);
  return !!m && m[2].includes('g');
}
