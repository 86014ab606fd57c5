// Modules for the taint interpreter: packages become origins (`child_process`, `mysql2/promise`) that
// sinks match on; relative imports are loaded and evaluated (never executed), so that their
// functions can be summarised and cross-file flows followed. node_modules is never read.
import * as path from 'node:path';
import ts from 'typescript';
import type { Interp } from './interp.js';
import { moduleExports } from '../code/exports.js';
import { evalExpr } from './expressions.js';
import type { AV } from './values.js';

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.mts', '.cts', '.jsx', '/index.ts', '/index.js', '/index.mjs'];

export function normalizeModule(spec: string): { module: string; path: string[] } {
  let m = spec.startsWith('node:') ? spec.slice(5) : spec;
  // lodash/merge, lodash-es/merge and lodash.merge all mean lodash's merge.
  const lodash = /^lodash(?:-es)?\/(\w+)$/.exec(m);
  if (lodash) return { module: 'lodash', path: [lodash[1]] };
  if (m === 'lodash-es') m = 'lodash';
  return { module: m, path: [] };
}

/** The absolute file a relative specifier names, trying the usual extensions (and .ts for .js). */
export function resolveLocal(from: string, spec: string, exists: (f: string) => boolean): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = EXTENSIONS.map((e) => base + e);
  if (/\.(m|c)?js$/.test(spec)) candidates.push(base.replace(/\.(m|c)?js$/, '.ts'), base.replace(/\.(m|c)?js$/, '.tsx'));
  return candidates.find(exists);
}

export function evalModuleRequire(it: Interp, spec: string): AV {
  if (!spec.startsWith('.') && !spec.startsWith('/')) {
    const n = normalizeModule(spec);
    return { module: n.module, modulePath: n.path };
  }
  const file = resolveLocal(it.file.file, spec, (f) => it.loadModule(f) !== undefined);
  if (!file) return {};
  const cached = it.moduleExports.get(file);
  if (cached) return cached;
  const code = it.loadModule(file);
  if (!code?.sf) return {};
  const props = new Map<string, AV>();
  const exportsAV: AV = { props, local: { file, path: [] } };
  it.moduleExports.set(file, exportsAV); // before evaluating: circular imports see a partial module
  const frame = it.moduleFrame(code);
  const saved = it.file;
  it.file = code;
  try {
    for (const [name, node] of moduleExports(code.sf)) {
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) props.set(name, { fn: { node, closure: frame, file } });
      else if (ts.isClassDeclaration(node)) props.set(name, { cls: node });
      else if (ts.isShorthandPropertyAssignment(node)) props.set(name, evalExpr(it, node.name, frame));
      else if (ts.isVariableDeclaration(node)) props.set(name, node.initializer ? evalExpr(it, node.initializer, frame) : {});
      else if (ts.isExpression(node)) props.set(name, evalExpr(it, node, frame));
    }
  } finally {
    it.file = saved;
  }
  // `module.exports = fn`: requiring the module gives the function itself.
  const def = props.get('default');
  if (def && (def.fn || def.cls) && props.size === 1) Object.assign(exportsAV, { fn: def.fn, cls: def.cls });
  return exportsAV;
}
