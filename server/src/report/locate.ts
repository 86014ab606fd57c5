// Findings with their places, in a stable order (by file, then as the engine reported them).
import type { Finding } from '../engine/types.js';
import type { Locator, Place } from './ranges.js';

export interface Located extends Place {
  finding: Finding;
}

export function locate(loc: Locator, results: Map<string, Finding[]>): Located[] {
  const out: Located[] = [];
  for (const [, findings] of [...results].sort(([a], [b]) => a.localeCompare(b))) {
    for (const f of findings) out.push({ finding: f, ...loc.place(f.span) });
  }
  return out;
}
