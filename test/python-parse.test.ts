// Python parsing: the tree-sitter tree is held by the CodeFile (parsed once per version, incrementally
// from the previous version), and the plain AST built from it is the same as a fresh build after any
// sequence of edits, whatever characters they hold (positions are UTF-16 units).
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCode } from '../server/src/engine/code/parse.js';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';
import { pythonTree } from '../server/src/engine/code/python-tree.js';
import { pythonSyntax, type PySyntax } from '../server/src/engine/code/python-nodes.js';
import type { SyntaxNode } from '../server/src/engine/util/tree-sitter.js';
import type { PyNode } from '../server/src/engine/code/python-ast.js';
import type { CodeFile } from '../server/src/engine/code/types.js';

function dump(n: PyNode, out: string[] = [], depth = 0): string[] {
  // Iterative over siblings, recursive over depth: the test inputs are shallow.
  out.push(`${'  '.repeat(depth)}${n.field ? n.field + ':' : ''}${n.type}@${n.start}-${n.end}${n.text ? ' ' + JSON.stringify(n.text) : ''}${n.ops ? ' ' + n.ops.join('|') : ''}`);
  for (const c of n.children) {
    assert.equal(c.parent, n, `parent of ${c.type}@${c.start}`);
    dump(c, out, depth + 1);
  }
  return out;
}

const BASE = [
  'import json',
  'from .db import run',
  '',
  'def helper(x):',
  '    return f"id={x!r} é"',
  '',
  'def lambda_handler(event, context):',
  '    body = json.loads(event["body"])  # 😀 comment',
  '    if body.get("a") not in ALLOWED and body is not None:',
  '        return {"statusCode": 400}',
  '    run("SELECT " + helper(body["q"]))',
  '    return {"statusCode": 200}',
  '',
].join('\n');

/** Asserts that the syntax view of `code` answers as its tree-sitter tree does, comments left out. */
function sameAsTree(code: CodeFile, label: string): void {
  const tree = pythonTree(code)!;
  const fields = tree.language.fields.filter((f): f is string => !!f);
  const named = (n: SyntaxNode) => n.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  const where = (n: SyntaxNode) => `${label}: ${n.type}@${n.startIndex}`;
  const same = (t: SyntaxNode | null, v: PySyntax | null, shallow: boolean): void => {
    if (!t || !v) return assert.equal(v === null, t === null, `presence at ${t ? where(t) : label}`);
    assert.deepEqual([v.type, v.startIndex, v.endIndex, v.text], [t.type, t.startIndex, t.endIndex, t.text], where(t));
    if (shallow) return;
    const tc = named(t);
    assert.equal(v.namedChildCount, tc.length, `children of ${where(t)}`);
    tc.forEach((c, i) => same(c, v.namedChild(i), true));
    for (const f of fields) {
      // A field filled by an anonymous token (a binary operator's `operator`) has no view: see `operators`.
      const inF = t.childForFieldName(f);
      same(inF?.isNamed && inF.type !== 'comment' ? inF : null, v.childForFieldName(f), true);
      const inField: SyntaxNode[] = t.childrenForFieldName(f).filter((c): c is SyntaxNode => !!c && c.isNamed && c.type !== 'comment');
      assert.deepEqual(v.childrenForFieldName(f).map((c) => c.startIndex), inField.map((c) => c.startIndex), `${f} of ${where(t)}`);
    }
    if (t.type === 'comparison_operator') assert.deepEqual(v.operators, t.children.filter((c) => c && !c.isNamed).map((c) => c!.type), `operators of ${where(t)}`);
    assert.equal(v.parent?.startIndex, t.parent?.startIndex, `parent of ${where(t)}`);
  };
  const types = [['call'], ['identifier', 'string', 'attribute'], ['expression_statement', 'call', 'module'], ['decorator', 'comparison_operator', 'function_definition']];
  const descendants = (t: SyntaxNode, v: PySyntax) => {
    for (const list of types) {
      const want = t.descendantsOfType(list).filter((n): n is SyntaxNode => !!n).map((n) => `${n.type}@${n.startIndex}-${n.endIndex}`);
      const got = v.descendantsOfType(list).map((n) => `${n.type}@${n.startIndex}-${n.endIndex}`);
      assert.deepEqual(got, want, `${list.join(',')} under ${where(t)}`);
    }
  };
  // Every node, depth first with an explicit stack; the by-type queries on the module, on each
  // top-level statement and on each block.
  const stack: [SyntaxNode, PySyntax][] = [[tree.rootNode, pythonSyntax(code)!]];
  while (stack.length > 0) {
    const [t, v] = stack.pop()!;
    same(t, v, false);
    if (t.type === 'module' || t.parent?.type === 'module' || t.type === 'block') descendants(t, v);
    named(t).forEach((c, i) => stack.push([c, v.namedChild(i)!]));
  }
}

