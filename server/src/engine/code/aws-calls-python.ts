// The AWS calls of Python handler code (boto3): clients (`boto3.client('s3')`, sessions), resources
// and their sub-resources (`Table(...)`, `Bucket(...)`, `Object(...)`, `Queue(...)`, `Topic(...)`),
// the S3 transfer helpers, presigned URLs, paginators, and the Powertools parameters and idempotency
// utilities. Read from the syntax `pythonSyntax(code)` gives (the plain AST); values are followed by name through
// assignments and imports, never executed. Local imports are resolved by `resolvePythonImport` (aws-calls-python-values.ts),
// one small function, so that it can give way to the shared resolver of the Python taint work.
import * as path from 'node:path';
import type { CodeFile } from './types.js';
import type { AwsCall, FunctionCalls, ResourceRef, Seeds, Unresolved } from './aws-calls-types.js';
import { pythonSyntax, type PySyntax } from './python-nodes.js';
import { findOperation, operationActions, resourceParam, serviceOfBotoName } from '../iam/operations.js';
import { POWERTOOLS_PY, type PowertoolsCall } from './aws-calls-powertools.js';
import { dictValue, keyword, kwNames, ownKeys, paramNames, positional, reached, stringValue, unitIndex } from './aws-calls-python-syntax.js';
import { CLIENT_HELPERS, PY_NON_CALLS, SIGNERS, SUB_METHODS, SUB_TYPES, WRAPPERS } from './aws-calls-python-tables.js';
import { own, putEventsBus, pyPackageMember, resolvePythonImport, toRef, type Py } from './aws-calls-python-values.js';

const MAX_DEPTH = 6;
const MAX_FILES = 60;
/** Assignments of one name looked at: enough for real code, bounded for generated or hostile files. */
const MAX_DECLS = 20;
class PyFile {
  readonly names = new Map<string, PySyntax[]>();
  readonly imported = new Map<string, Py>();
  readonly unresolved: { node: PySyntax; u: Unresolved }[] = [];
  readonly imports: { file: string; seeds: Seeds; node: PySyntax }[] = [];
  private readonly memo = new Map<string, Py | null>();
  /** credentialed(node, depth), by node position and depth: its answer depends on nothing else, and unmemoised the walk through every declaration of every name is exponential. */
  private readonly credMemo = new Map<string, boolean>();
  readonly root: PySyntax;

