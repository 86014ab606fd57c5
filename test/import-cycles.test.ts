// No runtime import cycles in server/src: a module graph with cycles initialises in an order that
// depends on who imports first (a constant read before its module ran is `undefined`). Type-only
// imports (`import type`, `import { type X }`) are erased by the compiler and do not count.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const SRC = path.join(__dirname, '..', '..', 'server', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The local modules a file imports at run time (type-only imports and specifiers left out). */
export function runtimeImports(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const add = (spec: string) => {
    if (!spec.startsWith('.')) return;
    const base = path.resolve(path.dirname(file), spec.replace(/\.js$/, ''));
    for (const cand of [base + '.ts', path.join(base, 'index.ts')]) if (fs.existsSync(cand)) return void out.push(cand);
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = !!clause && !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) add(st.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) && !st.isTypeOnly) {
      add(st.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(st) && !st.isTypeOnly && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      add(st.moduleReference.expression.text);
    }
  }
  return out;
}

/** Every cycle of the graph, as the list of files on it (one entry per strongly connected component). */
export function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const start of graph.keys()) {
    if (idx.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    idx.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const edges = graph.get(top.node) ?? [];
      if (top.next < edges.length) {
        const w = edges[top.next++];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === idx.get(top.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.node);
        if (comp.length > 1 || (graph.get(top.node) ?? []).includes(top.node)) out.push(comp.sort());
      }
    }
  }
  return out;
}

describe('module structure', () => {
  it('has no runtime import cycle in server/src (type-only imports allowed)', () => {
    const graph = new Map<string, string[]>();
    for (const f of sourceFiles(SRC)) graph.set(f, runtimeImports(f, fs.readFileSync(f, 'utf8')));
    const found = cycles(graph).map((c) => c.map((f) => path.relative(SRC, f)));
    assert.deepEqual(found, [], `runtime import cycles:\n${found.map((c) => '  ' + c.join(' <-> ')).join('\n')}`);
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    assert.deepEqual(cycles(g), [['a', 'b', 'c']]);
    const dir = path.join(SRC, 'engine');
    assert.deepEqual(runtimeImports(path.join(dir, 'x.ts'), "import type { A } from './types.js';\nimport { type B } from './rule.js';\nimport { Engine } from './engine.js';\n"), [path.join(dir, 'engine.ts')]);
  });
});
