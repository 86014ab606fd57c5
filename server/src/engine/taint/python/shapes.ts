// Shapes of Python code the walker asks about: where a key of a dict literal (or a keyword of a
// `dict(...)`/`Response(...)` call) is written, and whether a method changes `self` (such a method
// cannot be summarised: its effect on the object would be lost).
import type { PyNode } from '../../code/python-ast.js';
import { parameterNames } from '../../code/python-exports.js';
import type { AV } from '../values.js';
import { callArgs, child, stringText, unwrap } from './syntax.js';

export function propNodePy(v: AV, key: string, ci = false): PyNode | undefined {
  const obj = v.objNode as PyNode | undefined;
  if (!obj) return undefined;
  const same = (k: string) => (ci ? k.toLowerCase() === key.toLowerCase() : k === key);
  if (obj.type === 'dictionary') {
    for (const p of obj.children) {
      if (p.type !== 'pair') continue;
      const k = child(p, 'key');
      const text = k ? stringText(k) : undefined;
      if (text !== undefined && same(text)) return child(p, 'value');
    }
    return undefined;
  }
  if (obj.type === 'call') {
    for (const k of callArgs(obj).keywords) if (same(k.name) || same(snakeToCamel(k.name))) return k.value;
  }
  return undefined;
}

function snakeToCamel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

const writes = new WeakMap<PyNode, boolean>();
const MUTATING = new Set(['append', 'extend', 'insert', 'update', 'setdefault', 'add', 'pop', 'remove', 'clear', 'discard']);

function rootedAt(e: PyNode, name: string): boolean {
  let cur = unwrap(e);
  for (let i = 0; i < 64 && (cur.type === 'attribute' || cur.type === 'subscript'); i++) cur = unwrap(child(cur, cur.type === 'attribute' ? 'object' : 'value') ?? cur);
  return cur.type === 'identifier' && cur.text === name;
}

/** `self.x = ...`, `self.items.append(...)`, `setattr(self, ...)` in a method's own body. */
export function writesSelf(fn: PyNode): boolean {
  const hit = writes.get(fn);
  if (hit !== undefined) return hit;
  const self = parameterNames(fn)[0]?.name;
  let r = false;
  const body = child(fn, 'body');
  const stack = self && body ? [...body.children] : [];
  while (stack.length > 0 && !r) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const left = child(n, 'left');
      if (left && left.type !== 'identifier' && rootedAt(left, self!)) r = true;
    } else if (n.type === 'call') {
      const f = child(n, 'function');
      if (f?.type === 'attribute' && MUTATING.has(child(f, 'attribute')?.text ?? '') && rootedAt(child(f, 'object') ?? f, self!)) r = true;
      if (f?.type === 'identifier' && f.text === 'setattr' && callArgs(n).positional[0]?.text === self) r = true;
    }
    for (const c of n.children) stack.push(c);
  }
  writes.set(fn, r);
  return r;
}
