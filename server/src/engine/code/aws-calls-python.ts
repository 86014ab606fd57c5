// The AWS calls of Python handler code (boto3): clients (`boto3.client('s3')`, sessions), resources
// and their sub-resources (`Table(...)`, `Bucket(...)`, `Object(...)`, `Queue(...)`, `Topic(...)`),
// the S3 transfer helpers, presigned URLs, paginators, and the Powertools parameters and idempotency
// utilities. Read from the syntax `pythonSyntax(code)` gives (the plain AST); values are followed by name through
// assignments and imports, never executed. Local imports are resolved by `resolvePythonImport` (aws-calls-python-values.ts),
// one small function, so that it can give way to the shared resolver of the Python taint work.
import * as path from 'node:path';
import type { CodeFile } from './types.js';
import type { AwsCall, FunctionCalls, ResourceRef, Seeds, Unresolved } from './aws-calls-types.js';
import { pythonSyntax, viewOf, type PySyntax } from './python-nodes.js';
import { PyNames } from './aws-calls-python-names.js';
import { findOperation, operationActions, resourceParam, serviceOfBotoName } from '../iam/operations.js';
import { POWERTOOLS_PY, type PowertoolsCall } from './aws-calls-powertools.js';
import { dictValue, keyword, kwNames, positional, reached, stringValue, unitIndex } from './aws-calls-python-syntax.js';
import { CLIENT_HELPERS, PY_NON_CALLS, SUB_METHODS, SUB_TYPES } from './aws-calls-python-tables.js';
import { own, putEventsBus, toRef, type Py } from './aws-calls-python-values.js';
import { sameValue } from './aws-calls-types.js';
import { collectedOf, keepCollected, type PyCollected, type PyRead, type Site } from './aws-calls-python-statements.js';

const MAX_FILES = 60;

/** A module's call sites (its names are read by PyNames). */
class PyFile extends PyNames {
  /** Every call site in the file (filtered by reached units later). */
  collect(): Site[] {
    if (!this.incremental) return this.collectCalls(this.root.descendantsOfType('call'));
    const out: Site[] = [];
    for (const st of this.root.namedChildren) {
      const kept = collectedOf(st);
      if (kept && this.readsHold(kept.reads)) {
        for (const s of kept.sites) out.push(s.call ? { ...s, call: { ...s.call, span: this.span(s.at) } } : { ...s, u: { ...s.u!, span: this.span(s.at) } });
        continue;
      }
      const c: PyCollected = { reads: [], sites: [] };
      c.sites = this.log.during(c.reads, () => this.collectCalls(st.descendantsOfType('call')));
      keepCollected(st, c);
      out.push(...c.sites);
    }
    return out;
  }

  /** Reads again, in their order, what a statement's call sites read; false at the first that differs. */
  private readsHold(reads: readonly PyRead[]): boolean {
    for (const r of reads) {
      if (r.k === 'v' ? !sameValue(this.valueOfName(r.name, r.depth), r.out)
        : r.k === 'fn' ? this.defs.has(r.name) !== r.out
        : r.k === 'cred' ? this.credentialed(viewOf(this.root, r.node)) !== r.out
        : !sameValue(this.other(r.file, r.name), r.out)) return false;
    }
    return true;
  }

  private collectCalls(calls: PySyntax[]): Site[] {
    const out: Site[] = [];
    const unresolved = (node: PySyntax, reason: string) => out.push({ node, at: node, u: { span: this.span(node), reason } });
    const add = (node: PySyntax, at: PySyntax, service: string, op: string, args: PySyntax | null, text: string, resource?: ResourceRef) => {
      const params = new Set(kwNames(args));
      const rp = resourceParam(service);
      const res = resource ?? (service === 'eventbridge' && op === 'PutEvents' ? putEventsBus(args, (n) => this.evalP(n)) : rp ? toRef(this.evalP(keyword(args, rp.param))) : undefined);
      const needs = operationActions(service, op, params);
      if (!needs.known) return unresolved(at, `${text}: the IAM action of ${op} is not known`);
      out.push({ node, at, call: { span: this.span(at), service, operation: op, actions: needs.actions, possible: needs.possible, resource: res, text } });
    };
    for (const n of calls) {
      const fnNode = n.childForFieldName('function');
      const args = n.childForFieldName('arguments');
      if (!fnNode) continue;
      if (fnNode.type === 'identifier' && fnNode.text === 'getattr') {
        const t = this.evalP(positional(args, 0));
        if (t && (t.k === 'client' || t.k === 'resource' || t.k === 'sub')) unresolved(n, 'getattr() on an AWS client: a method chosen at run time');
        continue;
      }
      if (!(fnNode.type === 'identifier' && this.hasDef(fnNode.text))) {
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
      if ((base.k === 'client' || base.k === 'resource' || base.k === 'sub' || base.k === 'collection') && this.credentialedAt(obj)) continue;
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

  private powertools(out: Site[], node: PySyntax, at: PySyntax, pc: PowertoolsCall, args: PySyntax | null): void {
    const src = pc.resourceFrom === 'arg' ? (positional(args, 0) ?? keyword(args, 'name')) : pc.resourceFrom ? keyword(args, pc.resourceFrom) : undefined;
    const needs = operationActions(pc.service, pc.op);
    out.push({ node, at, call: { span: this.span(at), service: pc.service, operation: pc.op, actions: needs.actions, possible: [], resource: toRef(this.evalP(src)), text: pc.text } });
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
    const r = reached(f.root, seeds.get(file)!, !!f.code.py?.edited);
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
