// What is generated must be committed up to date: the README rules table, the `faasguard.rules`
// settings schema, the golden scan of the example app and the README block made from it. A stale
// file fails with the command that regenerates it. And the tool reports the package's version.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../rules/index.js';
import { VERSION } from '../server/src/version.js';
import { assertGenerated } from './generated.js';

const REPO = path.join(__dirname, '..', '..');

interface GenDocs {
  renderReadme(text: string, rules: unknown): string;
  renderReadmeExample(text: string, golden: string): string;
  renderPackage(text: string, rules: unknown): string;
  exampleScan(): string;
  GOLDEN: string;
}
const genDocs = async () => (await import(pathToFileURL(path.join(REPO, 'scripts', 'gen-docs.mjs')).href)) as GenDocs;
const read = (rel: string) => fs.readFileSync(path.join(REPO, rel), 'utf8');

describe('generated docs', () => {
  it('README rules table and package.json settings match the rules', async () => {
    const gen = await genDocs();
    const readme = read('README.md');
    assertGenerated('README.md (rules table)', readme, gen.renderReadme(readme, allRules), 'npm run docs');
    const pkg = read('package.json');
    assertGenerated('package.json (faasguard.rules settings)', pkg, gen.renderPackage(pkg, allRules), 'npm run docs');
  });

  it('golden test: the scan of the example app prints exactly test/golden/example-app-scan.txt', async () => {
    const gen = await genDocs();
    assertGenerated(gen.GOLDEN, read(gen.GOLDEN), gen.exampleScan(), 'npm run docs');
  });

  it("README's example output block is the golden scan", async () => {
    const gen = await genDocs();
    const readme = read('README.md');
    assertGenerated('README.md (example scan block)', readme, gen.renderReadmeExample(readme, read(gen.GOLDEN)), 'npm run docs');
    assert.match(readme, /```text\n\$ npx faasguard scan examples\nvulnerable-app\//);
  });

  it('a stale file fails with the command that regenerates it, in one short line', () => {
    const committed = 'a\n'.repeat(5000) + 'old line\n' + 'b\n'.repeat(5000);
    const generated = 'a\n'.repeat(5000) + 'new line\n' + 'b\n'.repeat(5000);
    assert.throws(
      () => assertGenerated('README.md', committed, generated, 'npm run docs'),
      (e: Error) => e.message === 'README.md is stale: run `npm run docs` to regenerate it (first difference at line 5001: committed "old line", generated "new line")',
    );
    assert.doesNotThrow(() => assertGenerated('README.md', committed, committed, 'npm run docs'));
  });

  it('the version is the package version', () => {
    const pkg = JSON.parse(read('package.json')) as { version: string; engines: { vscode: string } };
    assert.equal(VERSION, pkg.version);
    assert.equal(pkg.engines.vscode, '^1.100.0');
  });
});
