// The nesting pre-checks (util/nesting.ts): brackets inside strings, comments, block scalars and
// regular expressions are text; real nesting past the limit is found at the exact offset.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeTooDeep, pythonTooDeep, yamlTooDeep } from '../server/src/engine/util/nesting.js';

describe('YAML nesting pre-check', () => {
  it('reads 600 [ inside a single-quoted, a double-quoted and a block scalar as text', () => {
    const b = '['.repeat(600);
    assert.equal(yamlTooDeep(`service: q\nprovider:\n  description: '${b}'\n`), undefined);
    assert.equal(yamlTooDeep(`a: "${b} \\" ${b}"\n`), undefined);
    assert.equal(yamlTooDeep(`a: |\n  ${b}\n  ${b}\nb: 1\n`), undefined);
    assert.equal(yamlTooDeep(`a: 1 # ${b}\n# ${b}\n`), undefined);
    // An apostrophe inside a plain scalar starts no quoted scalar: the flow after it still counts.
    assert.deepEqual(yamlTooDeep(`a: it's\nb: ${'['.repeat(3)}\n`, 3), { offset: 13, limit: 3 });
  });

  it('counts flow brackets that start a node, with the block depth around them', () => {
    assert.equal(yamlTooDeep('[[[]]]\n', 3), undefined);
    assert.deepEqual(yamlTooDeep('[[[[]]]]\n', 3), { offset: 3, limit: 3 });
    assert.deepEqual(yamlTooDeep('a: [[[]]]\n', 3), { offset: 5, limit: 3 });
    assert.deepEqual(yamlTooDeep('- - [[]]\n', 3), { offset: 5, limit: 3 });
    assert.equal(yamlTooDeep(`a: ['${'['.repeat(10)}', "]]]"]\n`, 2), undefined);
  });

  it('counts a deep block mapping by its indentation', () => {
    let m = '';
    for (let i = 0; i < 600; i++) m += ' '.repeat(i) + `k${i}:\n`;
    const deep = yamlTooDeep(m);
    assert.ok(deep);
    assert.equal(m.slice(deep.offset, deep.offset + 5), 'k512:');
    let flat = '';
    for (let i = 0; i < 600; i++) flat += `k${i}:\n  v: 1\n`;
    assert.equal(yamlTooDeep(flat), undefined);
  });
});

describe('JS/TS nesting pre-check', () => {
  it('finds the bracket past the limit', () => {
    const src = 'x = ' + '('.repeat(300) + '1' + ')'.repeat(300);
    assert.deepEqual(codeTooDeep(src), { offset: 4 + 256, limit: 256 });
  });

  it('reads brackets in strings, templates, comments and regular expressions as text', () => {
    const b = '('.repeat(300);
    const src = [`const a = '${b}';`, `const c = "${b}";`, `// ${b}`, `/* ${b} */`, `const r = /${b.replace(/\(/g, '\\(')}[(]/g;`, 'const t = `' + b + '`;', 'if (a) return /[[]/.test(a);'].join('\n');
    assert.equal(codeTooDeep(src), undefined);
    // A template interpolation is nesting; its own text is not.
    assert.deepEqual(codeTooDeep('`${`${`${x}`}`}`', 2), { offset: 7, limit: 2 });
    assert.equal(codeTooDeep('`${a}(((`', 1), undefined);
    // Division is not a regular expression: the brackets after it count.
    assert.deepEqual(codeTooDeep('x = a / b; f((((1))))', 3), { offset: 15, limit: 3 });
  });
});

describe('Python nesting pre-check', () => {
  it('counts brackets and indentation blocks, not strings or comments', () => {
    const b = '['.repeat(300);
    assert.equal(pythonTooDeep(`a = '${b}'\nb = """\n${b}\n"""\n# ${b}\n`), undefined);
    let nested = '';
    for (let i = 0; i < 210; i++) nested += ' '.repeat(i) + 'if x:\n';
    const deep = pythonTooDeep(nested);
    assert.ok(deep);
    assert.equal(nested.slice(deep.offset - 200, deep.offset), ' '.repeat(200));
  });
});
