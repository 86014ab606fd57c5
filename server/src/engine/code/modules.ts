// Local modules: which workspace file an import names. Only files of the workspace are candidates
// (node_modules and site-packages are never read); `exists` is the engine's view of the workspace.
import * as path from 'node:path';

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.mts', '.cts', '.jsx', '/index.ts', '/index.js', '/index.mjs'];

/** JS/TS: the absolute file a relative specifier names, trying the usual extensions (and .ts for .js). */
export function resolveLocal(from: string, spec: string, exists: (f: string) => boolean): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = JS_EXTENSIONS.map((e) => base + e);
  if (/\.(m|c)?js$/.test(spec)) candidates.push(base.replace(/\.(m|c)?js$/, '.ts'), base.replace(/\.(m|c)?js$/, '.tsx'));
  return candidates.find(exists);
}
