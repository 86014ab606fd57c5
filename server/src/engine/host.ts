// File access for the engine. The CLI reads the disk; the language server layers open editor
// buffers over the disk. Reading is all the engine ever does with the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface DirEntry {
  name: string;
  isDir: boolean;
  isFile: boolean;
}

export interface FileHost {
  /** File contents, or undefined when missing or unreadable. Files over MAX_FILE_BYTES are not read. */
  readFile(file: string): string | undefined;
  /** Size in bytes, or undefined when missing. */
  size(file: string): number | undefined;
  readDir(dir: string): DirEntry[];
  /** A number that changes when the file changes (an editor version, or mtime+size on disk). */
  version(file: string): string | undefined;
  /**
   * Optional: one consistent view of the disk for one analysis pass. Until the returned function is
   * called, the host may answer again from what it already looked up (one `stat` and one read per
   * file and pass, however many parts of the engine ask). Nested passes share the view.
   */
  snapshot?(): () => void;
  /** Optional: whether the file is open in an editor (being edited: worth keeping facts per statement for). */
  isOpen?(file: string): boolean;
}

export class DiskHost implements FileHost {
  /** While a pass runs: what was looked up (null: missing), dropped when the last pass ends. */
  private view?: { depth: number; stats: Map<string, fs.Stats | null>; texts: Map<string, string | undefined> };

  snapshot(): () => void {
    const view = (this.view ??= { depth: 0, stats: new Map(), texts: new Map() });
    view.depth++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--view.depth === 0 && this.view === view) this.view = undefined;
    };
  }

  private stat(file: string): fs.Stats | undefined {
    const view = this.view;
    const known = view?.stats.get(file);
    if (known !== undefined) return known ?? undefined;
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    view?.stats.set(file, st ?? null);
    return st;
  }

  readFile(file: string): string | undefined {
    const view = this.view;
    if (view?.texts.has(file)) return view.texts.get(file);
    let text: string | undefined;
    const st = this.stat(file);
    if (st && st.isFile() && st.size <= MAX_FILE_BYTES) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
    }
    view?.texts.set(file, text);
    return text;
  }

  size(file: string): number | undefined {
    const st = this.stat(file);
    return st?.isFile() ? st.size : undefined;
  }

  readDir(dir: string): DirEntry[] {
    try {
      // Symbolic links are not followed: a link loop cannot trap the walk.
      return fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, isDir: d.isDirectory(), isFile: d.isFile() }));
    } catch {
      return [];
    }
  }

  version(file: string): string | undefined {
    const st = this.stat(file);
    return st ? `${st.mtimeMs}:${st.size}` : undefined;
  }
}

/** Editor buffers over another host: an open document wins over the disk. */
export class OverlayHost implements FileHost {
  private readonly overlays = new Map<string, { text: string; version: number }>();

  constructor(private readonly base: FileHost) {}

  set(file: string, text: string, version: number): void {
    this.overlays.set(path.resolve(file), { text, version });
  }

  delete(file: string): void {
    this.overlays.delete(path.resolve(file));
  }

  has(file: string): boolean {
    return this.overlays.has(path.resolve(file));
  }

  isOpen(file: string): boolean {
    return this.overlays.has(file);
  }

  readFile(file: string): string | undefined {
    const o = this.overlays.get(file);
    if (o) return o.text.length > MAX_FILE_BYTES ? undefined : o.text;
    return this.base.readFile(file);
  }

  size(file: string): number | undefined {
    const o = this.overlays.get(file);
    return o ? o.text.length : this.base.size(file);
  }

  readDir(dir: string): DirEntry[] {
    return this.base.readDir(dir);
  }

  version(file: string): string | undefined {
    const o = this.overlays.get(file);
    return o ? `editor:${o.version}` : this.base.version(file);
  }

  /** The disk's view; open buffers are always read as they are now. */
  snapshot(): () => void {
    return this.base.snapshot?.() ?? (() => undefined);
  }
}

/** An in-memory host, for tests and rule cases. */
export class MemoryHost implements FileHost {
  private readonly hashes = new Map<string, { text: string; hash: string }>();

  constructor(private readonly files: Map<string, string>) {}

  readFile(file: string): string | undefined {
    const t = this.files.get(file);
    return t !== undefined && t.length <= MAX_FILE_BYTES ? t : undefined;
  }

  size(file: string): number | undefined {
    return this.files.get(file)?.length;
  }

  readDir(dir: string): DirEntry[] {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const seen = new Map<string, DirEntry>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (!seen.has(name)) seen.set(name, { name, isDir: slash >= 0, isFile: slash < 0 });
    }
    return [...seen.values()];
  }

  version(file: string): string | undefined {
    const t = this.files.get(file);
    if (t === undefined) return undefined;
    let h = this.hashes.get(file);
    if (!h || h.text !== t) this.hashes.set(file, (h = { text: t, hash: `mem:${t.length}:${hashText(t)}` }));
    return h.hash;
  }
}

/** FNV-1a over the text: a cheap content fingerprint for cache keys. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
