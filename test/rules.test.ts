// The single runner over every rule folder: docs, metadata, labelled cases and fix outputs.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../rules/index.js';
import { CATEGORIES } from '../server/src/engine/types.js';
import { applyEdits, CASE_ROOT, chooseFix, lineOf, loadCases, runCase } from './cases.js';
import { assertGenerated } from './generated.js';
import { renderSnapshot, snapshotPath, SNAPSHOT_COMMAND } from './snapshots.js';
import { exampleBlocks, exampleFindings } from './readme-examples.js';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules');
const SECTIONS = ['What it finds', 'Why it matters', 'Example', 'Fixed example', 'References'];

describe('rule folders', () => {
  it('every folder with a rule.ts is registered, and ids match folder names', () => {
    const folders = fs.readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    assert.deepEqual(allRules.map((r) => r.id).sort(), folders);
  });
});

for (const rule of allRules) {
  describe(`rule ${rule.id}`, () => {
    const dir = path.join(RULES_DIR, rule.id);
    const dir0 = dir;
    const cases = loadCases(path.join(dir, 'cases'));

    it('has metadata and docs with every section', () => {
      assert.ok(CATEGORIES.includes(rule.meta.category), `category ${rule.meta.category}`);
      assert.ok(rule.meta.title.length > 10 && rule.meta.description.length > 40);
      assert.ok(rule.meta.cwe.length > 0 && rule.meta.owasp.length > 0, 'CWE and OWASP references');
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      assert.ok(readme.startsWith(`# ${rule.id}`), 'README starts with the rule id');
      for (const s of SECTIONS) assert.match(readme, new RegExp(`^## ${s}$`, 'm'), `README section "${s}"`);
      const ids = Object.keys(rule.meta.messages);
      assert.ok(ids.length > 0, 'meta.messages names at least one kind of message');
      for (const id of ids) {
        assert.match(id, /^[a-z]+(-[a-z]+)*$/, `message id ${id} is kebab-case`);
        assert.ok(rule.meta.messages[id].length > 10, `message ${id} is described`);
      }
    });

    it('has an invalid case and a valid case', () => {
      const labels = cases.flatMap((c) => c.files.flatMap((f) => f.labels.filter((l) => l.rule === rule.id)));
      assert.ok(labels.some((l) => l.kind === 'ruleid'), 'at least one `ruleid:` label');
      assert.ok(labels.some((l) => l.kind === 'ok'), 'at least one `ok:` label');
    });

    it("README: the Example finds something, the Fixed example nothing", () => {
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      const example = exampleBlocks(readme, 'Example');
      assert.ok(example.length > 0, 'the Example section has a code block');
      const found = exampleFindings(rule, example);
      assert.ok(found.length > 0, `the Example (${example.map((b) => b.file).join(', ')}) gives no finding`);
      const fixed = exampleFindings(rule, exampleBlocks(readme, 'Fixed example'));
      assert.deepEqual(fixed.map((f) => f.message), [], 'the Fixed example still gives findings');
    });

    it('has no snapshot of a case that is gone', () => {
      const dir = path.join(dir0, 'snapshots');
      const names = new Set(cases.map((c) => `${c.name}.snap`));
      const stale = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !names.has(f)) : [];
      assert.deepEqual(stale, [], `snapshots of no case: run \`${SNAPSHOT_COMMAND}\``);
    });

    it(`meta.fix (${rule.meta.fix}) agrees with the fixes the cases get`, () => {
      const fixes = cases.flatMap((c) => runCase(rule, c, allRules).findings.flatMap((f) => (f.fixes ?? []).filter((x) => x.id !== 'ignore')));
      if (rule.meta.fix === 'none') assert.deepEqual(fixes.map((x) => x.id), [], 'meta.fix is none, but findings offer fixes');
      else assert.ok(fixes.length > 0, `meta.fix is ${rule.meta.fix}, but no finding of the cases offers a fix`);
      const changing = fixes.filter((x) => x.changesBehaviour).map((x) => x.id);
      if (rule.meta.fix === 'safe') assert.deepEqual([...new Set(changing)], [], 'meta.fix is safe, but these fixes change behaviour');
      if (rule.meta.fix === 'unsafe') assert.ok(changing.length > 0, `meta.fix is unsafe, but no fix says it changes behaviour (${[...new Set(fixes.map((x) => x.id))].join(', ')})`);
    });

    for (const c of cases) {
      it(`case ${c.name}: findings are exactly on the labelled lines`, () => {
        const { findings } = runCase(rule, c, allRules);
        const expected = c.files.flatMap((f) => f.labels.filter((l) => l.rule === rule.id).map((l) => ({ rel: f.rel, ...l })));
        const got = findings.map((f) => ({ ...lineOf(c, f), message: f.message }));
        for (const e of expected.filter((x) => x.kind === 'ruleid')) {
          assert.ok(got.some((g) => g.rel === e.rel && g.line === e.line), `expected a finding at ${e.rel}:${e.line + 1}; got ${JSON.stringify(got)}`);
        }
        for (const f of findings) {
          assert.ok(f.messageId && f.messageId in rule.meta.messages, `finding at ${lineOf(c, f).rel}:${lineOf(c, f).line + 1} has message id ${f.messageId}, not one of meta.messages (${Object.keys(rule.meta.messages).join(', ')})`);
        }
        for (const g of got) {
          const label = expected.find((e) => e.rel === g.rel && e.line === g.line);
          assert.ok(label, `finding without a label at ${g.rel}:${g.line + 1}: ${g.message}`);
          assert.equal(label.kind, 'ruleid', `finding on an ok: line at ${g.rel}:${g.line + 1}: ${g.message}`);
        }
      });

      it(`case ${c.name}: columns and messages match the snapshot`, () => {
        const { findings } = runCase(rule, c, allRules);
        const file = snapshotPath(RULES_DIR, rule.id, c.name);
        const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        assertGenerated(path.relative(path.join(RULES_DIR, '..'), file), committed, renderSnapshot(rule, c, findings), SNAPSHOT_COMMAND);
      });

      const fixIds = new Set<string>();
      it(`case ${c.name}: every fix has a .fixed output, and each output matches`, () => {
        const { findings } = runCase(rule, c, allRules);
        for (const f of findings) for (const x of f.fixes ?? []) if (x.id !== 'ignore') fixIds.add(x.id);
        const covered = new Set(c.fixed.map((x) => x.fixId ?? '*'));
        for (const id of fixIds) {
          assert.ok(covered.has(id) || covered.has('*'), `fix "${id}" of case ${c.name} has no .fixed output`);
        }
        for (const fx of c.fixed) {
          const edits = findings.flatMap((f) => chooseFix(f, fx.fixId)?.edits ?? []);
          assert.ok(edits.length > 0, `${fx.rel}${fx.fixId ? '.' + fx.fixId : ''}.fixed: no finding offers this fix`);
          const texts = new Map(c.files.map((f) => [`${CASE_ROOT}/${f.rel}`, f.original]));
          const after = applyEdits(texts, edits).get(`${CASE_ROOT}/${fx.rel}`);
          assert.equal(after, fx.text, `${fx.rel}${fx.fixId ? ' (' + fx.fixId + ')' : ''}: fix output differs from .fixed`);
        }
      });
    }
  });
}
