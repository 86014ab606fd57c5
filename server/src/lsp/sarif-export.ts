// The SARIF export of the editor: the same SARIF as `faasguard scan --format sarif`, for the first
// workspace folder, through the neutral report/ module the CLI uses too.
import type { Engine } from '../engine/engine.js';
import type { FileHost } from '../engine/host.js';
import { allRules } from '../../../rules/index.js';
import { locate } from '../report/locate.js';
import { Locator } from '../report/ranges.js';
import { toSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';

export function exportSarif(engine: Engine | undefined, host: FileHost, onFile: (file?: string) => void): { root: string; sarif: object } | null {
  if (!engine) return null;
  const { results } = engine.analyzeWorkspace((_done, _total, file) => onFile(file));
  const loc = new Locator(engine.root, (f) => host.readFile(f));
  return { root: engine.root, sarif: toSarif(allRules, locate(loc, results), loc, VERSION, { notices: engine.notices }) };
}
