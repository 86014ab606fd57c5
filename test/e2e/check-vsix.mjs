// Checks the packaged .vsix before the e2e test installs it: it holds the four bundles (extension, CLI, language server, analysis worker), the tree-sitter
// .wasm files, the manifest, the README, the licence and every rule's README (the docs that
// diagnostics link to), and nothing else: no sources, tests, rule cases, fixtures or examples. Prints the file list and its size.
// Usage: node test/e2e/check-vsix.mjs [faasguard.vsix]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsix = process.argv[2] ?? path.join(root, 'faasguard.vsix');
const buf = fs.readFileSync(vsix);

/** Entry names and sizes from the zip's central directory. */
function entries(zip) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${vsix} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const size = zip.readUInt32LE(at + 24);
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    out.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLen), size });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const files = entries(buf);
const names = new Set(files.map((f) => f.name));
const rules = fs.readdirSync(path.join(root, 'rules')).filter((d) => fs.existsSync(path.join(root, 'rules', d, 'README.md')));
const expected = [
  'extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json', 'extension/readme.md', 'extension/LICENSE.txt',
  'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/cli-main.js', 'extension/dist/server.js', 'extension/dist/analysis-worker.js',
  'extension/dist/web-tree-sitter.wasm', 'extension/dist/tree-sitter-python.wasm', 'extension/dist/tree-sitter-terraform.wasm', ...rules.map((r) => `extension/rules/${r}/README.md`),
];
const problems = [
  ...expected.filter((n) => !names.has(n)).map((n) => `missing: ${n}`),
  ...[...names].filter((n) => !expected.includes(n)).map((n) => `unexpected: ${n}`),
];
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
for (const f of files) console.log(`  ${String(f.size).padStart(10)}  ${f.name}`);
console.log(`vsix: ${path.basename(vsix)} ${mb(buf.length)} (${files.length} files, ${mb(files.reduce((n, f) => n + f.size, 0))} unpacked)`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
