// Scopes for the taint interpreter, with a write journal so that the two arms of a branch can be
// analysed from the same state and joined afterwards (cost proportional to the writes, not to the
// number of variables in scope).
import { join, type AV } from './values.js';

export class Frame {
  /** Most blocks declare nothing: their map is made on the first declaration. */
  private own: Map<string, AV> | undefined;
  constructor(
    readonly parent: Frame | undefined,
    /** A function's top frame (where `var` and function declarations live). */
    readonly isFunction: boolean,
    /** The function (or comprehension) node whose scope this is, for walkers that need it. */
    readonly owner?: object,
  ) {}

  get vars(): Map<string, AV> {
    return (this.own ??= new Map());
  }

  find(name: string): Frame | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.own?.has(name)) return f;
    return undefined;
  }

  functionFrame(): Frame {
    let f: Frame = this;
    while (!f.isFunction && f.parent) f = f.parent;
    return f;
  }
}

interface Write {
  frame: Frame;
  name: string;
  /** The value before the first write in this journal (undefined: the name was not bound). */
  before: AV | undefined;
  had: boolean;
  /** The value at the end of the arm, filled in by rollback. */
  after?: AV;
}

/** The writes of one arm, by frame and name (no string keys to build on every write). */
export type Arm = Map<Frame, Map<string, Write>>;

export class Journal {
  private readonly stack: Arm[] = [];
  /** Scopes whose writes are reported (a loaded module's, by its file; see taint/carry.ts). */
  private sealed?: WeakMap<Frame, string>;
  onSealedWrite?: (key: string) => void;

  seal(frame: Frame, file: string): void {
    (this.sealed ??= new WeakMap()).set(frame, file);
  }

  /** The key of a loaded module's variable (`file\0name`); undefined for other scopes. */
  sealedKey(frame: Frame, name: string): string | undefined {
    const file = this.sealed?.get(frame);
    return file === undefined ? undefined : `${file}\u0000${name}`;
  }

  /** Records a write about to happen, so that it can be undone. */
  set(frame: Frame, name: string, value: AV): void {
    if (this.sealed) {
      const key = this.sealedKey(frame, name);
      if (key) this.onSealedWrite?.(key);
    }
    const top = this.stack[this.stack.length - 1];
    if (top) {
      let byName = top.get(frame);
      if (!byName) top.set(frame, (byName = new Map()));
      if (!byName.has(name)) byName.set(name, { frame, name, before: frame.vars.get(name), had: frame.vars.has(name) });
    }
    frame.vars.set(name, value);
  }

  begin(): void {
    this.stack.push(new Map());
  }

  /** How many journals are open: `unwindTo` closes those opened since. */
  mark(): number {
    return this.stack.length;
  }

  /** Rolls back the journals opened since `mark` (an analysis unwound through their branches). */
  unwindTo(mark: number): void {
    while (this.stack.length > mark) this.rollback();
  }

  /** Ends a journal: returns the writes made (with their new values) and restores the old state. */
  rollback(): Arm {
    const top = this.stack.pop()!;
    for (const byName of top.values()) {
      for (const w of byName.values()) {
        w.after = w.frame.vars.get(w.name);
        if (w.had) w.frame.vars.set(w.name, w.before!);
        else w.frame.vars.delete(w.name);
      }
    }
    return top;
  }

  /**
   * Joins the outcomes of alternative arms. `exits[i]` is true when arm i always leaves (return or
   * throw): its writes are then not visible afterwards.
   */
  merge(arms: Arm[], exits: boolean[], includeBefore: boolean): void {
    const live: Arm[] = [];
    let liveCount = 0;
    for (let i = 0; i < arms.length; i++) {
      if (exits[i]) continue;
      liveCount++;
      if (arms[i].size > 0) live.push(arms[i]);
    }
    if (live.length === 0) return;
    if (live.length === 1 && liveCount === 1 && !includeBefore) {
      // One arm that always runs: its writes stand as they are.
      for (const byName of live[0].values()) for (const w of byName.values()) this.set(w.frame, w.name, w.after ?? {});
      return;
    }
    const done = new Map<Frame, Set<string>>();
    for (const arm of live) {
      for (const [frame, byName] of arm) {
        for (const [name, w] of byName) {
          let seen = done.get(frame);
          if (!seen) done.set(frame, (seen = new Set()));
          if (seen.has(name)) continue;
          seen.add(name);
          // Arms that did not write the name leave it as it was before.
          let value: AV | undefined = includeBefore || live.length < liveCount ? w.before : undefined;
          let first = value === undefined;
          for (const other of live) {
            const ow = other.get(frame)?.get(name);
            const v = ow ? ow.after : w.before;
            value = first ? v : join(value, v);
            first = false;
          }
          this.set(frame, name, value ?? {});
        }
      }
    }
  }
}
