// Scopes for the taint interpreter, with a write journal so that the two arms of a branch can be
// analysed from the same state and joined afterwards (cost proportional to the writes, not to the
// number of variables in scope).
import { join, type AV } from './values.js';

export class Frame {
  readonly vars = new Map<string, AV>();
  constructor(
    readonly parent: Frame | undefined,
    /** A function's top frame (where `var` and function declarations live). */
    readonly isFunction: boolean,
  ) {}

  find(name: string): Frame | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.vars.has(name)) return f;
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
}

export class Journal {
  private readonly stack: Map<string, Write>[] = [];
  private readonly ids = new WeakMap<Frame, number>();
  private nextId = 0;

  private key(frame: Frame, name: string): string {
    let id = this.ids.get(frame);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(frame, id);
    }
    return `${id}:${name}`;
  }

  /** Records a write about to happen, so that it can be undone. */
  set(frame: Frame, name: string, value: AV): void {
    const top = this.stack[this.stack.length - 1];
    if (top) {
      const k = this.key(frame, name);
      if (!top.has(k)) top.set(k, { frame, name, before: frame.vars.get(name), had: frame.vars.has(name) });
    }
    frame.vars.set(name, value);
  }

  begin(): void {
    this.stack.push(new Map());
  }

  /** Ends a journal: returns the writes made (with their new values) and restores the old state. */
  rollback(): Map<string, { write: Write; after: AV | undefined }> {
    const top = this.stack.pop()!;
    const out = new Map<string, { write: Write; after: AV | undefined }>();
    for (const [k, w] of top) {
      out.set(k, { write: w, after: w.frame.vars.get(w.name) });
      if (w.had) w.frame.vars.set(w.name, w.before!);
      else w.frame.vars.delete(w.name);
    }
    return out;
  }

  /**
   * Joins the outcomes of alternative arms. `exits[i]` is true when arm i always leaves (return or
   * throw): its writes are then not visible afterwards.
   */
  merge(arms: Map<string, { write: Write; after: AV | undefined }>[], exits: boolean[], includeBefore: boolean): void {
    const live = arms.filter((_, i) => !exits[i]);
    const keys = new Set(live.flatMap((a) => [...a.keys()]));
    for (const k of keys) {
      const w = live.find((a) => a.has(k))!.get(k)!.write;
      let value: AV | undefined = includeBefore ? w.before : undefined;
      let first = !includeBefore;
      for (const arm of live) {
        const v = arm.has(k) ? arm.get(k)!.after : w.before;
        value = first ? v : join(value, v);
        first = false;
      }
      this.set(w.frame, w.name, value ?? {});
    }
  }
}
