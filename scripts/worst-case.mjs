// `node scripts/worst-case.mjs`: worst-case shapes for the rules (issue 9, class 6), generated under
// the 2 MB file limit, each analysed beside a serverless.yml that names it as an API handler; every
// rule is timed on every file, and the slowest rule per shape is printed. Figures only: nothing is
// asserted here (the budget is 1 s per rule per file). `--only <shape>` runs one shape.
import fs from 'node:fs';

import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (p) => path.join(root, 'out', p);
if (!fs.existsSync(out('rules/index.js'))) {
  console.error('worst-case: run `npm run build` first');
  process.exit(2);
}
const { Engine } = require(out('server/src/engine/engine.js'));
const { MemoryHost } = require(out('server/src/engine/host.js'));
const { allRules } = require(out('rules/index.js'));
const { loadParsers } = require(out('server/src/engine/util/tree-sitter.js'));
const { SHAPES } = require(out('test/worst-case-shapes.js'));
await loadParsers();

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const WS = '/ws';
const results = [];
for (const shape of SHAPES) {
  if (only && shape.name !== only) continue;
  const times = new Map();
  const timed = allRules.map((r) => ({
    ...r,
    check: (ctx) => {
      const t = performance.now();
      try {
        return r.check(ctx);
      } finally {
        times.set(r.id, (times.get(r.id) ?? 0) + performance.now() - t);
      }
    },
  }));
  const files = new Map(Object.entries(shape.files()).map(([k, v]) => [`${WS}/${k}`, v]));
  const size = Math.max(...[...files.values()].map((t) => t.length));
  const engine = new Engine({ root: WS, host: new MemoryHost(files), rules: timed });
  const t0 = performance.now();
  const { results: found } = engine.analyzeWorkspace();
  const total = performance.now() - t0;
  const [slowId, slowMs] = [...times].sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];
  const notes = [...found.values()].flat().filter((f) => f.category === 'internal').map((f) => f.ruleId);
  results.push({ shape: shape.name, sizeKB: Math.round(size / 1024), totalMs: Math.round(total), slowestRule: slowId, slowestMs: Math.round(slowMs), internal: [...new Set(notes)].join(' ') || '-' });
}
console.table(results);
const worst = results.sort((a, b) => b.slowestMs - a.slowestMs)[0];
if (worst) console.log(`slowest: ${worst.slowestRule} on ${worst.shape}: ${worst.slowestMs} ms (whole scan of that workspace ${worst.totalMs} ms)`);
