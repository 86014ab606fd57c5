// File hosts of the analysis worker, layered over the overlay of open editor buffers:
// - SkipHost hides the files the watchdog stopped (they read as empty until they change);
// - LooseHost is the whole world of a file opened outside every workspace folder: that file and
//   nothing else (no walk of its directory, no includes, no project config next to it).
import * as path from 'node:path';
import type { DirEntry, FileHost } from '../engine/host.js';

export class SkipHost implements FileHost {
  /** File -> why it is skipped. */
  readonly skipped = new Map<string, string>();
  /** Called on each read (the worker's heartbeat while it builds a model from thousands of files). */
  onRead?: () => void;

  constructor(private readonly base: FileHost) {}

  readFile(file: string): string | undefined {
    this.onRead?.();
    return this.skipped.has(file) ? '' : this.base.readFile(file);
  }

  size(file: string): number | undefined {
    return this.skipped.has(file) ? 0 : this.base.size(file);
  }

  readDir(dir: string): DirEntry[] {
    this.onRead?.();
    return this.base.readDir(dir);
  }

  version(file: string): string | undefined {
    return this.skipped.has(file) ? 'skipped' : this.base.version(file);
  }
}

export class LooseHost implements FileHost {
  private readonly dir: string;
  private readonly name: string;

  constructor(
    private readonly base: FileHost,
    readonly file: string,
  ) {
    this.dir = path.dirname(file);
    this.name = path.basename(file);
  }

  readFile(file: string): string | undefined {
    return file === this.file ? this.base.readFile(file) : undefined;
  }

  size(file: string): number | undefined {
    return file === this.file ? this.base.size(file) : undefined;
  }

  readDir(dir: string): DirEntry[] {
    return dir === this.dir ? [{ name: this.name, isDir: false, isFile: true }] : [];
  }

  version(file: string): string | undefined {
    return file === this.file ? this.base.version(file) : undefined;
  }
}
