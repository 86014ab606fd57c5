// What the CDK reader knows of the few non-CDK calls an app makes to locate its code: `path.join`,
// `path.resolve`, `path.dirname` and `url.fileURLToPath` over literal parts, and REST API paths.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type ts from 'typescript';
import type { CV, SourceRef } from './cv.js';

export function joinPathText(base: string, part: string): string {
  return `${base === '/' ? '' : base}/${part}`;
}

export function joinPath(base: string, part: CV | undefined): string {
  return joinPathText(base, part?.k === 'lit' ? String(part.v) : '{...}');
}

/** `path.join(__dirname, '../lambda')` and `path.resolve(...)` over literal parts. */
export function pathCall(method: string, args: CV[], e: ts.Node, src: SourceRef): CV {
  if (!args.every((a) => a.k === 'lit')) return { k: 'unknown' };
  const parts = args.map((a) => String((a as { v: unknown }).v));
  if (method === 'join') return { k: 'lit', v: path.join(...parts), node: e, src };
  if (method === 'resolve') return { k: 'lit', v: path.resolve(path.dirname(src.file), ...parts), node: e, src };
  if (method === 'dirname') return { k: 'lit', v: path.dirname(parts[0]), node: e, src };
  if (method === 'fileURLToPath' && parts[0].startsWith('file:')) return { k: 'lit', v: fileURLToPath(parts[0]), node: e, src };
  return { k: 'unknown' };
}
