// What the bench's child processes share: one build's engine, loaded from its `out/` (tree-sitter
// grammars ready), and the percentile they report.
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The engine of the build at `dir` (a checkout with `out/` built). */
export async function loadBuild(dir) {
  const out = (p) => require(path.join(dir, 'out', p));
  const { Engine } = out('server/src/engine/engine.js');
  const { DiskHost, OverlayHost } = out('server/src/engine/host.js');
  const { allRules } = out('rules/index.js');
  await out('server/src/engine/util/tree-sitter.js').loadParsers();
  return { Engine, DiskHost, OverlayHost, allRules };
}

export const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
