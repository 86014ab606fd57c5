// Workspace discovery: which files the engine looks at. Bounded, iterative, never follows links.
import * as path from 'node:path';
import { MAX_FILE_BYTES, type FileHost } from './host.js';
import { GlobSet } from './util/glob.js';
import { appFoldersFirst } from './discovery-order.js';

export const SKIPPED_DIRS = new Set(['node_modules', '.serverless', '.aws-sam', 'cdk.out', 'dist', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.terraform', 'coverage', '.vscode-e2e', 'out']);
export const MAX_FILES = 50_000;
/** Candidates the walk collects before choosing MAX_FILES of them (discovery-order.ts). */
const MAX_CANDIDATES = 4 * MAX_FILES;

/** `terraform`: a `.tf` file, read with the other `.tf` files of its folder (model/terraform.ts). */
export type FileRole = 'data' | 'js' | 'python' | 'terraform';

const CODE_EXT: Record<string, FileRole> = {
  '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'js', '.ts': 'js', '.mts': 'js', '.cts': 'js', '.tsx': 'js',
  '.py': 'python',
};
const DATA_EXT = new Set(['.yml', '.yaml', '.json', '.template']);

export function fileRole(file: string): FileRole | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.min.js')) return undefined;
  const ext = path.extname(lower);
  if (DATA_EXT.has(ext)) return 'data';
  if (ext === '.tf') return 'terraform';
  return CODE_EXT[ext];
}

export interface Discovered {
  files: string[];
  /** Files skipped for their size, with the size. */
  tooLarge: { file: string; size: number }[];
  /** Set when the file cap left candidates out: how many (at least). */
  capped?: { limit: number; dropped: number };
}

export function toRel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export function discover(root: string, host: FileHost, exclude: GlobSet = new GlobSet([]), isCancelled?: () => boolean): Discovered {
  const files: string[] = [];
  const tooLarge: { file: string; size: number }[] = [];
  const stack = [path.resolve(root)];
  while (stack.length > 0 && files.length < MAX_CANDIDATES) {
    if (isCancelled?.()) break;
    const dir = stack.pop()!;
    const entries = host.readDir(dir).sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = toRel(root, full);
      if (e.isDir) {
        if (SKIPPED_DIRS.has(e.name) || exclude.matches(rel)) continue;
        stack.push(full);
      } else if (e.isFile && fileRole(full) && !exclude.matches(rel)) {
        const size = host.size(full) ?? 0;
        if (size > MAX_FILE_BYTES) tooLarge.push({ file: full, size });
        else files.push(full);
      }
    }
  }
  // Over the cap: app folders (those with a config) first, then the rest; and the cap is reported.
  const walkStopped = files.length >= MAX_CANDIDATES && stack.length > 0;
  const kept = appFoldersFirst(files, MAX_FILES);
  kept.files.sort();
  const dropped = kept.dropped + (walkStopped ? 1 : 0);
  return { files: kept.files, tooLarge, ...(dropped > 0 ? { capped: { limit: MAX_FILES, dropped } } : {}) };
}
