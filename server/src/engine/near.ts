// The configs near a file, for its first diagnostics before the workspace is indexed: the configs,
// Terraform files and CDK apps in the file's own folder and in each parent folder up to the root,
// found by listing those folders only (no walk of the workspace), and the local Terraform modules
// those configurations call (so that a module's resources are known as they are to the full
// model, not guessed missing). A config that names the file from elsewhere (a sibling folder) is
// not seen until the whole workspace is analysed.
import * as path from 'node:path';
import type { FileHost } from './host.js';
import { fileRole, SKIPPED_DIRS, toRel } from './workspace.js';
import { cdkEntry } from './model/cdk.js';
import { calledModuleDirs } from './config/terraform/module.js';
import type { HclFile } from './config/terraform/hcl.js';
import type { GlobSet } from './util/glob.js';

/** At most this many module folders are added: a first look, not the whole workspace. */
const MAX_MODULE_DIRS = 50;

/**
 * The candidate config files near `files` (and the CDK entry files they name, and the `.tf` files
 * of the local modules called), sorted. `hcl` parses a `.tf` file (the engine's cache).
 */
export function nearConfigs(root: string, host: FileHost, files: readonly string[], exclude: GlobSet, hcl?: (file: string) => HclFile | undefined): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const inRoot = (dir: string) => {
    const rel = path.relative(root, dir);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  // A folder inside node_modules, cdk.out and the like has no config of its own there.
  const skipped = (dir: string) => path.relative(root, dir).split(path.sep).some((p) => SKIPPED_DIRS.has(p));
  const list = (dir: string, onlyTerraform: boolean) => {
    if (seen.has(dir) || skipped(dir)) return;
    seen.add(dir);
    for (const e of host.readDir(dir)) {
      const f = path.join(dir, e.name);
      if (!e.isFile || exclude.matches(toRel(root, f))) continue;
      const role = fileRole(f);
      if (role === 'terraform' || (!onlyTerraform && role === 'data')) out.add(f);
      if (!onlyTerraform && e.name === 'cdk.json') {
        out.add(f);
        const text = host.readFile(f);
        const entry = text !== undefined ? cdkEntry(dir, text) : undefined;
        if (entry && host.version(entry) !== undefined) out.add(entry);
      }
    }
  };
  for (const file of files) {
    for (let dir = path.dirname(file); inRoot(dir); dir = path.dirname(dir)) {
      list(dir, false);
      if (path.relative(root, dir) === '') break;
    }
  }
  // The local modules the Terraform configurations call, and the ones those call (bounded).
  if (hcl) {
    const done = new Set<string>();
    for (let added = 0; ; ) {
      const dirs = new Map<string, HclFile[]>();
      for (const f of out) {
        if (fileRole(f) !== 'terraform' || done.has(f)) continue;
        done.add(f);
        const h = hcl(f);
        if (h) (dirs.get(path.dirname(f)) ?? dirs.set(path.dirname(f), []).get(path.dirname(f))!).push(h);
      }
      const next = [...calledModuleDirs(dirs)].filter((d) => !seen.has(d) && inRoot(d)).sort();
      if (next.length === 0) break;
      for (const d of next) {
        if (added++ >= MAX_MODULE_DIRS) break;
        list(d, true);
      }
      if (added >= MAX_MODULE_DIRS) break;
    }
  }
  return [...out].sort();
}
