// What is generated from rule metadata must be committed up to date: the README rules table and the
// `faasguard.rules` settings schema. And the tool reports the package's version.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../rules/index.js';
import { VERSION } from '../server/src/version.js';

const REPO = path.join(__dirname, '..', '..');

describe('generated docs', () => {
  it('README rules table and package.json settings match the rules (run `npm run docs` to update)', async () => {
    const gen = (await import(pathToFileURL(path.join(REPO, 'scripts', 'gen-docs.mjs')).href)) as {
      renderReadme(text: string, rules: unknown): string;
      renderPackage(text: string, rules: unknown): string;
    };
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    assert.equal(gen.renderReadme(readme, allRules), readme);
    const pkg = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    assert.equal(gen.renderPackage(pkg, allRules), pkg);
  });

  it('the version is the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; engines: { vscode: string } };
    assert.equal(VERSION, pkg.version);
    assert.equal(pkg.engines.vscode, '^1.100.0');
  });
});
