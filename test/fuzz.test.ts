// The seeded fuzz test of issue 9 (bounded to about 20 s): mutated app files and rule cases next to
// the example app. No input may make the engine throw or give an internal error, hang (5 s bound,
// generous: the budget is 1 s a file), or lose any of the app's findings; a batch of the inputs is
// then scanned by the real CLI, which must exit 0 or 1 and write its SARIF.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFuzz, WS } from './fuzz-kit.js';
import { EXAMPLES, REPO } from './reliability-kit.js';

const SEED = 9_000;

describe('issue 9: seeded fuzzing', () => {
  it('mutated inputs next to the example app: no crash, no hang, the app intact', { timeout: 120_000 }, () => {
    const kept: Map<string, string>[] = [];
    // 80 inputs, or as many as 12 s allow on a busy machine (the loop must at least have run).
    const stats = runFuzz({ seed: SEED, count: 80, budgetMs: 12_000, onInput: (_, files) => void (kept.length < 8 && kept.push(files)) });
    assert.ok(stats.inputs >= 5, `only ${stats.inputs} inputs`);
    assert.deepEqual(stats.crashes, []);
    assert.deepEqual(stats.hangs, []);
    assert.deepEqual(stats.canaryLost, []);
    // The CLI on a workspace holding the first inputs, side by side.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-fuzz-'));
    fs.cpSync(EXAMPLES, path.join(dir, 'app'), { recursive: true });
    kept.forEach((files, i) => {
      for (const [f, text] of files) {
        const target = path.join(dir, 'fuzz', String(i), path.relative(`${WS}/fuzz`, f));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
      }
    });
    const sarif = path.join(dir, 'report.sarif');
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'faasguard.js'), 'scan', dir, '--format', 'sarif', '--output', sarif], { encoding: 'utf8', timeout: 60_000 });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    const run0 = JSON.parse(fs.readFileSync(sarif, 'utf8')).runs[0];
    assert.deepEqual(run0.invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === 'internal-error'), []);
    assert.ok(run0.results.some((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === 'no-event-data-in-shell' && x.locations[0].physicalLocation.artifactLocation.uri === 'app/vulnerable-app/src/thumbnail.js'));
  });
});
