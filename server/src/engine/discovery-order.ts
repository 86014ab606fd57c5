// When a workspace holds more candidate files than discovery keeps, which ones: likely app folders
// first (a folder with a deployment config, and everything under it), then the rest by path. A
// folder of 50,001 fixtures that sorts before the app then cannot hide the app.
import * as path from 'node:path';

/** File names that make their folder an app folder. */
function isConfigName(name: string): boolean {
  const n = name.toLowerCase();
  return /^(serverless|template|samconfig)\.(ya?ml|json|toml)$/.test(n) || n === 'cdk.json' || n.endsWith('.tf') || n === '.faasguard.yml';
}

export interface Kept {
  files: string[];
  /** How many candidates were left out. */
  dropped: number;
}

/** At most `limit` of `files` (absolute paths), app folders first; the result is sorted. */
export function appFoldersFirst(files: string[], limit: number): Kept {
  if (files.length <= limit) return { files, dropped: 0 };
  const appDirs = new Set<string>();
  for (const f of files) if (isConfigName(path.basename(f))) appDirs.add(path.dirname(f));
  // How far below its nearest app folder a file is (Infinity: in none): nearer files come first.
  const distance = (f: string): number => {
    let d = path.dirname(f);
    for (let i = 0; i < 256; i++) {
      if (appDirs.has(d)) return i;
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    return Infinity;
  };
  const ranked = files.map((f) => ({ f, d: distance(f) }));
  ranked.sort((a, b) => a.d - b.d || (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
  const kept = ranked.slice(0, limit).map((r) => r.f).sort();
  return { files: kept, dropped: files.length - kept.length };
}
