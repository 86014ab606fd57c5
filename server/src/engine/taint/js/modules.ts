// Modules for the taint interpreter: packages become origins (`child_process`, `mysql2/promise`) that
// sinks match on; relative imports are loaded and evaluated (never executed), so that their
// functions can be summarised and cross-file flows followed. node_modules is never read.
import type ts from 'typescript';
import { tsx } from './syntax.js';
import type { JsInterp as Interp } from './interp.js';
import { moduleExports } from '../../code/exports.js';
import { resolveLocal } from '../../code/modules.js';
import type { AV } from '../values.js';

/** Per-method lodash packages are named in lower case (`lodash.mergewith`); the methods are not. */
const LODASH_NAMES: Record<string, string> = {
  mergewith: 'mergeWith', defaultsdeep: 'defaultsDeep', setwith: 'setWith', escaperegexp: 'escapeRegExp',
  clonedeep: 'cloneDeep', zipobjectdeep: 'zipObjectDeep', tonumber: 'toNumber', tointeger: 'toInteger',
};

export function normalizeModule(spec: string): { module: string; path: string[] } {
  let m = spec.startsWith('node:') ? spec.slice(5) : spec;
  // lodash/merge, lodash-es/merge and lodash.merge all mean lodash's merge.
  const lodash = /^lodash(?:-es)?\/(\w+)$/.exec(m) ?? /^lodash\.(\w+)$/.exec(m);
  if (lodash) return { module: 'lodash', path: [LODASH_NAMES[lodash[1]] ?? lodash[1]] };
  if (m === 'lodash-es') m = 'lodash';
  return { module: m, path: [] };
}

/** `export { a as b } from './x'`, `export * from './x'` and `export * as ns from './x'`. */
function reExports(it: Interp, sf: ts.SourceFile, props: Map<string, AV>): void {
  for (const st of sf.statements) {
    if (!tsx.isExportDeclaration(st) || !st.moduleSpecifier || !tsx.isStringLiteral(st.moduleSpecifier) || st.isTypeOnly) continue;
    const mod = evalModuleRequire(it, st.moduleSpecifier.text);
    const clause = st.exportClause;
    if (!clause) {
      for (const [k, v] of mod.props ?? []) if (k !== 'default' && !props.has(k)) props.set(k, v);
    } else if (tsx.isNamespaceExport(clause)) {
      props.set(clause.name.text, mod);
    } else {
      for (const el of clause.elements) props.set(el.name.text, it.readProp(mod, (el.propertyName ?? el.name).text));
    }
  }
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
      if (tsx.isFunctionDeclaration(node) || tsx.isMethodDeclaration(node)) props.set(name, { fn: { node, closure: frame, file } });
      else if (tsx.isClassDeclaration(node)) props.set(name, { cls: node });
      else if (tsx.isShorthandPropertyAssignment(node)) props.set(name, it.expr(node.name, frame));
      else if (tsx.isVariableDeclaration(node)) props.set(name, node.initializer ? it.expr(node.initializer, frame) : {});
      else if (tsx.isExpression(node)) props.set(name, it.expr(node, frame));
    }
    reExports(it, code.sf, props);
  } finally {
    it.file = saved;
  }
  // `module.exports = fn`: requiring the module gives the function itself.
  const def = props.get('default');
  if (def && (def.fn || def.cls) && props.size === 1) Object.assign(exportsAV, { fn: def.fn, cls: def.cls });
  return exportsAV;
}
