// One engine per workspace folder, all reading through one overlay of the open editor buffers.
import * as path from 'node:path';
import { Engine } from '../engine/engine.js';
import { DiskHost, OverlayHost } from '../engine/host.js';
import type { Rule } from '../engine/rule.js';
import type { SettingsInput } from '../engine/settings.js';

export class Workspaces {
  readonly host = new OverlayHost(new DiskHost());
  private readonly engines = new Map<string, Engine>();
  private settings: SettingsInput = {};

  constructor(private readonly rules: readonly Rule[]) {}

  setRoots(roots: string[]): void {
    for (const r of roots) this.engineForRoot(path.resolve(r));
  }

  get all(): Engine[] {
    return [...this.engines.values()];
  }

  private engineForRoot(root: string): Engine {
    let e = this.engines.get(root);
    if (!e) {
      e = new Engine({ root, host: this.host, rules: this.rules, settings: this.settings });
      e.discover();
      this.engines.set(root, e);
    }
    return e;
  }

  /** The engine of the deepest folder containing the file; a loose file gets one for its folder. */
  engineFor(file: string): Engine {
    let best: Engine | undefined;
    for (const [root, e] of this.engines) {
      const rel = path.relative(root, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || root.length > best.root.length)) best = e;
    }
    return best ?? this.engineForRoot(path.dirname(file));
  }

  setSettings(s: SettingsInput): void {
    this.settings = s;
    for (const e of this.engines.values()) e.setSettings(s);
  }

  rediscover(): void {
    for (const e of this.engines.values()) e.discover();
  }
}
