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
      code = nextCode;
    }
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
