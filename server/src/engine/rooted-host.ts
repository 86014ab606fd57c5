// The engine reads through this host: a file is read only when it is inside the workspace root,
// by its real path (symbolic links resolved), so that neither `${file(../../x.yml)}`, an absolute
// path, nor a link that points out of the workspace reaches anything outside it. A file that does
// not exist on disk (an editor buffer not saved yet, an in-memory test host) is judged by its path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, FileHost } from './host.js';

function within(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class RootedHost implements FileHost {
  private readonly realRoot: string;
  private readonly verdicts = new Map<string, boolean>();

  constructor(
    readonly base: FileHost,
    readonly root: string,
    /** Files outside the root the user named explicitly (`--config`): read as well. */
    private readonly allowed: ReadonlySet<string> = new Set(),
  ) {
    this.root = path.resolve(root);
    this.realRoot = realpathOr(this.root) ?? this.root;
  }

  /** Whether `file` (an absolute path) may be read: inside the root, its real path too. */
  inside(file: string): boolean {
    const known = this.verdicts.get(file);
    if (known !== undefined) return known;
    const abs = path.resolve(file);
    let ok = this.allowed.has(abs);
    if (!ok && within(this.root, abs)) {
      // A path that names nothing (a handler or module candidate probed) is judged by its path: the
      // host's stat (kept for the pass) says so without the failed realpath's exception.
      const real = this.base.version(abs) === undefined ? undefined : realpathOr(abs);
      ok = real === undefined ? true : within(this.realRoot, real);
    }
    if (this.verdicts.size > 200_000) this.verdicts.clear();
    this.verdicts.set(file, ok);
    return ok;
  }

  /** Forgets the verdicts (links may have been created or changed): called when the workspace is walked again. */
  reset(): void {
    this.verdicts.clear();
  }

  readFile(file: string): string | undefined {
    return this.inside(file) ? this.base.readFile(file) : undefined;
  }

  size(file: string): number | undefined {
    return this.inside(file) ? this.base.size(file) : undefined;
  }

  readDir(dir: string): DirEntry[] {
    if (!this.inside(dir)) return [];
    const entries = this.base.readDir(dir);
    // A file or folder listed in a folder inside the root, and not a link itself (a link is neither),
    // is inside too: no realpath for each file the walk finds.
    for (const e of entries) if (e.isFile || e.isDir) this.verdicts.set(path.join(dir, e.name), true);
    return entries;
  }

  version(file: string): string | undefined {
    return this.inside(file) ? this.base.version(file) : undefined;
  }

  /** One view of the disk per analysis pass (host.ts), as the host it wraps gives it. */
  snapshot(): () => void {
    return this.base.snapshot?.() ?? (() => undefined);
  }

  isOpen(file: string): boolean {
    return this.base.isOpen?.(file) === true;
  }
}

function realpathOr(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}
