// The one converter from spans (file offsets) to line/column positions, for every output: the
// CLI's text, JSON and SARIF, and the language server's diagnostics. Each file's text is read and
// indexed once per converter. Lines and columns are 0-based here; the formatters add one.
import * as path from 'node:path';
import type { Span } from '../engine/types.js';
import { LineIndex, type Position } from '../engine/util/lines.js';

export type { Position };

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Converts spans of any file to ranges, reading each file's current text once. `prepared` may give
 * the line index the findings were made on (the engine's, kept for files with findings), so that
 * a report does not read and index those files again.
 */
export class RangeMaker {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(
    private readonly read: (file: string) => string | undefined,
    private readonly prepared?: (file: string) => LineIndex | undefined,
  ) {}

  /** The file's text as the ranges see it ('' when it cannot be read). */
  text(file: string): string {
    return this.index(file).text;
  }

  private index(file: string): LineIndex {
    let idx = this.indexes.get(file);
    if (!idx) {
      idx = this.prepared?.(file) ?? new LineIndex(this.read(file) ?? '');
      this.indexes.set(file, idx);
    }
    return idx;
  }

  range(span: Span): Range {
    const idx = this.index(span.file);
    return { start: idx.positionAt(span.start), end: idx.positionAt(span.end) };
  }

  /**
   * A span whose offsets are into the file as it will be once `edits` are applied (a fix's
   * `select`), as a range in that edited text. Mapped through the edits, without re-reading the file.
   */
  rangeAfter(span: Span, edits: readonly { file: string; start: number; end: number; newText: string }[]): Range {
    const mine = edits.filter((e) => e.file === span.file).sort((a, b) => a.start - b.start);
    return { start: this.positionAfter(span.file, span.start, mine), end: this.positionAfter(span.file, span.end, mine) };
  }

  private positionAfter(file: string, offset: number, edits: readonly { start: number; end: number; newText: string }[]): Position {
    let delta = 0; // how much longer the edited text is than the original, before the current edit
    for (const e of edits) {
      const newStart = e.start + delta;
      if (offset < newStart) break;
      if (offset <= newStart + e.newText.length) {
        // Inside this edit's new text: from where the edit starts, through the inserted lines.
        const at = this.range({ file, start: e.start, end: e.start }).start;
        const inserted = e.newText.slice(0, offset - newStart);
        const nl = inserted.lastIndexOf('\n');
        if (nl < 0) return { line: at.line, character: at.character + inserted.length };
        return { line: at.line + inserted.split('\n').length - 1, character: inserted.length - nl - 1 };
      }
      delta += e.newText.length - (e.end - e.start);
    }
    return this.range({ file, start: offset - delta, end: offset - delta }).start;
  }
}

export interface Place extends Range {
  /** Path relative to the scanned folder, with forward slashes. */
  rel: string;
}

/** Spans as places in a scanned folder: a relative path and a range. */
export class Locator extends RangeMaker {
  constructor(
    readonly root: string,
    read: (f: string) => string | undefined,
    prepared?: (f: string) => LineIndex | undefined,
  ) {
    super(read, prepared);
  }

  rel(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/') || path.basename(file);
  }

  place(span: Span): Place {
    return { rel: this.rel(span.file), ...this.range(span) };
  }
}
