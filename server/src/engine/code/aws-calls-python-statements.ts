// The AWS-call facts of a Python file being edited, kept per top-level statement, as for JS/TS
// (aws-calls-js-statements.ts): the plain AST takes the statements an edit does not touch over to the
// new version as the same objects (code/python-ast.ts), so what they assign, define and call by name
// is kept with them, and so are their call sites' results while every name, function and credential
// check they read gives what it gave. Nodes are kept by identity and read through a view of the
// current version (a view reads its own version's text). Imports are read again each time: where a
// module resolves to depends on the files of the workspace, not on the statement.
import type { PySyntax } from './python-nodes.js';
import type { AwsCall, Unresolved } from './aws-calls-types.js';
import type { Py } from './aws-calls-python-values.js';
import { paramNames } from './aws-calls-python-syntax.js';

/** An argument of a call of a name: its kind, its keyword, and its value. */
interface ArgFact {
  type: string;
  keyword?: string;
  value?: object;
}

/** What a statement assigns (by name), its imports, the functions it defines, and its calls of a name. */
export interface PyFacts {
  names: [string, object][];
  imports: object[];
  defs: [string, string[]][];
  calls: [string, ArgFact[]][];
}

/** One read of the file's names by a statement's call sites, with what it gave. */
export type PyRead =
  | { k: 'v'; name: string; depth: number; out: Py | undefined }
  | { k: 'fn'; name: string; out: boolean }
  | { k: 'cred'; node: object; out: boolean }
  | { k: 'other'; file: string; name: string; out: Py | undefined };

/** A call site's finding (a call or an unresolved site), with the node whose span it has. */
export interface Site {
  node: PySyntax;
  at: PySyntax;
  call?: AwsCall;
  u?: Unresolved;
}

export interface PyCollected {
  reads: PyRead[];
  sites: Site[];
}

const facts = new WeakMap<object, PyFacts>();
const collected = new WeakMap<object, PyCollected>();

/** The assignment key of a left-hand side: a name, or `self.x`. */
export function assignedKey(left: PySyntax): string | undefined {
  if (left.type === 'identifier') return left.text;
  return left.type === 'attribute' && left.childForFieldName('object')?.text === 'self' ? `self.${left.childForFieldName('attribute')?.text}` : undefined;
}

/** A statement's facts, read from it the first time. */
export function statementFacts(st: PySyntax): PyFacts {
  let f = facts.get(st.identity);
  if (f) return f;
  f = { names: [], imports: [], defs: [], calls: [] };
  for (const a of st.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    const key = left && right ? assignedKey(left) : undefined;
    if (key) f.names.push([key, right!.identity]);
  }
  for (const imp of st.descendantsOfType(['import_statement', 'import_from_statement'])) f.imports.push(imp.identity);
  for (const d of st.descendantsOfType('function_definition')) {
    const name = d.childForFieldName('name')?.text;
    if (name) f.defs.push([name, paramNames(d.childForFieldName('parameters'))]);
  }
  for (const c of st.descendantsOfType('call')) {
    const fn = c.childForFieldName('function');
    if (fn?.type !== 'identifier') continue;
    const args = (c.childForFieldName('arguments')?.namedChildren ?? []).map((a): ArgFact =>
      a.type === 'keyword_argument' ? { type: a.type, keyword: a.childForFieldName('name')?.text, value: a.childForFieldName('value')?.identity } : { type: a.type, value: a.identity });
    f.calls.push([fn.text, args]);
  }
  facts.set(st.identity, f);
  return f;
}

export function collectedOf(st: PySyntax): PyCollected | undefined {
  return collected.get(st.identity);
}

export function keepCollected(st: PySyntax, c: PyCollected): void {
  collected.set(st.identity, c);
}
