// The configs near a file, for its first diagnostics before the workspace is indexed: the configs,
// Terraform files and CDK apps in the file's own folder and in each parent folder up to the root,
// found by listing those folders only (no walk of the workspace). A config that names the file
// from elsewhere (a sibling folder) is not seen until the whole workspace is analysed.
import * as path from 'node:path';
import type { FileHost } from './host.js';
import { fileRole, SKIPPED_DIRS, toRel } from './workspace.js';
import { cdkEntry } from './model/cdk.js';
import type { GlobSet } from './util/glob.js';

/** The candidate config files near `files` (and the CDK entry files they name), sorted. */
export function nearConfigs(root: string, host: FileHost, files: readonly string[], exclude: GlobSet): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const file of files) {
    let dir = path.dirname(file);
    for (;;) {
      const rel = path.relative(root, dir);
      if (rel.startsWith('..') || path.isAbsolute(rel)) break;
      // A file inside node_modules, cdk.out and the like has no config of its own there.
      if (!seen.has(dir) && !rel.split(path.sep).some((p) => SKIPPED_DIRS.has(p))) {
        seen.add(dir);
        for (const e of host.readDir(dir)) {
          const f = path.join(dir, e.name);
          if (!e.isFile || exclude.matches(toRel(root, f))) continue;
          const role = fileRole(f);
          if (role === 'data' || role === 'terraform') out.add(f);
          if (e.name === 'cdk.json') {
            out.add(f);
            const text = host.readFile(f);
            const entry = text !== undefined ? cdkEntry(dir, text) : undefined;
            if (entry && host.version(entry) !== undefined) out.add(entry);
          }
        }
      }
      if (rel === '') break;
      dir = path.dirname(dir);
    }
  }
  return [...out].sort();
}
