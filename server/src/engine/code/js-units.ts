// The top-level units of a JS/TS module and which of them a caller reaches: a handler export, or
// the names another module imports, and what those reference by name, transitively. Code in a unit
// that holds no function (`const s3 = new S3Client()`, a top-level `await`) runs on load, so it is
// always reached. Used to tell which AWS calls one handler of a many-handler file can make.
import ts from 'typescript';
import { allNodes, isEditedTree, statementNodes } from './syntax-index.js';
import { moduleExports } from './exports.js';
import type { Seeds } from './aws-calls-types.js';

export interface Units {
  statements: readonly ts.Statement[];
  /** Unit index -> names it defines. */
  defines: string[][];
  /** Unit index -> identifier texts it references. */
  refs: Set<string>[];
  /** Units that hold a function (run only when reached). */
  isFn: boolean[];
  byName: Map<string, number[]>;
}

const cache = new WeakMap<ts.SourceFile, Units>();

function isFunctionLike(n: ts.Node): boolean {
  return ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isClassExpression(n);
}

/** `exports.x = ...`, `module.exports.x = ...`: x. */
function exportTarget(e: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const t = e.expression;
  const isExports = (ts.isIdentifier(t) && t.text === 'exports') || (ts.isPropertyAccessExpression(t) && ts.isIdentifier(t.expression) && t.expression.text === 'module' && t.name.text === 'exports');
  return isExports ? e.name.text : undefined;
}

/** Whether an initializer holds a function directly or as a wrapper's argument (`middy(async () => ...)`). */
function holdsFunction(e: ts.Node | undefined, depth = 0): boolean {
  if (!e || depth > 6) return false;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (isFunctionLike(e)) return true;
  if (ts.isCallExpression(e)) return e.arguments.some((a) => holdsFunction(a, depth + 1)) || holdsFunction(e.expression, depth + 1);
  if (ts.isPropertyAccessExpression(e)) return holdsFunction(e.expression, depth + 1);
  if (ts.isObjectLiteralExpression(e)) return e.properties.length > 0 && e.properties.every((p) => ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && (holdsFunction(p.initializer, depth + 1) || ts.isIdentifier(p.initializer))));
  return false;
}

export function moduleUnits(sf: ts.SourceFile): Units {
  const hit = cache.get(sf);
  if (hit) return hit;
  const statements = sf.statements;
  const defines: string[][] = [];
  const isFn: boolean[] = [];
  const refs: Set<string>[] = [];
  for (const st of statements) {
    const u = unitFacts(sf, st);
    defines.push(u.names);
    isFn.push(u.fn);
    refs.push(u.refs);
  }
  const byName = new Map<string, number[]>();
  defines.forEach((names, i) => {
    for (const name of names) (byName.get(name) ?? byName.set(name, []).get(name)!).push(i);
  });
  const units = { statements, defines, refs, isFn, byName };
  cache.set(sf, units);
  return units;
}

/**
 * What one top-level statement defines and references, kept per statement: the incremental parse
 * hands the statements an edit does not touch over as the same node objects, whole subtrees.
 */
const facts = new WeakMap<ts.Statement, { names: string[]; fn: boolean; refs: Set<string> }>();

function unitFacts(sf: ts.SourceFile, st: ts.Statement): { names: string[]; fn: boolean; refs: Set<string> } {
  const kept = facts.get(st);
  if (kept) return kept;
  const names: string[] = [];
  let fn = false;
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
    names.push(st.name.text);
    fn = true;
  } else if (ts.isVariableStatement(st)) {
    const ds = st.declarationList.declarations;
    for (const d of ds) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    fn = ds.length > 0 && ds.every((d) => holdsFunction(d.initializer));
  } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const name = exportTarget(st.expression.left);
    if (name) names.push(name);
    fn = holdsFunction(st.expression.right);
  } else if (ts.isExportAssignment(st)) {
    names.push('default');
    fn = holdsFunction(st.expression);
  }
  // The identifiers of the statement (its nodes, in document order).
  const refs = new Set<string>();
  for (const n of statementNodes(sf, st)) if (n.kind === ts.SyntaxKind.Identifier) refs.add((n as ts.Identifier).text);
  const out = { names, fn, refs };
  // Kept for a file being edited (a tree parsed from scratch is read once: its units hold these).
  if (isEditedTree(sf)) facts.set(st, out);
  return out;
}

/** The unit (statement index) that holds a node. */
export function unitOf(units: Units, node: ts.Node): number {
  const st = units.statements;
  let lo = 0;
  let hi = st.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (node.pos >= st[mid].end) lo = mid + 1;
    else if (node.end <= st[mid].pos) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Identifier texts inside one node. */
function refsWithin(sf: ts.SourceFile, node: ts.Node): Set<string> {
  const out = new Set<string>();
  const all = allNodes(sf);
  // Nodes are in document order, so their starts never decrease: find the first one inside.
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].pos < node.pos) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < all.length && all[i].pos < node.end; i++) {
    const n = all[i];
    if (n.kind === ts.SyntaxKind.Identifier) out.add((n as ts.Identifier).text);
  }
  return out;
}

/** The units reached from the seeds (export names, or all), through references by name. */
export function reachedUnits(sf: ts.SourceFile, seeds: Seeds): Set<number> {
  const units = moduleUnits(sf);
  const out = new Set<number>();
  if (seeds === 'all') {
    units.statements.forEach((_, i) => out.add(i));
    return out;
  }
  const queue: number[] = [];
  const add = (i: number) => {
    if (i >= 0 && !out.has(i)) out.add(i), queue.push(i);
  };
  units.isFn.forEach((fn, i) => !fn && add(i));
  const exports = moduleExports(sf);
  for (const name of seeds) {
    for (const i of units.byName.get(name) ?? []) add(i);
    const node = exports.get(name);
    if (node) add(unitOf(units, node));
    // `module.exports = { create, get }` is a unit that holds every export: follow the one asked for.
    if (node && ts.isIdentifier(node)) for (const i of units.byName.get(node.text) ?? []) add(i);
    if (node && ts.isShorthandPropertyAssignment(node)) for (const i of units.byName.get(node.name.text) ?? []) add(i);
    // `module.exports = { get: async () => ... }`: what that one member references.
    if (node && !ts.isIdentifier(node)) for (const r of refsWithin(sf, node)) for (const i of units.byName.get(r) ?? []) add(i);
  }
  // Each name's defining units are followed once: a name declared in thousands of statements
  // (`var params` again and again) must not make this quadratic.
  const followed = new Set<string>();
  while (queue.length > 0) {
    const i = queue.pop()!;
    // A unit holding many exports (`module.exports = {...}`) is entered for one of them: its other
    // members are not reached through it.
    const st = units.statements[i];
    if (ts.isExpressionStatement(st) && units.defines[i].length === 0 && ts.isBinaryExpression(st.expression) && ts.isObjectLiteralExpression(st.expression.right)) continue;
    for (const r of units.refs[i]) {
      if (followed.has(r)) continue;
      followed.add(r);
      for (const j of units.byName.get(r) ?? []) add(j);
    }
  }
  return out;
}
