// The shared syntax index (code/syntax-index.ts) keeps the walk of each top-level statement and
// reuses it for the statements an incremental parse hands over unchanged: after any edit, the index
// must list exactly the nodes of the new tree, in document order, as a fresh walk does.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { parseCode } from '../server/src/engine/code/parse.js';
import { allNodes, nodesOfKind, statementNodes } from '../server/src/engine/code/syntax-index.js';
import type { CodeFile } from '../server/src/engine/code/types.js';

/** Every node of a tree, parents first, in document order: what the index must hold. */
function walk(root: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(root);
  return out;
}

/** The index's nodes of each top-level statement are the statement's own subtree. */
function checkStatements(sf: ts.SourceFile, what: string): void {
  for (const st of sf.statements) assert.deepEqual(statementNodes(sf, st), walk(st), `${what}: statement at ${st.pos}`);
}

/** A small deterministic generator (no Math.random in tests). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
}

const BASE = Array.from({ length: 30 }, (_, i) => [
  `function f${i}(input) {`,
  `  const v = String(input ?? '').trim(); // note ${i}`,
  `  if (v.length > ${i}) { return exec('x ' + v); }`,
  '  return `${v}-' + i + '`;',
  '}',
  '',
].join('\n')).join('\n') + "\nexports.handler = async (event) => f1(event.body);\n";

describe('syntax index', () => {
  it('lists each statement\'s nodes of a tree parsed from scratch, with syntax errors too', () => {
    const sf = parseCode('/ws/b.js', 'const a = f(;\nfunction g( {\nlet x = a.\n', 'js').sf!;
    assert.deepEqual(allNodes(sf), walk(sf));
    checkStatements(sf, 'broken');
  });

  it('lists the nodes of the new tree after 300 random edits of incremental parses, as a fresh walk does', () => {
    const next = rng(7);
    const pieces = ['x', ' ', '\n', '(', ')', '{', '}', "'", '`', '/*', '*/', '//', ';', 'function g() {', ''];
    let code: CodeFile = parseCode('/ws/a.js', BASE, 'js');
    void allNodes(code.sf!);
    checkStatements(code.sf!, 'parsed from scratch');
    let reused = 0;
    for (let i = 0; i < 300; i++) {
      const text = code.text;
      const at = Math.floor(next() * (text.length + 1));
      const del = next() < 0.3 ? Math.floor(next() * 8) : 0;
      const piece = pieces[Math.floor(next() * pieces.length)];
      const before = code.sf!.statements.slice();
      code = parseCode('/ws/a.js', text.slice(0, at) + piece + text.slice(at + del), 'js', code);
      const sf = code.sf!;
      reused += sf.statements.filter((s) => before.includes(s)).length;
      const expected = walk(sf);
      const got = allNodes(sf);
      assert.equal(got.length, expected.length, `edit ${i}: node count`);
      for (let k = 0; k < expected.length; k++) assert.equal(got[k], expected[k], `edit ${i}: node ${k}`);
      const calls = expected.filter((n) => n.kind === ts.SyntaxKind.CallExpression);
      assert.deepEqual(nodesOfKind(sf, ts.SyntaxKind.CallExpression), calls, `edit ${i}: calls`);
      checkStatements(sf, `edit ${i}`);
    }
    // The incremental parse did hand statements over (else this tested only fresh walks).
    assert.ok(reused > 300, `statements reused: ${reused}`);
  });
});
