// The AWS API calls of a JS/TS module: SDK v3 commands (whoever sends them: `client.send`, a
// presigner, a helper), v3 aggregated clients, lib-dynamodb, lib-storage `Upload`, paginators and
// presigned posts; SDK v2 clients and the DocumentClient (with or without `.promise()`); and the
// Powertools utilities that call AWS. Values are followed by name through declarations, imports
// (local modules too) and `this.x` fields; nothing is executed. A call on a client that the
// analysis cannot name (a computed method, a command it cannot see) is reported as unresolved.
import ts from 'typescript';
import { allNodes, statementNodes } from './syntax-index.js';
import { moduleUnits, unitOf } from './js-units.js';
import type { AwsCall, ResourceRef, Seeds, Unresolved } from './aws-calls-types.js';
import { documentClientOperation, findOperation, operationActions } from '../iam/operations.js';
import { powertoolsCalls, POWERTOOLS_JS, type PowertoolsCall } from './aws-calls-powertools.js';
import { own, toResource, WRAPPERS, type Thing } from './aws-calls-js-packages.js';
import { propValue, readRequest, requiredNames, unwrap, type RequestFacts } from './aws-calls-js-input.js';
import { sameValue } from './aws-calls-types.js';
import { collectedOf, keepCollected, sameList, type CallEntry, type Collected, type Read } from './aws-calls-js-statements.js';
import { JsNames, MAX_DECLS } from './aws-calls-js-names.js';

export type { Thing } from './aws-calls-js-packages.js';

/** Methods of a client that are not API calls. */
const CLIENT_NON_CALLS = new Set(['destroy', 'config', 'middlewareStack', 'on', 'setupRequestListeners', 'constructor', 'createSet', 'makeUnauthenticatedRequest', 'then', 'catch', 'bind', 'toString']);

/** Functions that take a client and a command the analysis counts where it is built. */
const PRESIGNERS = /^(getSignedUrl|createPresignedPost|AWSXRay\.captureAWSv3Client|captureAWSv3Client|tracer\.captureAWSv3Client)$/;

export type { JsContext } from './aws-calls-js-names.js';

/** A module's call sites (its names are read by JsNames). */
export class JsFile extends JsNames {
  readonly calls: CallEntry[] = [];
  /** Commands sent by a client with credentials of its own: not calls of the function's role. */
  private readonly excluded = new Set<ts.Node>();

  // ---- call sites ----

  /** Finds every call site; `included` keeps only those in reached units. */
  collect(): void {
    if (this.incremental) return this.collectByStatement();
    for (const n of allNodes(this.sf)) {
      if (n.kind === ts.SyntaxKind.NewExpression) this.onNew(n as ts.NewExpression);
      else if (n.kind === ts.SyntaxKind.CallExpression) this.onCall(n as ts.CallExpression);
    }
  }

  /**
   * The call sites statement by statement: a statement the edit did not touch whose reads still give
   * what they gave keeps its findings (their spans read again from its moved nodes).
   */
  private collectByStatement(): void {
    for (const st of this.sf.statements) {
      const kept = collectedOf(st, this.depth);
      if (kept && this.readsHold(kept.reads)) {
        for (const c of kept.calls) this.calls.push({ ...c, call: { ...c.call, span: this.span(c.at) } });
        for (const u of kept.unresolved) this.unresolved.push({ ...u, u: { ...u.u, span: this.span(u.at) } });
        this.imports.push(...kept.imports);
        for (const n of kept.excluded) this.excluded.add(n);
        continue;
      }
      const c: Collected = { depth: this.depth, reads: [], calls: [], unresolved: [], imports: [], excluded: [] };
      const [c0, u0, i0] = [this.calls.length, this.unresolved.length, this.imports.length];
      this.excludedNow = c.excluded;
      try {
        this.log.during(c.reads, () => {
          for (const n of statementNodes(this.sf, st)) {
            if (n.kind === ts.SyntaxKind.NewExpression) this.onNew(n as ts.NewExpression);
            else if (n.kind === ts.SyntaxKind.CallExpression) this.onCall(n as ts.CallExpression);
          }
        });
      } finally {
        this.excludedNow = undefined;
      }
      c.calls = this.calls.slice(c0);
      c.unresolved = this.unresolved.slice(u0);
      c.imports = this.imports.slice(i0);
      keepCollected(st, c);
    }
  }

  /** Reads again, in their order, what a statement's call sites read; false at the first that differs. */
  private readsHold(reads: readonly Read[]): boolean {
    for (const r of reads) {
      if (r.k === 'v' ? !sameValue(this.valueOfName(r.name, r.depth), r.out)
        : r.k === 'fn' ? this.fns.has(r.name) !== r.out
        : r.k === 'decls' ? !sameList(this.decls.get(r.name), r.out)
        : r.k === 'local' ? !sameValue(this.ctx.localValue(this.code.file, r.spec, 'all', this.depth + 1), r.out)
        : !sameValue(this.ctx.exportOf(r.file, r.name, this.depth + 1), r.out)) return false;
    }
    return true;
  }

