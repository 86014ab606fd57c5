// The analysis worker's engines: one per workspace folder, and one per open file outside every
// folder (analysed alone). All read through one overlay of the open editor buffers.
import * as path from 'node:path';
import { Engine } from '../engine/engine.js';
import { DiskHost, OverlayHost } from '../engine/host.js';
import type { Rule } from '../engine/rule.js';
import type { SettingsInput } from '../engine/settings.js';
import { LooseHost, SkipHost } from './hosts.js';
import { isUnder } from './paths.js';

export class Workspaces {
  readonly overlay = new OverlayHost(new DiskHost());
  readonly skip = new SkipHost(this.overlay);
  readonly host = this.skip;
  private readonly engines = new Map<string, Engine>();
  /** Open files outside every folder, each with an engine that sees that file only. */
  private readonly loose = new Map<string, Engine>();
  /** The engines whose files have been discovered. */
  private readonly discovered = new WeakSet<Engine>();
  private settings: SettingsInput = {};

  constructor(private readonly rules: readonly Rule[]) {}

  addRoots(roots: readonly string[]): void {
    for (const r of roots) {
      const root = path.resolve(r);
      if (this.engines.has(root)) continue;
      // Discovered when first needed (`indexed`): an opened file's first findings do not wait for it.
      this.engines.set(root, new Engine({ root, host: this.host, rules: this.rules, settings: this.settings }));
    }
    // A loose file that a new folder now holds belongs to that folder.
    for (const f of [...this.loose.keys()]) if (this.rootOf(f)) this.loose.delete(f);
  }

  /** Drops the engines (and every cache they hold) of folders removed from the workspace. */
  removeRoots(roots: readonly string[]): void {
    for (const r of roots) this.engines.delete(path.resolve(r));
  }

  /** The folders' engines (not the loose files'). */
  get all(): Engine[] {
    return [...this.engines.values()];
  }

  get looseCount(): number {
    return this.loose.size;
  }

  private rootOf(file: string): Engine | undefined {
    let best: Engine | undefined;
    for (const [root, e] of this.engines) {
      if (isUnder(root, file) && (!best || root.length > best.root.length)) best = e;
    }
    return best;
  }

  /**
   * The engine of the deepest folder holding the file. A file outside every folder has one only
   * while it is open (`open`): an engine for it alone. Otherwise undefined.
   */
  engineFor(file: string, open: boolean): Engine | undefined {
    const inFolder = this.rootOf(file);
    if (inFolder) return inFolder;
    let e = this.loose.get(file);
    if (!e && open) {
      e = new Engine({ root: path.dirname(file), host: new LooseHost(this.host, file), rules: this.rules, settings: this.settings });
      this.loose.set(file, this.indexed(e));
    }
    return e;
  }

  /** The engine, its files discovered (once; `rediscover` again after files are created or deleted). */
  indexed(e: Engine): Engine {
    if (!this.discovered.has(e)) {
      e.discover();
      this.discovered.add(e);
    }
    return e;
  }

  /** A loose file was closed: its engine goes with it. */
  dropLoose(file: string): void {
    this.loose.delete(file);
  }

  setSettings(s: SettingsInput): void {
    this.settings = s;
    for (const e of this.engines.values()) e.setSettings(s);
    for (const e of this.loose.values()) e.setSettings(s);
  }

  rediscover(): void {
    for (const e of this.engines.values()) if (this.discovered.has(e)) e.discover();
  }
}
