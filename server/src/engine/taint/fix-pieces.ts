// Quick-fix logic shared by every language: a string built from literal pieces and expressions,
// rewritten with placeholders where the query language expects a value (SQL, DynamoDB
// expressions). Each walker turns its syntax into pieces and renders the result in its language.

/** Literal text, or an expression of the walker's language. */
export type Piece<E> = { lit: string } | { expr: E };

/** How a walker writes pieces back: an expression's source, and a string made of several pieces. */
export interface PieceText<E> {
  text(e: E): string;
  /** A string expression holding literal text and expressions (a template literal, an f-string). */
  joined(pieces: Piece<E>[]): string;
}

/** Replaces each expression (or each quoted SQL string holding expressions) with a placeholder. */
export function toPlaceholders<E>(pieces: Piece<E>[], t: PieceText<E>, ph: (i: number, e: E) => string, isValueContext: (before: string) => boolean = valueContext): { text: string; values: string[]; existing: string } | undefined {
  type Item = { ch: string } | { expr: E };
  const items: Item[] = [];
  for (const p of pieces) {
    if ('lit' in p) for (const ch of p.lit) items.push({ ch });
    else items.push({ expr: p.expr });
  }
  let text = '';
  let existing = '';
  const values: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if ('expr' in it) {
      // A bare expression can become a placeholder only where SQL expects a value: a table or
      // column name, or a piece of SQL text, cannot be bound.
      if (!isValueContext(text)) return undefined;
      values.push(t.text(it.expr));
      text += ph(values.length, it.expr);
      continue;
    }
    if (it.ch !== "'" && it.ch !== '"') {
      text += it.ch;
      existing += it.ch;
      continue;
    }
    // A quoted SQL string: find its end (a doubled quote is an escaped quote).
    const q = it.ch;
    const seg: Piece<E>[] = [];
    let j = i + 1;
    let closed = false;
    for (; j < items.length; j++) {
      const x = items[j];
      if ('ch' in x && x.ch === q) {
        const next = items[j + 1];
        if (next && 'ch' in next && next.ch === q) {
          seg.push({ lit: q });
          j++;
          continue;
        }
        closed = true;
        break;
      }
      seg.push('ch' in x ? { lit: x.ch } : { expr: x.expr });
    }
    if (!closed) return undefined;
    if (seg.some((s) => 'expr' in s)) {
      const merged: Piece<E>[] = [];
      for (const s of seg) {
        const last = merged[merged.length - 1];
        if ('lit' in s && last && 'lit' in last) last.lit += s.lit;
        else merged.push({ ...s });
      }
      values.push(merged.length === 1 && 'expr' in merged[0] ? t.text(merged[0].expr) : t.joined(merged));
      text += ph(values.length, (merged.find((m) => 'expr' in m) as { expr: E }).expr);
    } else {
      const lit = q + seg.map((s) => (s as { lit: string }).lit).join('') + q;
      text += lit;
    }
    i = j;
  }
  return { text, values, existing };
}

/**
 * Whether SQL text ending with `before` expects a value next: after a comparison, LIKE, LIMIT or
 * OFFSET, or inside the parentheses of VALUES (...) or IN (...).
 */
export function valueContext(before: string): boolean {
  const t = before.replace(/'(?:[^']|'')*'/g, "''");
  if (/(?:[=<>]|\b(?:i?like|limit|offset))\s*$/i.test(t)) return true;
  const open = /[(,]\s*$/.test(t) ? openParen(t) : -1;
  return open >= 0 && /\b(?:values|in)\s*$/i.test(t.slice(0, open));
}

/** DynamoDB: after a comparison or `+`/`-`, or as an argument of IN, begins_with or contains. */
export function dynamoValueContext(before: string): boolean {
  if (/[=<>+-]\s*$/.test(before)) return true;
  const open = /[(,]\s*$/.test(before) ? openParen(before) : -1;
  return open >= 0 && /\b(?:in|begins_with|contains)\s*$/i.test(before.slice(0, open));
}

/** The position of the innermost unclosed `(` at the end of `t` (-1: none). */
function openParen(t: string): number {
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    if (t[i] === ')') depth++;
    else if (t[i] === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
