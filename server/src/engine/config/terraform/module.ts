// Terraform module instances: a folder's `.tf` files as one configuration (its variables, locals,
// resources, data sources, outputs), and the local modules it calls (`source = "./modules/x"`),
// each instantiated with the caller's input expressions. `count` and `for_each` are read as "one or
// more": a resource or module is instantiated once. Modules from a registry or a URL are not read
// (their outputs are unknown). Nothing outside the workspace root is read.
import * as path from 'node:path';
import type { ParsedDocument } from '../parse.js';
import type { Attr, Block, Expr, HclFile } from './hcl.js';

/** How the Terraform reader reaches the workspace. */
export interface TfHost {
  /** Parsed `.tf` files of a workspace folder, sorted by name ([] outside the root or when there are none). */
  dirFiles(dir: string): HclFile[];
  /** A workspace file's text (undefined outside the root, missing, or too large). */
  readFile(file: string): string | undefined;
  /** The document (format `hcl`) that nodes built over a `.tf` file belong to. */
  docFor(file: HclFile): ParsedDocument;
  /** Every file the reader reads is added here (the model's cache key). */
  filesRead: Set<string>;
}

export const MAX_MODULE_DEPTH = 8;
const MAX_MODULES = 200;

export interface Located<T> {
  item: T;
  file: HclFile;
}

export class TfModule {
  readonly variables = new Map<string, Located<Block>>();
  /** Input expressions from the `module` block that instantiated this one, evaluated in the caller. */
  readonly inputs = new Map<string, { attr: Attr; file: HclFile; caller: TfModule }>();
  readonly locals = new Map<string, Located<Attr>>();
  /** `type.name` -> the resource block. */
  readonly resources = new Map<string, Located<Block>>();
  /** `type.name` -> the data block. */
  readonly data = new Map<string, Located<Block>>();
  readonly outputs = new Map<string, Located<Attr>>();
  /** Local modules called from here, by name (undefined when the source is not a local folder). */
  readonly children = new Map<string, TfModule | undefined>();
  /** On the root module: the local modules not read because of a bound (depth, count) or the workspace's edge, said once each. */
  readonly skipped: { file: string; start: number; end: number; message: string }[] = [];

  constructor(
    /** Address prefix of everything in this instance: '' for the root, `module.a.` below it. */
    readonly prefix: string,
    readonly dir: string,
    readonly rootDir: string,
    readonly files: HclFile[],
    readonly parent?: TfModule,
  ) {
    for (const file of files) {
      for (const b of file.blocks) {
        const [l0, l1] = b.labels;
        if (b.type === 'resource' && l0 && l1) this.resources.set(`${l0.value}.${l1.value}`, { item: b, file });
        else if (b.type === 'data' && l0 && l1) this.data.set(`${l0.value}.${l1.value}`, { item: b, file });
        else if (b.type === 'variable' && l0) this.variables.set(l0.value, { item: b, file });
        else if (b.type === 'locals') for (const a of b.body.attrs) this.locals.set(a.name, { item: a, file });
        else if (b.type === 'output' && l0) {
          const v = b.body.attrs.find((a) => a.name === 'value');
          if (v) this.outputs.set(l0.value, { item: v, file });
        }
      }
    }
  }

  /** Module blocks of this instance. */
  moduleBlocks(): Located<Block>[] {
    return this.files.flatMap((file) => file.blocks.filter((b) => b.type === 'module' && b.labels[0]).map((item) => ({ item, file })));
  }

  /** Every instance from this one down (iterative). */
  all(): TfModule[] {
    const out: TfModule[] = [];
    const stack: TfModule[] = [this];
    while (stack.length > 0) {
      const m = stack.pop()!;
      out.push(m);
      for (const c of [...m.children.values()].reverse()) if (c) stack.push(c);
    }
    return out;
  }

  /** `path.module`: the folder relative to the root module's, as Terraform gives it. */
  get relDir(): string {
    const rel = path.relative(this.rootDir, this.dir).split(path.sep).join('/');
    return rel === '' ? '.' : rel;
  }
}

function literalSource(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'literal' && typeof e.value === 'string') return e.value;
  return undefined;
}

/** Whether `dir` is `root` or inside it. */
export function isWithin(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Instantiates the root module of a folder and, breadth first, the local modules it calls, bounded
 * in depth and count (a module that calls itself, directly or not, is not instantiated again).
 */
export function loadRootModule(dir: string, files: HclFile[], host: TfHost, workspaceRoot: string): TfModule {
  const root = new TfModule('', dir, dir, files);
  const queue: { mod: TfModule; depth: number; ancestry: Set<string> }[] = [{ mod: root, depth: 0, ancestry: new Set([dir]) }];
  let count = 1;
  while (queue.length > 0) {
    const { mod, depth, ancestry } = queue.shift()!;
    for (const { item: b, file } of mod.moduleBlocks()) {
      const name = b.labels[0].value;
      const src = literalSource(b.body.attrs.find((a) => a.name === 'source')?.value);
      const local = src !== undefined && (src.startsWith('./') || src.startsWith('../'));
      const childDir = local ? path.resolve(mod.dir, src) : undefined;
      if (!childDir || depth + 1 > MAX_MODULE_DEPTH || count >= MAX_MODULES || ancestry.has(childDir) || !isWithin(workspaceRoot, childDir)) {
        mod.children.set(name, undefined);
        const why = !childDir || ancestry.has(childDir) ? undefined
          : !isWithin(workspaceRoot, childDir) ? `its source ${src} is outside the workspace, not read`
          : depth + 1 > MAX_MODULE_DEPTH ? `it is nested deeper than ${MAX_MODULE_DEPTH} modules, not read`
          : `the configuration calls more than ${MAX_MODULES} modules, the rest are not read`;
        if (why) root.skipped.push({ file: file.file, start: b.start, end: b.typeEnd, message: `Module ${name}: ${why}; what it defines is unknown to the analysis.` });
        continue;
      }
      const childFiles = host.dirFiles(childDir);
      if (childFiles.length === 0) {
        mod.children.set(name, undefined);
        continue;
      }
      for (const f of childFiles) host.filesRead.add(f.file);
      const child = new TfModule(`${mod.prefix}module.${name}.`, childDir, dir, childFiles, mod);
      for (const a of b.body.attrs) {
        if (!['source', 'version', 'count', 'for_each', 'providers', 'depends_on'].includes(a.name)) child.inputs.set(a.name, { attr: a, file, caller: mod });
      }
      mod.children.set(name, child);
      count++;
      queue.push({ mod: child, depth: depth + 1, ancestry: new Set([...ancestry, childDir]) });
    }
  }
  return root;
}

/** Folders whose `.tf` files are called as a local module by another folder: they are not roots. */
export function calledModuleDirs(dirs: Map<string, HclFile[]>): Set<string> {
  const out = new Set<string>();
  for (const [dir, files] of dirs) {
    for (const f of files) {
      for (const b of f.blocks) {
        if (b.type !== 'module') continue;
        const src = literalSource(b.body.attrs.find((a) => a.name === 'source')?.value);
        if (src !== undefined && (src.startsWith('./') || src.startsWith('../'))) out.add(path.resolve(dir, src));
      }
    }
  }
  return out;
}
