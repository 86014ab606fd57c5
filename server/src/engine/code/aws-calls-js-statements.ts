// The AWS-call facts of a JS/TS file being edited, kept per top-level statement. An incremental
// parse hands the statements an edit does not touch over to the new tree as the same objects
// (code/parse.ts); what such a statement declares is the same, and so are its call sites' results
// if every name, declaration list and local export they read means the same in the new version.
// So a keystroke reads the names of the whole file (cheap) but walks only the statement it is in.
// A file parsed from scratch (a scan) keeps nothing here: aws-calls-js.ts walks it in one pass.
import ts from 'typescript';
import { statementNodes } from './syntax-index.js';
import type { AwsCall, Seeds, Unresolved } from './aws-calls-types.js';
import type { Thing } from './aws-calls-js-packages.js';

/** A local import: specifier, what is imported, and the node that imports it. */
export interface ImportEntry {
  spec: string;
  seeds: Seeds;
  node: ts.Node;
  locals?: Map<string, string>;
}

/** Where what a node declares goes (the file's tables, or a statement's list of them). */
export interface DeclSink {
  decl(name: string, e: ts.Expression): void;
  bind(local: string, spec: string, name: string): void;
  local(i: ImportEntry): void;
  wrapper(node: ts.Node, pkg: string): void;
}

type DeclOp = { k: 'decl'; name: string; e: ts.Expression } | { k: 'bind'; local: string; spec: string; name: string } | { k: 'local'; i: ImportEntry } | { k: 'wrapper'; node: ts.Node; pkg: string };

/** Functions a statement defines (by name, with their parameters) and the calls of a name it makes. */
export interface ParamFacts {
  declared: [string, string[]][];
  assigned: [string, string[]][];
  calls: [string, ts.NodeArray<ts.Expression>][];
}

/** One read of the file's names by a statement's call sites, with what it gave. */
export type Read =
  | { k: 'v'; name: string; depth: number; out: Thing | undefined }
  | { k: 'fn'; name: string; out: boolean }
  | { k: 'decls'; name: string; out: readonly ts.Expression[] | undefined }
  | { k: 'local'; spec: string; name: string; out: Thing | undefined }
  | { k: 'export'; file: string; name: string; out: Thing | undefined };

export interface CallEntry {
  node: ts.Node;
  at: ts.Node;
  call: AwsCall;
}

export interface UnresolvedEntry {
  node: ts.Node;
  at: ts.Node;
  u: Unresolved;
}

/** What a statement's call sites found, and what they read to find it. */
export interface Collected {
  depth: number;
  reads: Read[];
  calls: CallEntry[];
  unresolved: UnresolvedEntry[];
  imports: ImportEntry[];
  excluded: ts.Node[];
}

const declared = new WeakMap<ts.Statement, DeclOp[]>();
const params = new WeakMap<ts.Statement, ParamFacts>();
const collected = new WeakMap<ts.Statement, Collected>();

/** Replays what the statement declares into `sink`, walking it only the first time. */
export function declareStatement(sf: ts.SourceFile, st: ts.Statement, declare: (n: ts.Node, sink: DeclSink) => void, sink: DeclSink): void {
  let ops = declared.get(st);
  if (!ops) {
    const list: DeclOp[] = [];
    const rec: DeclSink = {
      decl: (name, e) => void list.push({ k: 'decl', name, e }),
      bind: (local, spec, name) => void list.push({ k: 'bind', local, spec, name }),
      local: (i) => void list.push({ k: 'local', i }),
      wrapper: (node, pkg) => void list.push({ k: 'wrapper', node, pkg }),
    };
    for (const n of statementNodes(sf, st)) declare(n, rec);
    declared.set(st, (ops = list));
  }
  for (const op of ops) {
    if (op.k === 'decl') sink.decl(op.name, op.e);
    else if (op.k === 'bind') sink.bind(op.local, op.spec, op.name);
    else if (op.k === 'local') sink.local(op.i);
    else sink.wrapper(op.node, op.pkg);
  }
}

/** The functions a statement defines and the calls of a name it makes (for binding arguments to parameters). */
export function paramFacts(sf: ts.SourceFile, st: ts.Statement, unwrap: (e: ts.Expression) => ts.Expression): ParamFacts {
  let f = params.get(st);
  if (f) return f;
  f = { declared: [], assigned: [], calls: [] };
  const names = (fn: ts.SignatureDeclaration) => fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  for (const n of statementNodes(sf, st)) {
    if (ts.isFunctionDeclaration(n) && n.name) f.declared.push([n.name.text, names(n)]);
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = unwrap(n.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) f.assigned.push([n.name.text, names(init)]);
    } else if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      if (ts.isIdentifier(callee)) f.calls.push([callee.text, n.arguments]);
    }
  }
  params.set(st, f);
  return f;
}

export function collectedOf(st: ts.Statement, depth: number): Collected | undefined {
  const c = collected.get(st);
  return c?.depth === depth ? c : undefined;
}

export function keepCollected(st: ts.Statement, c: Collected): void {
  collected.set(st, c);
}

/** Whether two declaration lists are the same nodes. */
export function sameList(a: readonly ts.Expression[] | undefined, b: readonly ts.Expression[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}
