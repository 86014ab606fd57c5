// Helpers for the reliability tests (issue 9): a copy of the example app in a temporary folder,
// hostile files added next to it, and findings as `file:line:col rule message` lines, so that a test
// can assert the exact diagnostics a hostile file gets and that every finding of the app is still there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { DiskHost } from '../server/src/engine/host.js';
import { LineIndex } from '../server/src/engine/util/lines.js';
import type { Finding } from '../server/src/engine/types.js';
import { allRules } from '../rules/index.js';

export const REPO = path.join(__dirname, '..', '..');
export const EXAMPLES = path.join(REPO, 'examples');

/** A fresh copy of examples/ (the canary app), in its own temporary folder. */
export function copyExamples(prefix = 'fg-rel-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(EXAMPLES, dir, { recursive: true });
  return dir;
}

export function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Findings as `rel:line:col rule message`, sorted; `results` as the engine returns them. */
export function lines(root: string, results: Map<string, Finding[]>): string[] {
  const out: string[] = [];
  for (const [file, findings] of results) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const idx = new LineIndex(text);
    for (const f of findings) {
      const p = idx.positionAt(f.span.start);
      out.push(`${path.relative(root, file).split(path.sep).join('/')}:${p.line + 1}:${p.character + 1} ${f.ruleId} ${f.message}`);
    }
  }
  return out.sort();
}

export function scanDir(root: string): string[] {
  const engine = new Engine({ root, host: new DiskHost(), rules: allRules });
  return lines(root, engine.analyzeWorkspace().results);
}

let baseline: string[] | undefined;
/** The example app's findings, scanned once. */
export function appFindings(): string[] {
  return (baseline ??= scanDir(copyExamples()));
}

/** Every finding of the example app is in `found`; returns the findings that are not the app's. */
export function appIntact(found: string[]): string[] {
  const app = appFindings();
  const missing = app.filter((l) => !found.includes(l));
  assert.deepEqual(missing, [], 'the example app lost findings');
  const rest = [...found];
  for (const l of app) rest.splice(rest.indexOf(l), 1);
  return rest;
}