const VARIED = [
  'import os, json as j',
  'from ..pkg.mod import (a, b as c)  # trailing',
  '# a comment between statements',
  '@app.route("/x", methods=["POST"])',
  'async def view(event: dict, *args, key=1, **kw) -> dict:',
  '    """Doc."""',
  '    # inside',
  '    if event["h"] == os.environ["K"] != None and not x in y:',
  '        return await f(lambda q: q + 1, *args, **kw)[0].attr',
  "    s = f\"{event!r:>10} {1 + 2}\" \"tail\" '\\n'",
  '    with open(p) as fh, ctx() as (a, b):',
  '        data = [i for i in range(3) if i] or {k: v for k, v in kw.items()}',
  '    try:',
  '        pass',
  '    except (ValueError, KeyError) as e:',
  '        raise RuntimeError("x") from e',
  'class C(Base, metaclass=M):',
  '    x: int = 0',
  '    def m(self): return self.x is not None',
  'broken = (1 +',
  'def half(:',
  '    pass',
  '',
].join('\n');

/** A small deterministic generator (no Math.random in tests). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
}

describe('Python parsing', () => {
  it('parses once per version and hands the same tree to every reader', () => {
    const code = parseCode('/ws/a.py', BASE, 'python');
    const t = pythonTree(code);
    assert.ok(t);
    assert.equal(pythonTree(code), t);
    assert.equal(code.py, code.py);
    assert.equal(code.py!.root.children[3].type, 'function_definition');
  });

  it('an incremental parse and a taken-over AST equal a fresh parse, after 200 random edits', () => {
    const next = rng(42);
    const pieces = ['x', ' ', '\n', '    ', 'é', '😀', '"', '(', ')', 'def ', ':', '#', 'if a:\n        b\n', ''];
    let code: CodeFile = parseCode('/ws/a.py', BASE, 'python');
    void code.py;
    for (let i = 0; i < 200; i++) {
      const text = code.text;
      const at = Math.floor(next() * (text.length + 1));
      const del = next() < 0.3 ? Math.floor(next() * 6) : 0;
      const ins = pieces[Math.floor(next() * pieces.length)];
      // Keep surrogate pairs whole, as an editor does.
      const safe = (k: number) => (k > 0 && k < text.length && /[\uDC00-\uDFFF]/.test(text[k]) ? k + 1 : k);
      const a = safe(at);
      const b = safe(Math.min(text.length, a + del));
      const newText = text.slice(0, a) + ins + text.slice(b);
      const nextCode = parseCode('/ws/a.py', newText, 'python', code);
      // Build the AST on most versions (an editor analyses them), not all (some are skipped by the debounce).
      if (i % 5 !== 3) void nextCode.py;
      const fresh = parseCode('/ws/a.py', newText, 'python');
      assert.equal(nextCode.tree!.rootNode.toString(), fresh.tree!.rootNode.toString(), `tree after edit ${i}`);
      assert.deepEqual(dump(nextCode.py!.root), dump(fresh.py!.root), `AST after edit ${i}`);
      if (i % 20 === 0) sameAsTree(nextCode, `edit ${i}`);
      code = nextCode;
    }
  });

  it('answers node queries (children, fields, descendants by type, text) as the tree-sitter tree does, comments left out', () => {
    sameAsTree(parseCode('/ws/v.py', VARIED, 'python'), 'varied');
    sameAsTree(parseCode('/ws/a.py', BASE, 'python'), 'base');
    // After an edit that takes statements over from the previous version, and moves them.
    const before = parseCode('/ws/v.py', VARIED, 'python');
    void before.py;
    const after = parseCode('/ws/v.py', '# é\n' + VARIED.replace('return await', 'return  await'), 'python', before);
    sameAsTree(after, 'edited');
  });

  it('keeps the text of leaves, the operators and the fields', () => {
    const code = parseCode('/ws/b.py', 'y = a not in b\nz += 1\n', 'python');
    const lines = dump(code.py!.root);
    assert.ok(lines.some((l) => /comparison_operator@\d+-\d+ not in$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /augmented_assignment@\d+-\d+ \+=$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /left:identifier@4-5 "a"$/.test(l.trim()) || /identifier@4-5 "a"$/.test(l)), lines.join('\n'));
  });
});

describe('Python files with syntax errors', () => {
  const scan = (files: Record<string, string>) => {
    const host = new MemoryHost(new Map(Object.entries(files).map(([k, v]) => [`/ws/${k}`, v])));
    return [...new Engine({ root: '/ws', host, rules: allRules }).analyzeWorkspace().results.values()].flat();
  };

  it('analyses the rest of a file with a half-typed line, with no parse diagnostic', () => {
    const findings = scan({ 'h.py': 'import os\n\ndef lambda_handler(event, context):\n    x = (1 +\n    os.system(event["body"])\n\ndef other(:\n    pass\n' });
    assert.ok(!findings.some((f) => f.ruleId === 'parse-error'), JSON.stringify(findings.map((f) => f.message)));
    assert.ok(findings.some((f) => f.ruleId === 'no-event-data-in-shell'), JSON.stringify(findings.map((f) => f.message)));
  });

  it('reports one parse diagnostic, and nothing else, when nothing of the file can be read', () => {
    const findings = scan({ 'bad.py': 'function handler(event) {\n  exec(event.body);\n}\n', 'ok.py': 'def handler(event, context):\n    eval(event["body"])\n' });
    const bad = findings.filter((f) => f.span.file === '/ws/bad.py');
    assert.deepEqual(bad.map((f) => f.ruleId), ['parse-error']);
    assert.match(bad[0].message, /^Python syntax error on line 1/);
    assert.ok(findings.some((f) => f.span.file === '/ws/ok.py' && f.ruleId === 'no-event-data-in-code-eval'));
  });
});