  private excludedNow?: ts.Node[];

  private exclude(n: ts.Node): void {
    this.excluded.add(n);
    this.excludedNow?.push(n);
  }

  private addCall(node: ts.Node, at: ts.Node, service: string, op: string, input: ts.Expression | undefined, text: string): void {
    const { params, resource, content } = this.readInput(service, op, input);
    const needs = operationActions(service, op, params, content);
    if (!needs.known) {
      this.unresolved.push({ node, at, u: { span: this.span(at), reason: `${text}: the IAM action of ${op} is not known` } });
      return;
    }
    this.calls.push({ node, at, call: { span: this.span(at), service, operation: op, actions: needs.actions, possible: needs.possible, resource, text } });
  }

  private unresolvedAt(node: ts.Node, reason: string): void {
    this.unresolved.push({ node, at: node, u: { span: this.span(node), reason } });
  }

  private onNew(n: ts.NewExpression): void {
    const callee = unwrap(n.expression);
    const c = this.evalE(callee);
    const arg = n.arguments?.[0];
    if (c?.k === 'commandClass') this.addCall(n, callee, c.service, c.op, arg, callee.getText(this.sf));
    else if (c?.k === 'upload') {
      const params = arg && ts.isObjectLiteralExpression(unwrap(arg)) ? propValue(unwrap(arg) as ts.ObjectLiteralExpression, 'params') : undefined;
      this.addCall(n, callee, 's3', 'PutObject', params, 'Upload');
      if (arg && ts.isObjectLiteralExpression(unwrap(arg)) && propValue(unwrap(arg) as ts.ObjectLiteralExpression, 'tags')) this.addCall(n, callee, 's3', 'PutObjectTagging', params, 'Upload (tags)');
    } else if (c?.k === 'powertoolsClass') {
      const calls = powertoolsCalls(c.name, 'constructor');
      for (const pc of calls) this.addPowertools(n, callee, pc, undefined, arg);
    } else if (ts.isElementAccessExpression(callee)) {
      const base = this.evalE(callee.expression);
      if (base && (base.k === 'v2ns' || base.k === 'v3ns')) this.unresolvedAt(callee, `${callee.getText(this.sf)}: a client or command chosen by a computed name`);
    }
  }

