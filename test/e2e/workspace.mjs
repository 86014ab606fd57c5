// Lays out the e2e workspace: a copy of the example app (the test edits it) plus `generated/`, a few
// hundred clean handlers. They have no findings; they only make "Scan Workspace" take long enough
// (a few seconds) to see its progress notification count files and to press its Cancel button.
// Usage: node workspace.mjs <example-dir> <target-dir> [count]
import fs from 'node:fs';
import path from 'node:path';

const [src, dest, count = '600'] = process.argv.slice(2);
if (!src || !dest) throw new Error('usage: node workspace.mjs <example-dir> <target-dir> [count]');
fs.cpSync(src, dest, { recursive: true });
const dir = path.join(dest, 'generated');
fs.mkdirSync(dir, { recursive: true });
for (let i = 0; i < Number(count); i++) {
  const helpers = Array.from({ length: 40 }, (_, j) =>
    `function helper${j}(x) {\n  const y = String(x).trim();\n  if (y.length > ${j}) return y.slice(0, ${j});\n  return y + '-${j}';\n}\n`).join('');
  fs.writeFileSync(path.join(dir, `handler${i}.js`),
    `// Generated clean handler ${i}: constants reach the sink, the event only reaches Number().\n` +
    `const { execFile } = require('child_process');\n${helpers}` +
    `exports.handler = async (event) => {\n  const id = Number(event.pathParameters && event.pathParameters.id);\n` +
    `  execFile('convert', ['/tmp/in.png', '/tmp/out.png']);\n  return { statusCode: 200, body: helper1(id) };\n};\n`);
}
