// The SARIF export of the editor: the same SARIF as `faasguard scan --format sarif`, for the first
// workspace folder. The only file of the language server that uses the CLI's formatters.
import type { Engine } from '../engine/engine.js';
import type { FileHost } from '../engine/host.js';
import { allRules } from '../../../rules/index.js';
import { locate, Locator } from '../cli/format.js';
import { toSarif } from '../cli/sarif.js';
import { VERSION } from '../version.js';

export function exportSarif(engine: Engine | undefined, host: FileHost, onFile: (file?: string) => void): { root: string; sarif: object } | null {
  if (!engine) return null;
  const { results } = engine.analyzeWorkspace((_done, _total, file) => onFile(file));
  const loc = new Locator(engine.root, (f) => host.readFile(f));
  return { root: engine.root, sarif: toSarif(allRules, locate(loc, results), loc, VERSION) };
}
