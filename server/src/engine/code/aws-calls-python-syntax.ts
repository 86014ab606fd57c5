// Reading Python syntax for the AWS call analysis: string literals, call arguments, parameters.
// Syntax comes from `pythonSyntax(code)`; nothing here parses.
import type { PySyntax } from './python-nodes.js';
import type { Seeds } from './aws-calls-types.js';

export function stringValue(n: PySyntax | null | undefined): string | undefined {
  if (!n || n.type !== 'string') return undefined;
  let out = '';
  for (const c of n.namedChildren) {
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content') out += c.text;
  }
  return out;
}

export function positional(args: PySyntax | null | undefined, i: number): PySyntax | undefined {
  if (!args) return undefined;
  const pos = args.namedChildren.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment');
  const c = pos[i];
  return c && c.type !== 'list_splat' && c.type !== 'dictionary_splat' ? c : undefined;
}

export function keyword(args: PySyntax | null | undefined, name: string): PySyntax | undefined {
  if (!args) return undefined;
  for (const c of args.namedChildren) if (c.type === 'keyword_argument' && c.childForFieldName('name')?.text === name) return c.childForFieldName('value') ?? undefined;
  return undefined;
}

export function kwNames(args: PySyntax | null | undefined): string[] {
  return (args?.namedChildren ?? []).filter((c) => c.type === 'keyword_argument').map((c) => c.childForFieldName('name')?.text ?? '');
}

export function dictValue(dict: PySyntax, key: string): PySyntax | undefined {
  for (const p of dict.namedChildren) if (p.type === 'pair' && stringValue(p.childForFieldName('key')) === key) return p.childForFieldName('value') ?? undefined;
  return undefined;
}

export function paramNames(params: PySyntax | null): string[] {
  const out: string[] = [];
  for (const p of params?.namedChildren ?? []) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'default_parameter' || p.type === 'typed_parameter' || p.type === 'typed_default_parameter') {
      const n = p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
      if (n) out.push(n.text);
    } else out.push('');
  }
  return out;
}

/** `aws_access_key_id=`, `aws_session_token=` or `profile_name=`: credentials that are not the role's. */
export function ownKeys(args: PySyntax | null | undefined): boolean {
  return kwNames(args).some((k) => k === 'aws_access_key_id' || k === 'aws_session_token' || k === 'profile_name');
}

// ---- units and reach: top-level definitions, reached by name from the handler ----

export function definedName(st: PySyntax): string | undefined {
  const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
  return def && (def.type === 'function_definition' || def.type === 'class_definition') ? def.childForFieldName('name')?.text : undefined;
}

/**
 * The names a top-level statement mentions, kept by its identity for a file being edited: a statement
 * taken over unchanged by the next version of the file mentions the same names.
 */
const namesOf = new WeakMap<object, readonly string[]>();

function mentioned(st: PySyntax): readonly string[] {
  let names = namesOf.get(st.identity);
  if (!names) namesOf.set(st.identity, (names = [...new Set(st.descendantsOfType('identifier').map((id) => id.text))]));
  return names;
}

/** `keep`: the file is being edited (what is worked out per statement is kept for its next version). */
export function reached(root: PySyntax, seeds: Seeds, keep = false): Set<number> {
  const units = root.namedChildren;
  const out = new Set<number>();
  if (seeds === 'all') {
    units.forEach((_, i) => out.add(i));
    return out;
  }
  const byName = new Map<string, number>();
  units.forEach((u, i) => {
    const n = definedName(u);
    if (n) byName.set(n, i);
  });
  const queue: number[] = [];
  const add = (i: number | undefined) => {
    if (i !== undefined && !out.has(i)) out.add(i), queue.push(i);
  };
  // A decorated function is registered by its decorator (a route, a custom resource event): reached.
  units.forEach((u, i) => (!definedName(u) || u.type === 'decorated_definition') && add(i));
  for (const s of seeds) add(byName.get(s));
  while (queue.length > 0) {
    const i = queue.pop()!;
    if (keep) for (const name of mentioned(units[i])) add(byName.get(name));
    else for (const id of units[i].descendantsOfType('identifier')) add(byName.get(id.text));
  }
  return out;
}

/** The top-level unit that holds a node (binary search: units are in source order). */
export function unitIndex(units: PySyntax[], node: PySyntax): number {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (node.startIndex >= units[mid].endIndex) lo = mid + 1;
    else if (node.endIndex <= units[mid].startIndex) hi = mid - 1;
    else return mid;
  }
  return -1;
}
