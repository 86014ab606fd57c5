// File URIs and folder containment, shared by the main thread and the analysis worker.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path of a `file:` URI; undefined for other schemes. */
export function fileOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** True when `file` is `root` or inside it. */
export function isUnder(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
