// The files of a CDK app as the reader (interp.ts) sees them: each local file's top-level scope,
// evaluated once, its imports bound (CDK modules as symbols, local files by their exports, `path`
// and `url` as the few built-ins the reader knows), and nothing outside the app's root.
import * as path from 'node:path';
import ts from 'typescript';
import { cdkModule, Env, force, lazy, namespaceModule, Return, UNKNOWN, type CdkHost, type CV, type Instance, type Prop, type SourceRef } from './cv.js';

const TS_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

export abstract class CdkFiles {
  /** Files read, for the model's cache key. */
  readonly files = new Set<string>();
  private readonly fileEnvs = new Map<string, Env>();
  private readonly evaluating = new Set<string>();

  constructor(
    protected readonly host: CdkHost,
    private readonly root: string,
  ) {}

  protected abstract execAll(stmts: readonly ts.Statement[], env: Env, src: SourceRef, self: Instance | undefined): void;

  private resolveLocal(from: string, spec: string): string | undefined {
    const base = path.resolve(path.dirname(from), spec);
    const rel = path.relative(this.root, base);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    const candidates = [base, ...TS_EXTS.map((e) => base + e), ...TS_EXTS.map((e) => path.join(base, 'index' + e))];
    // `import './x.js'` in TypeScript sources names the compiled file: try the .ts beside it.
    if (/\.[cm]?js$/.test(base)) candidates.unshift(base.replace(/\.([cm]?)js$/, '.$1ts'));
    for (const c of candidates) if (this.host.load(c)) return c;
    return undefined;
  }

  /** The top-level environment of a file, executed once (a cycle sees what is bound so far). */
  fileEnv(file: string): Env {
    const cached = this.fileEnvs.get(file);
    if (cached) return cached;
    const env = new Env();
    this.fileEnvs.set(file, env);
    const src = this.host.load(file);
    if (!src || this.evaluating.has(file)) return env;
    this.files.add(file);
    this.evaluating.add(file);
    try {
      env.vars.set('__dirname', { k: 'lit', v: path.dirname(file), node: src.sf, src });
      this.hoist(src.sf.statements, env, src);
      this.execAll(src.sf.statements, env, src, undefined);
    } catch (e) {
      if (!(e instanceof Return)) throw e;
    } finally {
      this.evaluating.delete(file);
    }
    return env;
  }

  protected importValue(spec: string, from: SourceRef): { module?: string; file?: string } {
    const module = cdkModule(spec);
    if (module) return { module };
    if (spec.startsWith('.')) return { file: this.resolveLocal(from.file, spec) };
    if (spec === 'path' || spec === 'node:path') return { module: 'path' };
    if (spec === 'url' || spec === 'node:url') return { module: 'url' };
    return {};
  }

  private bindImport(decl: ts.ImportDeclaration, env: Env, src: SourceRef): void {
    if (!ts.isStringLiteral(decl.moduleSpecifier) || !decl.importClause) return;
    const target = this.importValue(decl.moduleSpecifier.text, src);
    const c = decl.importClause;
    const exported = (name: string): CV => {
      if (target.module) return target.module === 'core' && namespaceModule(name) ? { k: 'module', module: namespaceModule(name)! } : { k: 'cdk', module: target.module, path: [name], node: decl, src };
      if (target.file) return force(this.fileEnv(target.file).get(name)) ?? UNKNOWN;
      return UNKNOWN;
    };
    if (c.name) env.vars.set(c.name.text, target.module ? { k: 'module', module: target.module } : exported('default'));
    const nb = c.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) env.vars.set(nb.name.text, target.module ? { k: 'module', module: target.module } : this.namespaceOf(target.file));
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) env.vars.set(el.name.text, lazy(() => exported((el.propertyName ?? el.name).text)));
  }

  /** `import * as x from './file'`: an object of its exports. */
  protected namespaceOf(file: string | undefined): CV {
    if (!file) return UNKNOWN;
    const env = this.fileEnv(file);
    const src = this.host.load(file)!;
    const props = new Map<string, Prop>();
    for (const [name, value] of env.vars) props.set(name, { key: src.sf, value: force(value) ?? UNKNOWN, src, expr: src.sf });
    return { k: 'obj', props, node: src.sf, src };
  }

  /** Function and class declarations (and imports) are bound before the statements run. */
  protected hoist(stmts: ts.NodeArray<ts.Statement>, env: Env, src: SourceRef): void {
    for (const s of stmts) {
      if (ts.isImportDeclaration(s)) this.bindImport(s, env, src);
      else if (ts.isFunctionDeclaration(s) && s.name && s.body) env.vars.set(s.name.text, { k: 'fn', decl: s, env, src });
      else if (ts.isClassDeclaration(s) && s.name) env.vars.set(s.name.text, { k: 'class', decl: s, env, src });
      else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression)) {
        const t = this.importValue(s.moduleReference.expression.text, src);
        env.vars.set(s.name.text, t.module ? { k: 'module', module: t.module } : this.namespaceOf(t.file));
      }
    }
  }
}