  private onCall(n: ts.CallExpression): void {
    const callee = unwrap(n.expression);
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
    if (isImport && n.arguments.length === 1) {
      const a = n.arguments[0];
      if (!ts.isStringLiteralLike(a)) this.unresolvedAt(n, `${callee.getText(this.sf)}() of a module chosen at run time`);
      else if (a.text.startsWith('.')) this.imports.push({ spec: a.text, node: n, ...requiredNames(n) });
      else if (WRAPPERS.test(a.text) && !own(POWERTOOLS_JS, a.text)) this.wrapperUse(n, a.text);
      return;
    }
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      const recv = this.evalE(callee.expression);
      if (!recv) return;
      if (recv.k === 'client') this.onClientCall(n, callee, recv);
      else if (recv.k === 'powertoolsObject' && ts.isPropertyAccessExpression(callee)) {
        for (const pc of powertoolsCalls(recv.name, callee.name.text)) this.addPowertools(n, callee.name, pc, n.arguments[0], recv.config);
      }
      return;
    }
    const f = this.evalE(callee);
    if (!(ts.isIdentifier(callee) && this.hasFunction(callee.text)) && f?.k !== 'passthrough' && f?.k !== 'paginator' && f?.k !== 'presignedPost') {
      for (const a of n.arguments) {
        const t = ts.isIdentifier(unwrap(a)) ? this.evalE(a) : undefined;
        if (t?.k === 'client' && !t.ownCredentials && !PRESIGNERS.test(callee.getText(this.sf))) this.unresolvedAt(n, `passes an AWS client to ${callee.getText(this.sf).slice(0, 40)}, which the analysis does not follow`);
      }
    }
    if (!f) return;
    if (f.k === 'waiter') this.unresolvedAt(n, `${f.name}: a waiter, whose polling calls are not followed`);
    if (f.k === 'paginator') this.addCall(n, callee, f.service, f.op, n.arguments[1], callee.getText(this.sf));
    else if (f.k === 'presignedPost') this.addCall(n, callee, 's3', 'PutObject', n.arguments[1], 'createPresignedPost');
    else if (f.k === 'powertools') for (const pc of f.calls) this.addPowertools(n, callee, pc, n.arguments[0], n.arguments[1]);
  }

  private onClientCall(n: ts.CallExpression, callee: ts.PropertyAccessExpression | ts.ElementAccessExpression, c: Extract<Thing, { k: 'client' }>): void {
    if (ts.isElementAccessExpression(callee)) {
      if (!ts.isStringLiteralLike(callee.argumentExpression)) {
        this.unresolvedAt(callee, `${callee.getText(this.sf)}: a method chosen by a computed name`);
        return;
      }
    }
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : (callee.argumentExpression as ts.StringLiteralLike).text;
    const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee.argumentExpression;
    const text = `${callee.expression.getText(this.sf)}.${method}`;
    if (CLIENT_NON_CALLS.has(method)) return;
    if (c.ownCredentials) {
      const arg = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
      if (arg && ts.isNewExpression(arg)) this.exclude(arg);
      else if (arg && ts.isIdentifier(arg)) for (const d of this.declsOf(arg.text) ?? []) this.exclude(unwrap(d));
      return;
    }
    if (method === 'send' && (c.flavour === 'v3' || c.flavour === 'v3doc' || c.flavour === 'agg' || c.flavour === 'aggdoc')) {
      const arg = n.arguments[0];
      const t = arg ? this.evalE(arg) : undefined;
      if (t?.k === 'command') return; // counted where the command is built
      this.unresolvedAt(at, `${text}(...): sends a command the analysis cannot name`);
      return;
    }
    let op: string | undefined;
    let input = n.arguments[0];
    const service = c.service;
    if (c.flavour === 'v2doc' || c.flavour === 'aggdoc') op = documentClientOperation(method);
    else if (c.flavour === 'v2' || c.flavour === 'agg') {
      if (c.flavour === 'v2' && (method === 'getSignedUrl' || method === 'getSignedUrlPromise' || method === 'makeRequest')) {
        const name = n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) ? n.arguments[0].text : undefined;
        op = name ? findOperation(service, name) : undefined;
        input = n.arguments[1];
      } else if (c.flavour === 'v2' && method === 'waitFor') {
        this.unresolvedAt(at, `${text}: a waiter, whose polling calls are not followed`);
        return;
      } else if (c.flavour === 'v2' && service === 's3' && method === 'upload') op = 'PutObject';
      else if (c.flavour === 'v2' && service === 's3' && method === 'createPresignedPost') op = 'PutObject';
      else op = findOperation(service, method);
    }
    if (!op) {
      this.unresolvedAt(at, `${text}: not an operation the analysis knows`);
      return;
    }
    this.addCall(n, at, service, op, input, text);
  }

  private addPowertools(node: ts.Node, at: ts.Node, pc: PowertoolsCall, nameArg: ts.Expression | undefined, config: ts.Expression | undefined): void {
    let resource: ResourceRef | undefined;
    const src = pc.resourceFrom === 'arg' ? nameArg : pc.resourceFrom && config && ts.isObjectLiteralExpression(unwrap(config)) ? propValue(unwrap(config) as ts.ObjectLiteralExpression, pc.resourceFrom) : undefined;
    if (src) resource = toResource(this.evalE(src));
    const needs = operationActions(pc.service, pc.op);
    this.calls.push({ node, at, call: { span: this.span(at), service: pc.service, operation: pc.op, actions: needs.actions, possible: [], resource, text: pc.text } });
  }

  /** The request: parameter names it sets, the resource it names, and transaction/PartiQL content. */
  private readInput(service: string, op: string, input: ts.Expression | undefined): RequestFacts {
    return readRequest(service, op, this.objectOf(input), (e) => this.evalE(e));
  }

  /** An object literal an input is, directly or through a `const params = {...}`. */
  private objectOf(input: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (!input || depth > 3) return undefined;
    const e = unwrap(input);
    if (ts.isObjectLiteralExpression(e)) return e;
    if (ts.isIdentifier(e)) {
      const ds = (this.declsOf(e.text) ?? []).slice(0, MAX_DECLS);
      for (const d of ds) {
        const o = this.objectOf(d, depth + 1);
        if (o) return o;
      }
    }
    return undefined;
  }

  /** The calls and unresolved sites in the reached units. */
  results(reached: Set<number>): { calls: AwsCall[]; unresolved: Unresolved[]; imports: { spec: string; seeds: Seeds }[] } {
    const units = moduleUnits(this.sf);
    const keep = (n: ts.Node) => reached.has(unitOf(units, n));
    // A named import counts for the names that the reached code, other than the import itself, uses:
    // how many reached units reference each name, less the importing unit.
    const counts = new Map<string, number>();
    for (const i of reached) for (const r of units.refs[i]) counts.set(r, (counts.get(r) ?? 0) + 1);
    const imports = this.imports.filter((i) => keep(i.node)).map((i) => {
      if (i.seeds === 'all' || !i.locals) return i;
      const mine = units.refs[unitOf(units, i.node)];
      const used = (name: string) => (counts.get(name) ?? 0) - (mine?.has(name) ? 1 : 0) > 0;
      return { ...i, seeds: new Set([...i.locals].filter(([local]) => used(local)).map(([, imported]) => imported)) };
    });
    return {
      calls: this.calls.filter((c) => keep(c.node) && !this.excluded.has(c.node)).map((c) => c.call),
      unresolved: this.unresolved.filter((u) => keep(u.node)).map((u) => u.u),
      imports,
    };
  }
}
