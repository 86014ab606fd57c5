// The dated runtime table behind no-deprecated-runtime: kept current, and read with an injectable "today".
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RUNTIME_TABLE, RUNTIMES, replacementFor, runtimeStatus } from '../rules/no-deprecated-runtime/runtimes.js';
import rule from '../rules/no-deprecated-runtime/rule.js';
import { runModelRules } from '../server/src/engine/runner.js';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';

const day = (d: string) => new Date(`${d}T12:00:00Z`);

describe('Lambda runtime table', () => {
  it('was checked against the AWS Lambda runtimes page less than a year ago (update it and its date)', () => {
    const age = Date.now() - Date.parse(RUNTIME_TABLE.checked);
    assert.ok(age >= 0 && age < 365 * 86_400_000, `runtimes table checked on ${RUNTIME_TABLE.checked}: check ${RUNTIME_TABLE.source} again`);
  });

  it('has one row per runtime, and block dates after deprecation dates', () => {
    assert.equal(new Set(RUNTIMES.map((r) => r.id)).size, RUNTIMES.length);
    for (const r of RUNTIMES) {
      for (const d of [r.blockCreate, r.blockUpdate]) if (d) assert.ok(d > r.deprecated, r.id);
      if (r.blockCreate && r.blockUpdate) assert.ok(r.blockUpdate >= r.blockCreate, r.id);
    }
  });

  it('severity follows the dates: within 90 days, deprecated, past the update block', () => {
    // nodejs20.x: deprecated 2026-04-30, updates blocked from 2026-07-01.
    assert.equal(runtimeStatus('nodejs20.x', day('2025-12-01')).level, 'current');
    const soon = runtimeStatus('nodejs20.x', day('2026-03-01'));
    assert.equal(soon.level, 'soon');
    assert.equal(soon.level === 'soon' && soon.days, 60);
    assert.equal(runtimeStatus('nodejs20.x', day('2026-05-15')).level, 'deprecated');
    assert.equal(runtimeStatus('nodejs20.x', day('2026-07-01')).level, 'blocked');
    assert.equal(runtimeStatus('nodejs4.3', day('2021-01-01')).level, 'blocked');
    assert.equal(runtimeStatus('not-a-runtime', day('2026-01-01')).level, 'current');
  });

  it('suggests the newest runtime of the same language that is not deprecated that day', () => {
    assert.equal(replacementFor('nodejs16.x', day('2026-12-02')), 'nodejs24.x');
    assert.equal(replacementFor('python3.8', day('2026-12-02')), 'python3.14');
    assert.equal(replacementFor('go1.x', day('2026-12-02')), 'provided.al2023');
    assert.equal(replacementFor('dotnetcore3.1', day('2026-12-02')), 'dotnet10');
  });

  it('the rule reads "today" from the context', () => {
    const map = new Map([['/ws/serverless.yml', 'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  f:\n    handler: h.f\n']]);
    const engine = new Engine({ root: '/ws', host: new MemoryHost(map), rules: [] });
    engine.discover();
    const { model } = engine.model();
    const at = (d: string) => runModelRules([rule], model, engine.host, { now: () => day(d) }).map((f) => f.severity);
    assert.deepEqual(at('2025-12-01'), []);
    assert.deepEqual(at('2026-03-01'), ['info']);
    assert.deepEqual(at('2026-05-15'), ['warning']);
    assert.deepEqual(at('2026-08-01'), ['error']);
  });
});
