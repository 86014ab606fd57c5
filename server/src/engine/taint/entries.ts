// Running a handler as an entry of the analysis: with the sources of the triggers its config names,
// those its code states (a Powertools resolver), or else those inferred from the event fields its
// code reads (a first run, with no source, records them; see infer.ts).
import type { HandlerBinding } from '../code/types.js';
import type { TaintCore } from './core.js';
import { activeSources } from './sources.js';
import { inferredSources } from './infer.js';
import type { HandlerTriggers } from './types.js';

/**
 * Runs one handler with the sources of its triggers: those the config names, else those its code
 * suggests (a first run, with no source, records the event paths it reads). `fixed` is a trigger
 * the code itself states (a Powertools resolver).
 */
export function runWithSources(it: TaintCore, h: HandlerBinding, unguarded: () => void, fixed?: HandlerTriggers['kinds']): HandlerTriggers {
  const run = () => it.guarded(unguarded);
  if (h.triggers.length > 0) {
    const kinds = h.triggers.map((t) => t.kind);
    it.sources = activeSources(kinds);
    it.triggerKinds = kinds;
    run();
    return { exportPath: h.exportPath, kinds: [...new Set(kinds)], inferred: false };
  }
  if (fixed) {
    it.sources = activeSources(fixed, true).map((s) => ({ ...s, unambiguous: true }));
    it.triggerKinds = fixed;
    run();
    return { exportPath: h.exportPath, kinds: fixed, inferred: true };
  }
  it.sources = [];
  it.reads = new Map();
  it.triggerKinds = undefined;
  run();
  const inferred = inferredSources(it.reads.values());
  it.reads = undefined;
  it.sources = inferred.sources;
  it.triggerKinds = inferred.kinds;
  run();
  return { exportPath: h.exportPath, kinds: inferred.kinds, inferred: true };
}
