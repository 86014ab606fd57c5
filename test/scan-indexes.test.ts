// The indexes the whole scan uses instead of searches (issue 15): each must answer exactly as the
// search it replaces. Covering wildcards (iam/policies.ts) against the plain filter over every
// action; the config that holds a function or role (model/owners.ts) against the first config
// that lists it.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coverActions, configOf } from '../server/src/engine/iam/policies.js';
import { serviceActions, type ActionInfo } from '../server/src/engine/iam/actions.js';
import { configOfFunction } from '../server/src/engine/model/owners.js';
import type { AppModel, ConfigModel, FunctionModel, RoleModel } from '../server/src/engine/model/types.js';

/** coverActions as it was written before the index: every action filtered for each prefix. */
function coverActionsByFilter(service: string, allowed: (a: ActionInfo) => boolean): string[] {
  const all = serviceActions(service);
  const prefixes = new Set<string>();
  const names: string[] = [];
  const lower = all.map((x) => x.name.toLowerCase());
  const wildcardOk = (prefix: string): boolean => {
    const key = prefix.toLowerCase();
    const matching = all.filter((_, i) => lower[i].startsWith(key));
    return matching.length > 1 && matching.every((x) => allowed(x) && /^[RL]+$/.test(x.levels));
  };
  for (const a of all) {
    if (!allowed(a)) continue;
    const words = a.name.match(/[A-Z][a-z0-9]*|[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [a.name];
    let found: string | undefined;
    for (let k = 1; k <= words.length && !found; k++) {
      const prefix = words.slice(0, k).join('');
      if (wildcardOk(prefix)) found = prefix;
    }
    if (found) prefixes.add(found);
    else names.push(a.name);
  }
  const wild = [...prefixes].filter((p) => ![...prefixes].some((q) => q !== p && p.toLowerCase().startsWith(q.toLowerCase())));
  const covered = (n: string) => wild.some((p) => n.toLowerCase().startsWith(p.toLowerCase()));
  return [...wild.map((p) => `${service}:${p}*`), ...names.filter((n) => !covered(n)).map((n) => `${service}:${n}`)].sort();
}

describe('covering wildcards by binary search', () => {
  const predicates: [string, (a: ActionInfo) => boolean][] = [
    ['read and list', (a) => /^[RL]+$/.test(a.levels)],
    ['no permissions management', (a) => !a.levels.includes('P')],
    ['Get and List names', (a) => /^(Get|List)/.test(a.name)],
    ['every other action', (a) => a.name.length % 2 === 0],
  ];
  for (const service of ['s3', 'dynamodb', 'iam', 'ec2', 'lambda', 'sqs', 'kms', 'no-such-service']) {
    for (const [label, allowed] of predicates) {
      it(`${service}, ${label}: the same patterns as the filter`, () => {
        assert.deepEqual(coverActions(service, allowed), coverActionsByFilter(service, allowed));
      });
    }
  }
  it('s3 read and list: every read/list action covered, wildcards only over read/list actions', () => {
    const out = coverActions('s3', (a) => /^[RL]+$/.test(a.levels));
    const covers = (p: string, name: string) => (p.endsWith('*') ? name.toLowerCase().startsWith(p.slice(3, -1).toLowerCase()) : p.slice(3) === name);
    for (const a of serviceActions('s3').filter((x) => /^[RL]+$/.test(x.levels))) assert.ok(out.some((p) => covers(p, a.name)), `${a.name} not covered by ${out.join(', ')}`);
    for (const p of out.filter((x) => x.endsWith('*'))) {
      const prefix = p.slice(3, -1).toLowerCase();
      for (const a of serviceActions('s3').filter((x) => x.name.toLowerCase().startsWith(prefix))) assert.match(a.levels, /^[RL]+$/, `${p} covers ${a.name}`);
    }
  });
});

describe('the config that holds a model element', () => {
  const fn = (id: string) => ({ id }) as unknown as FunctionModel;
  const role = (id: string) => ({ id, origin: 'cfn-role' }) as unknown as RoleModel;
  const config = (file: string, functions: FunctionModel[], roles: RoleModel[] = []) => ({ file, functions, roles, resourcePolicies: [] }) as unknown as ConfigModel;
  const a = fn('A');
  const b = fn('B');
  const shared = fn('Shared');
  const r1 = role('R1');
  const r2 = role('R2');
  const c1 = config('/ws/one.yml', [a, shared], [r1]);
  const c2 = config('/ws/two.yml', [b, shared], [r2, r1]);
  const model = { configs: [c1, c2] } as unknown as AppModel;

  it('a function: the first config that lists it', () => {
    assert.equal(configOfFunction(model, a), c1);
    assert.equal(configOfFunction(model, b), c2);
    assert.equal(configOfFunction(model, shared), c1);
    assert.equal(configOfFunction(model, fn('Elsewhere')), undefined);
  });
  it('a role: the first config that lists it', () => {
    assert.equal(configOf(model, r2), c2);
    assert.equal(configOf(model, r1), c1);
    assert.equal(configOf(model, role('Unknown')), undefined);
  });
  it('an element added to a config after the index was built is still found', () => {
    const late = fn('Late');
    c2.functions.push(late);
    assert.equal(configOfFunction(model, late), c2);
  });
});
