// The parse floor of a scan: read every file the scan considers (the engine's own discovery) and
// parse each once with the same parsers (TypeScript for JS/TS, tree-sitter for Python and HCL,
// `yaml` for configs), in one process, single-threaded, with no analysis. Prints one JSON line:
// { ms, files, parsed, bytes }. Usage: node scripts/parse-floor.mjs [--build DIR] <workspace>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const bi = args.indexOf('--build');
const build = bi >= 0 ? path.resolve(args.splice(bi, 2)[1]) : path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(args[0] ?? '.');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(build, 'out', p));
const { DiskHost } = out('server/src/engine/host.js');
const { discover, fileRole } = out('server/src/engine/workspace.js');
const { parseConfigText } = out('server/src/engine/config/parse.js');
const { mayBeConfig } = out('server/src/engine/config/detect.js');
const { parseCode } = out('server/src/engine/code/parse.js');
const { loadParsers, parserFor } = out('server/src/engine/util/tree-sitter.js');
await loadParsers();

const t0 = performance.now();
const files = discover(root, new DiskHost()).files;
let parsed = 0;
let bytes = 0;
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  bytes += text.length;
  const role = fileRole(f);
  if (role === 'data') {
    if (mayBeConfig(f, text)) parseConfigText(f, text), parsed++;
  } else if (role === 'js') parseCode(f, text, 'js'), parsed++;
  else if (role === 'python') parserFor('python').parse(text).delete(), parsed++; // tree-sitter only: the plain AST is analysis
  else if (role === 'terraform') parserFor('terraform').parse(text).delete(), parsed++;
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, files: files.length, parsed, bytes }));
