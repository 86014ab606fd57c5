// The tree-sitter runtime (web-tree-sitter, WebAssembly) and the grammars FaaSGuard parses with:
// Python handlers (tree-sitter-python) and Terraform configs (the tree-sitter-terraform grammar of
// @tree-sitter-grammars/tree-sitter-hcl). WebAssembly loads asynchronously, once per process, so the
// CLI, the language server and the tests call `loadParsers()` before analysing; after that, parsing
// is synchronous like everything else in the engine. The .wasm files come from the packages (or,
// in the bundle, from beside dist/cli.js): nothing is fetched.
//
// Positions: web-tree-sitter parses JS strings as UTF-16, so `startIndex`/`endIndex` are JS string
// offsets, the same unit as every Span and as LSP.
import * as fs from 'node:fs';
import * as path from 'node:path';
// `require`, not `import`: bundlers then take the package's CommonJS build, which finds its files
// through __dirname (its ESM build needs import.meta.url, which a CommonJS bundle does not have).
import TreeSitter = require('web-tree-sitter');

type Language = TreeSitter.Language;
type Parser = TreeSitter.Parser;
const { Language, Parser } = TreeSitter;

export type Grammar = 'python' | 'terraform';

const WASM: Record<Grammar | 'runtime', { file: string; pkg: string }> = {
  runtime: { file: 'web-tree-sitter.wasm', pkg: 'web-tree-sitter/web-tree-sitter.wasm' },
  python: { file: 'tree-sitter-python.wasm', pkg: 'tree-sitter-python/tree-sitter-python.wasm' },
  terraform: { file: 'tree-sitter-terraform.wasm', pkg: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm' },
};

/** Beside the running bundle (dist/), else from the package in node_modules. */
function locate(which: Grammar | 'runtime'): string {
  const { file, pkg } = WASM[which];
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(pkg);
}

let loading: Promise<void> | undefined;
const languages = new Map<Grammar, Language>();
const parsers = new Map<Grammar, Parser>();
let failure: string | undefined;

/** Loads the runtime and every grammar. Idempotent; never rejects (a failure is kept for `parserFor`). */
export function loadParsers(): Promise<void> {
  loading ??= (async () => {
    try {
      const runtime = locate('runtime');
      await Parser.init({ locateFile: () => runtime });
      for (const g of ['python', 'terraform'] as const) {
        languages.set(g, await Language.load(fs.readFileSync(locate(g))));
      }
    } catch (e) {
      failure = (e as Error).message;
    }
  })();
  return loading;
}

/** True once `loadParsers()` has finished and the grammar is available. */
export function parsersReady(grammar: Grammar): boolean {
  return languages.has(grammar);
}

/**
 * A parser for the grammar (one per grammar, reused: parsing is synchronous and single-threaded).
 * Throws when `loadParsers()` has not completed, with the reason when loading failed.
 */
export function parserFor(grammar: Grammar): Parser {
  let p = parsers.get(grammar);
  if (p) return p;
  const lang = languages.get(grammar);
  if (!lang) throw new Error(failure ? `the ${grammar} parser could not be loaded (${failure})` : `the ${grammar} parser is not loaded yet`);
  p = new Parser();
  p.setLanguage(lang);
  parsers.set(grammar, p);
  return p;
}

export type SyntaxNode = TreeSitter.Node;
export type Tree = TreeSitter.Tree;
export type Edit = TreeSitter.Edit;

/** A tree-sitter edit (offsets and positions in UTF-16 units, like every Span). */
export function makeEdit(e: ConstructorParameters<typeof TreeSitter.Edit>[0]): Edit {
  return new TreeSitter.Edit(e);
}
