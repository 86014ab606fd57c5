// The module state an analysis writes, for the summaries carried over between versions (carry.ts).
// Once a module has loaded, a write to its scope (a `global` name, a module `let`) or a change to one
// of its values (a property set on a module-level object, an element pushed) is a write of module
// state, keyed by the module variable it goes through (`file\0name`). A summary that reads such a
// variable depended on when it was computed, and a summary that writes one has an effect a later
// version must see happen: neither is left for the next version.
import type { Frame, Journal } from './env.js';
import type { Recorder } from './carry.js';
import type { AV } from './values.js';

export class ModuleState {
  /** Values of modules that have loaded, by the module variable they were found through. */
  private readonly owned = new WeakMap<object, string>();
  /** Module variables (and the values found through them) written since their module loaded. */
  readonly writes = new Set<string>();

  constructor(
    private readonly journal: Journal,
    private readonly recorder: Recorder,
  ) {
    journal.onSealedWrite = (key) => this.write(key);
  }

  /** A module has loaded: its scope is sealed, and its values are known as its own. */
  loaded(frame: Frame, file: string): void {
    this.journal.seal(frame, file);
    for (const [name, value] of frame.vars) {
      const key = `${file}\u0000${name}`;
      const stack: AV[] = [value];
      while (stack.length > 0) {
        const v = stack.pop()!;
        if (Object.isFrozen(v) || this.owned.has(v)) continue;
        this.owned.set(v, key);
        if (v.resolver) this.owned.set(v.resolver, key);
        for (const p of v.props?.values() ?? []) stack.push(p);
        if (v.elem) stack.push(v.elem);
      }
    }
  }

  /** A variable was read in a scope with no parent (a module's). */
  read(frame: Frame, name: string): void {
    const key = this.journal.sealedKey(frame, name);
    if (key) this.recorder.read(key);
  }

  /** A read inside a value (a property, an element): inside a module's value, it reads that module variable. */
  readInside(v: AV): void {
    const key = this.owned.get(v);
    if (key) this.recorder.read(key);
  }

  /** A value is about to be changed in place (a property set, an element added). */
  mutating(v: object): void {
    const key = this.owned.get(v);
    if (key) this.write(key);
  }

  owns(v: object): boolean {
    return this.owned.has(v);
  }

  private write(key: string): void {
    this.writes.add(key);
    // The summaries being computed wrote module state: a later version must compute them again.
    this.recorder.effect();
  }
}
