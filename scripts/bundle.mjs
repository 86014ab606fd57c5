// Bundles the extension (dist/extension.js), the CLI (dist/cli.js, an entry that runs dist/cli-main.js
// or, for `faasguard lsp`, dist/server.js), the
// language server the extension starts (dist/server.js: the connection only, no engine) and its
// analysis worker (dist/analysis-worker.js, a worker thread started from beside either) with esbuild.
// TypeScript (the JS/TS parser), yaml and the IAM table are bundled in: nothing is fetched at run time.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
// One ES-module view of TypeScript for the whole bundle: each of the ~30 modules that import it
// would otherwise get its own interop copy of its ~2,000 exports at load (~100 ms of every worker
// and CLI start, the cold-start path).
const oneTypeScript = {
  name: 'one-typescript',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, (args) => (args.namespace === 'one-typescript' ? undefined : { path: 'typescript', namespace: 'one-typescript' }));
    b.onLoad({ filter: /.*/, namespace: 'one-typescript' }, () => ({ contents: "import ts from 'typescript';\nexport default ts;\n", resolveDir: root, loader: 'js' }));
  },
};
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'warning', absWorkingDir: root, plugins: [oneTypeScript] };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // dist/cli.js is a small entry: `lsp` starts dist/server.js, every other command dist/cli-main.js.
  build({ ...common, entryPoints: ['server/src/cli-entry.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/cli-main.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' }),
]);
// The tree-sitter runtime and grammars (WebAssembly) ship beside dist/cli.js, where the loader looks first.
const require = createRequire(import.meta.url);
const wasm = [
  'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-python/tree-sitter-python.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
];
for (const w of wasm) fs.copyFileSync(require.resolve(w), path.join(root, 'dist', path.basename(w)));
console.log(`bundle: dist/extension.js, dist/cli.js, dist/cli-main.js, dist/server.js, dist/analysis-worker.js, ${wasm.length} .wasm files`);