  constructor(readonly code: CodeFile, root: PySyntax, private readonly codeRoot: string, private readonly exists: (f: string) => boolean, private readonly other: (file: string, name: string | 'all') => Py | undefined) {
    this.root = root;
    for (const a of root.descendantsOfType('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (!left || !right) continue;
      const key = left.type === 'identifier' ? left.text : left.type === 'attribute' && left.childForFieldName('object')?.text === 'self' ? `self.${left.childForFieldName('attribute')?.text}` : undefined;
      if (key) (this.names.get(key) ?? this.names.set(key, []).get(key)!).push(right);
    }
    for (const imp of root.descendantsOfType(['import_statement', 'import_from_statement'])) this.readImport(imp);
    // A function of this file called with a client: its parameter stands for the argument.
    for (const d of root.descendantsOfType('function_definition')) {
      const name = d.childForFieldName('name')?.text;
      if (name) this.defs.set(name, paramNames(d.childForFieldName('parameters')));
    }
    for (const c of root.descendantsOfType('call')) {
      const f = c.childForFieldName('function');
      const params = f?.type === 'identifier' ? this.defs.get(f.text) : undefined;
      if (!params) continue;
      let i = 0;
      for (const a of c.childForFieldName('arguments')?.namedChildren ?? []) {
        const [param, value] = a.type === 'keyword_argument' ? [a.childForFieldName('name')?.text, a.childForFieldName('value')] : [params[i++], a];
        if (param && value && a.type !== 'list_splat' && a.type !== 'dictionary_splat') (this.names.get(param) ?? this.names.set(param, []).get(param)!).push(value);
      }
    }
  }

  /** Functions defined in this file, with their parameter names. */
  readonly defs = new Map<string, string[]>();

  span(n: PySyntax) {
    return { file: this.code.file, start: n.startIndex, end: n.endIndex };
  }

  private readImport(imp: PySyntax): void {
    if (imp.type === 'import_statement') {
      for (const c of imp.namedChildren) {
        const dotted = c.type === 'aliased_import' ? c.childForFieldName('name')?.text : c.text;
        const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')?.text : dotted?.split('.')[0];
        if (!dotted || !alias) continue;
        if (WRAPPERS.test(dotted)) this.unresolved.push({ node: imp, u: { span: this.span(imp), reason: `imports ${dotted}, which calls AWS in ways the analysis does not follow` } });
        const local = resolvePythonImport(this.code.file, this.codeRoot, dotted, 0, this.exists);
        if (local) {
          this.imports.push({ file: local, seeds: 'all', node: imp });
          this.imported.set(alias, { k: 'local', file: local, name: 'all' });
        } else if (dotted === 'boto3') this.imported.set(alias, { k: 'boto3' });
        else if (dotted === 'os') this.imported.set(alias, { k: 'os' });
      }
      return;
    }
    const mod = imp.childForFieldName('module_name');
    if (!mod) return;
    const level = mod.type === 'relative_import' ? (mod.namedChildren.find((c) => c.type === 'import_prefix')?.text.length ?? 0) : 0;
    const dotted = mod.type === 'relative_import' ? (mod.namedChildren.find((c) => c.type === 'dotted_name')?.text ?? '') : mod.text;
    if (WRAPPERS.test(dotted)) this.unresolved.push({ node: imp, u: { span: this.span(imp), reason: `imports ${dotted}, which calls AWS in ways the analysis does not follow` } });
    const names = imp.childrenForFieldName('name').filter((n): n is PySyntax => !!n);
    const moduleFile = resolvePythonImport(this.code.file, this.codeRoot, dotted, level, this.exists);
    const seeds = new Set<string>();
    for (const n of names) {
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : name;
      if (!name || !alias) continue;
      if (SIGNERS.test(name)) this.unresolved.push({ node: imp, u: { span: this.span(imp), reason: `signs requests with ${name}: the calls it signs are not followed` } });
      // `from pkg import module`: a module of the package, when it is a file.
      const sub = resolvePythonImport(this.code.file, this.codeRoot, dotted ? `${dotted}.${name}` : name, level, this.exists);
      if (sub) {
        this.imports.push({ file: sub, seeds: 'all', node: imp });
        this.imported.set(alias, { k: 'local', file: sub, name: 'all' });
      } else if (moduleFile) {
        seeds.add(name);
        this.imported.set(alias, { k: 'local', file: moduleFile, name });
      } else {
        const t = pyPackageMember(dotted, name);
        if (t) this.imported.set(alias, t);
      }
    }
    if (imp.descendantsOfType('wildcard_import').length > 0 && moduleFile) this.imports.push({ file: moduleFile, seeds: 'all', node: imp });
    else if (moduleFile && seeds.size > 0) this.imports.push({ file: moduleFile, seeds, node: imp });
  }

  valueOf(name: string, depth = 0): Py | undefined {
    const imp = this.imported.get(name);
    if (imp) return imp.k === 'local' ? this.other(imp.file, imp.name) : imp;
    if (this.memo.has(name)) return this.memo.get(name) ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    this.memo.set(name, null);
    let out: Py | undefined;
    for (const e of (this.names.get(name) ?? []).slice(0, MAX_DECLS)) if ((out = this.evalP(e, depth + 1))) break;
    this.memo.set(name, out ?? null);
    return out;
  }

  evalP(n: PySyntax | null | undefined, depth = 0): Py | undefined {
    if (!n || depth > MAX_DEPTH) return undefined;
    switch (n.type) {
      case 'parenthesized_expression':
      case 'await':
        return this.evalP(n.namedChildren[0], depth + 1);
      case 'identifier':
        return this.valueOf(n.text, depth);
      case 'string': {
        const s = stringValue(n);
        return s === undefined ? undefined : { k: 'literal', text: s };
      }
      case 'boolean_operator':
        return this.evalP(n.childForFieldName('left'), depth + 1) ?? this.evalP(n.childForFieldName('right'), depth + 1);
      case 'subscript': {
        const base = this.evalP(n.childForFieldName('value'), depth + 1);
        const key = stringValue(n.childForFieldName('subscript'));
        return base?.k === 'environ' && key !== undefined ? { k: 'env', name: key } : undefined;
      }
      case 'attribute': {
        const obj = n.childForFieldName('object');
        const attr = n.childForFieldName('attribute')?.text ?? '';
        if (obj?.text === 'self') return this.valueOf(`self.${attr}`, depth);
        const base = this.evalP(obj, depth + 1);
        if (!base) return undefined;
        if (base.k === 'os' && attr === 'environ') return { k: 'environ' };
        if (base.k === 'os' && attr === 'getenv') return { k: 'getenv' };
        if (base.k === 'resource' && attr === 'meta') return { k: 'client', service: base.service };
        if (base.k === 'sub' && base.type === 'Bucket' && (attr === 'objects' || attr === 'object_versions')) return { k: 'collection', service: 's3', resource: base.resource };
        if (base.k === 'local' && base.name === 'all') return this.other(base.file, attr);
        if (base.k === 'boto3' && attr === 'session') return { k: 'boto3' };
        return undefined;
      }
      case 'call':
        return this.evalCall(n, depth);
      default:
        return undefined;
    }
  }

  private evalCall(n: PySyntax, depth: number): Py | undefined {
    const fnNode = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    const arg0 = positional(args, 0);
    if (fnNode?.type === 'attribute') {
      const base = this.evalP(fnNode.childForFieldName('object'), depth + 1);
      const attr = fnNode.childForFieldName('attribute')?.text ?? '';
      if (base && (base.k === 'boto3' || base.k === 'session') && (attr === 'client' || attr === 'resource')) {
        const name = stringValue(arg0 ?? keyword(args, 'service_name'));
        const service = name ? serviceOfBotoName(name) : undefined;
        if (!service) return undefined;
        const ownCredentials = (base.k === 'session' && base.ownCredentials) || ownKeys(args);
        return attr === 'client' ? { k: 'client', service, ownCredentials } : { k: 'resource', service, ownCredentials };
      }
      if (base && (base.k === 'boto3' || base.k === 'session') && attr === 'Session') return { k: 'session', ownCredentials: ownKeys(args) };
      if (base?.k === 'environ' && attr === 'get') {
        const key = stringValue(arg0);
        return key !== undefined ? { k: 'env', name: key } : undefined;
      }
      if (base?.k === 'os' && attr === 'getenv') {
        const key = stringValue(arg0);
        return key !== undefined ? { k: 'env', name: key } : undefined;
      }
      if (base?.k === 'resource') {
        const sub = own(SUB_TYPES, `${base.service}.${attr}`);
        if (sub) return { k: 'sub', ...sub, resource: toRef(this.evalP(arg0 ?? keyword(args, sub.type === 'Table' ? 'name' : sub.type === 'Queue' ? 'url' : sub.type === 'Topic' ? 'arn' : sub.type === 'Bucket' ? 'name' : 'bucket_name'), depth + 1)) };
        if (base.service === 'sqs' && attr === 'get_queue_by_name') return { k: 'sub', service: 'sqs', type: 'Queue', resource: toRef(this.evalP(keyword(args, 'QueueName'), depth + 1)) };
      }
      if (base?.k === 'sub' && base.type === 'Bucket' && attr === 'Object') return { k: 'sub', service: 's3', type: 'Object', resource: base.resource };
      return undefined;
    }
    const f = this.evalP(fnNode, depth + 1);
    if (f?.k === 'session') return { k: 'session', ownCredentials: ownKeys(args) }; // Session(): the class and its instances read alike
    if (f?.k === 'getenv') {
      const key = stringValue(arg0);
      return key !== undefined ? { k: 'env', name: key } : undefined;
    }
    return undefined;
  }

  /** Every call site in the file (filtered by reached units later). */
  collect(): { node: PySyntax; call?: AwsCall; u?: Unresolved }[] {
    const out: { node: PySyntax; call?: AwsCall; u?: Unresolved }[] = [];
    const unresolved = (node: PySyntax, reason: string) => out.push({ node, u: { span: this.span(node), reason } });
    const add = (node: PySyntax, at: PySyntax, service: string, op: string, args: PySyntax | null, text: string, resource?: ResourceRef) => {
      const params = new Set(kwNames(args));
      const rp = resourceParam(service);
      const res = resource ?? (service === 'eventbridge' && op === 'PutEvents' ? putEventsBus(args, (n) => this.evalP(n)) : rp ? toRef(this.evalP(keyword(args, rp.param))) : undefined);
      const needs = operationActions(service, op, params);
      if (!needs.known) return unresolved(at, `${text}: the IAM action of ${op} is not known`);
      out.push({ node, call: { span: this.span(at), service, operation: op, actions: needs.actions, possible: needs.possible, resource: res, text } });
    };
    for (const n of this.root.descendantsOfType('call')) {
      const fnNode = n.childForFieldName('function');
      const args = n.childForFieldName('arguments');
      if (!fnNode) continue;
      if (fnNode.type === 'identifier' && fnNode.text === 'getattr') {
        const t = this.evalP(positional(args, 0));
        if (t && (t.k === 'client' || t.k === 'resource' || t.k === 'sub')) unresolved(n, 'getattr() on an AWS client: a method chosen at run time');
        continue;
      }
      if (!(fnNode.type === 'identifier' && this.defs.has(fnNode.text))) {
        for (const a of args?.namedChildren ?? []) {
          const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
          const t = v && v.type === 'identifier' ? this.evalP(v) : undefined;
          if (t && (t.k === 'client' || t.k === 'resource' || t.k === 'sub') && !(t.k !== 'sub' && t.ownCredentials)) {
            const base = fnNode.type === 'attribute' ? this.evalP(fnNode.childForFieldName('object')) : undefined;
            if (!base || (base.k !== 'client' && base.k !== 'resource' && base.k !== 'sub')) unresolved(n, `passes an AWS client to ${fnNode.text.slice(0, 40)}, which the analysis does not follow`);
          }
        }
      }
      if (fnNode.type !== 'attribute') {
        const f = this.evalP(fnNode);
        if (f?.k === 'pt') for (const pc of f.calls) this.powertools(out, n, fnNode, pc, args);
        continue;
      }
      const obj = fnNode.childForFieldName('object');
      const nameNode = fnNode.childForFieldName('attribute');
      const method = nameNode?.text ?? '';
      const base = this.evalP(obj);
      if (!base || !nameNode) continue;
      // Credentials of its own (assumed from another role, keys): not the function's role.
      if ((base.k === 'client' || base.k === 'resource' || base.k === 'sub' || base.k === 'collection') && this.credentialed(obj)) continue;
      const text = `${obj?.text ?? ''}.${method}`.slice(-60);
      if ((base.k === 'boto3' || base.k === 'session') && (method === 'client' || method === 'resource')) {
        const name = stringValue(positional(args, 0) ?? keyword(args, 'service_name'));
        if (!name) unresolved(n, `${text}(...): a service chosen at run time`);
        else if (!serviceOfBotoName(name)) unresolved(n, `${text}('${name}'): not a service the analysis knows`);
        continue;
      }
      if (base.k === 'ptParams') {
        const calls = own(POWERTOOLS_PY, method);
        if (calls) for (const pc of calls) this.powertools(out, n, nameNode, pc, args);
        continue;
      }
      if (base.k === 'client') {
        if (PY_NON_CALLS.has(method)) continue;
        if (method === 'get_waiter') {
          unresolved(nameNode, `${text}(...): a waiter, whose polling calls are not followed`);
          continue;
        }
        const helper = own(CLIENT_HELPERS, method);
        if (helper && base.service === 's3') {
          const b = helper.bucketArg >= 0 ? (positional(args, helper.bucketArg) ?? keyword(args, 'Bucket')) : keyword(args, 'Bucket');
          add(n, nameNode, 's3', helper.op, args, text, toRef(this.evalP(b)));
          continue;
        }
        if (method === 'generate_presigned_url' || method === 'get_paginator') {
          const opName = stringValue(positional(args, 0) ?? keyword(args, method === 'get_paginator' ? 'operation_name' : 'ClientMethod'));
          const op = opName ? findOperation(base.service, opName) : undefined;
          if (!op) unresolved(nameNode, `${text}(...): an operation chosen at run time`);
          else {
            const params = keyword(args, 'Params');
            const bucket = params?.type === 'dictionary' ? dictValue(params, resourceParam(base.service)?.param ?? '') : undefined;
            add(n, nameNode, base.service, op, null, text, toRef(this.evalP(bucket)));
          }
          continue;
        }
        const op = findOperation(base.service, method);
        if (op) add(n, nameNode, base.service, op, args, text);
        else unresolved(nameNode, `${text}: not an operation the analysis knows`);
        continue;
      }
      if (base.k === 'sub') {
        if (base.type === 'Bucket' && method === 'Object') continue; // a sub-resource, not a call
        const op = own(SUB_METHODS[base.type], method) ?? findOperation(base.service, method);
        if (op) add(n, nameNode, base.service, op, args, text, base.resource);
        else unresolved(nameNode, `${text}: not an operation the analysis knows`);
        continue;
      }
      if (base.k === 'collection') {
        if (['all', 'filter', 'limit', 'page_size', 'pages'].includes(method)) add(n, nameNode, 's3', 'ListObjectsV2', null, text, base.resource);
        else if (method === 'delete') add(n, nameNode, 's3', 'DeleteObjects', null, text, base.resource);
        else unresolved(nameNode, `${text}: not an operation the analysis knows`);
        continue;
      }
      if (base.k === 'resource') {
        if (method === 'get_queue_by_name' && base.service === 'sqs') add(n, nameNode, 'sqs', 'GetQueueUrl', args, text);
        else if (!own(SUB_TYPES, `${base.service}.${method}`)) {
          const op = findOperation(base.service, method);
          if (op) add(n, nameNode, base.service, op, args, text);
          else unresolved(nameNode, `${text}: a resource method the analysis does not follow`);
        }
      }
    }
    return out;
  }

  /** Whether the client or resource an expression leads to was made with credentials of its own. */
  private credentialed(n: PySyntax | null | undefined, depth = 0): boolean {
    if (!n || depth > MAX_DEPTH) return false;
    const key = `${n.startIndex}:${n.endIndex}:${n.type}:${depth}`;
    let known = this.credMemo.get(key);
    if (known === undefined) this.credMemo.set(key, (known = this.credentialedNow(n, depth)));
    return known;
  }

  private credentialedNow(n: PySyntax, depth: number): boolean {
    const t = this.evalP(n);
    if (t && (t.k === 'client' || t.k === 'resource') && t.ownCredentials) return true;
    if (n.type === 'identifier') return (this.names.get(n.text) ?? []).slice(0, MAX_DECLS).some((e) => this.credentialed(e, depth + 1));
    if (n.type === 'call' || n.type === 'attribute') return this.credentialed(n.childForFieldName('function') ?? n.childForFieldName('object'), depth + 1);
    return false;
  }

  private powertools(out: { node: PySyntax; call?: AwsCall }[], node: PySyntax, at: PySyntax, pc: PowertoolsCall, args: PySyntax | null): void {
    const src = pc.resourceFrom === 'arg' ? (positional(args, 0) ?? keyword(args, 'name')) : pc.resourceFrom ? keyword(args, pc.resourceFrom) : undefined;
    const needs = operationActions(pc.service, pc.op);
    out.push({ node, call: { span: this.span(at), service: pc.service, operation: pc.op, actions: needs.actions, possible: [], resource: toRef(this.evalP(src)), text: pc.text } });
  }
}

/** The calls one Python handler can make, through the local modules it imports. */
export function pythonFunctionCalls(entry: CodeFile, handlerName: string | undefined, load: (f: string) => CodeFile | undefined, codeRoot = path.dirname(entry.file)): FunctionCalls {
  const exists = (f: string) => load(f) !== undefined;
  const files = new Map<string, PyFile | null>();
  const pyFile = (file: string): PyFile | undefined => {
    if (files.has(file)) return files.get(file) ?? undefined;
    files.set(file, null);
    const code = load(file);
    const root = code ? pythonSyntax(code) : undefined;
    const f = code && root ? new PyFile(code, root, codeRoot, exists, other) : undefined;
    files.set(file, f ?? null);
    return f;
  };
  let hops = 0;
  const other = (file: string, name: string | 'all'): Py | undefined => {
    if (name === 'all') return { k: 'local', file, name: 'all' };
    if (hops > 8) return undefined;
    hops++;
    try {
      return pyFile(file)?.valueOf(name);
    } finally {
      hops--;
    }
  };
  const out: FunctionCalls = { calls: [], unresolved: [], files: [] };
  if (!pythonSyntax(entry)) {
    out.unresolved.push({ span: { file: entry.file, start: 0, end: 0 }, reason: 'the Python parser is not loaded' });
    return out;
  }
  const seeds = new Map<string, Seeds>([[entry.file, new Set(handlerName ? [handlerName] : [])]]);
  const queue = [entry.file];
  const done = new Map<string, { calls: AwsCall[]; unresolved: Unresolved[] }>();
  let steps = 0;
  while (queue.length > 0 && steps++ < MAX_FILES * 4) {
    const file = queue.shift()!;
    const f = pyFile(file);
    if (!f) continue;
    const r = reached(f.root, seeds.get(file)!);
    const units = f.root.namedChildren;
    const keep = (n: PySyntax) => r.has(unitIndex(units, n));
    const sites = f.collect().filter((s) => keep(s.node));
    done.set(file, {
      calls: sites.flatMap((s) => (s.call ? [s.call] : [])),
      unresolved: [...sites.flatMap((s) => (s.u ? [s.u] : [])), ...f.unresolved.filter((u) => keep(u.node)).map((u) => u.u)],
    });
    for (const imp of f.imports.filter((i) => keep(i.node))) {
      const before = seeds.get(imp.file);
      const merged: Seeds = before === 'all' || imp.seeds === 'all' ? 'all' : new Set([...(before ?? []), ...imp.seeds]);
      const grew = before === undefined || (merged === 'all' ? before !== 'all' : merged.size !== (before as Set<string>).size);
      if (!grew) continue;
      if (before === undefined && seeds.size >= MAX_FILES) {
        out.unresolved.push({ span: f.span(imp.node), reason: `imports more than ${MAX_FILES} local modules: the rest are not analysed` });
        continue;
      }
      seeds.set(imp.file, merged);
      queue.push(imp.file);
    }
  }
  for (const [file, r] of done) {
    out.files.push(file);
    out.calls.push(...r.calls);
    out.unresolved.push(...r.unresolved);
  }
  return out;
}
