// Worst-case file shapes for the rules (issue 9, class 6), each under the 2 MB limit, each beside a
// serverless.yml that names the file as an API handler. scripts/worst-case.mjs times every rule on
// them; test/reliability.test.ts checks that they are analysed completely.
export interface Shape {
  name: string;
  files: () => Record<string, string>;
}

const SLS = (handler: string) => `service: worst\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  api:\n    handler: ${handler}\n    events:\n      - httpApi: POST /x\n`;

function handler(body: string, head = ''): Record<string, string> {
  return { 'serverless.yml': SLS('src/h.handler'), 'src/h.js': `${head}exports.handler = async (event) => {\n${body}\n  return { statusCode: 200 };\n};\n` };
}

/** A base64url run of `n` characters that never ends in a JWT's second dot. */
function b64(n: number, seed: number): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let i = 0; i < n; i++) s += A[(i * 7 + seed * 13) % 64];
  return s;
}

export const SHAPES: Shape[] = [
  { name: 'jwt-like strings (90 x 20 KB)', files: () => handler(Array.from({ length: 90 }, (_, i) => `  const t${i} = "${'-eyJ'.repeat(4_990)}${b64(i + 1, i)}";`).join('\n')) },
  { name: 'jwt-like strings in YAML (90 x 20 KB)', files: () => ({ 'serverless.yml': SLS('src/h.handler') + '    environment:\n' + Array.from({ length: 90 }, (_, i) => `      API_TOKEN_${i}: "${'-eyJ'.repeat(4_990)}.eyJ${b64(40, i)}"`).join('\n') + '\n', 'src/h.js': 'exports.handler = async () => ({ statusCode: 200 });\n' }) },
  { name: 'log of a 20,000-term + chain', files: () => handler(`  const a = event.body;\n  console.log(${Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'a' : `"p${i}"`)).join(' + ')});`) },
  { name: 'log of && and ?? chains (10,000 terms)', files: () => handler(`  const a = event.headers;\n  console.log(${Array(10_000).fill('a').join(' && ')});\n  console.log(${Array(10_000).fill('a.x').join(' ?? ')});`) },
  { name: '10,000 chained variables logged', files: () => handler(`  const v0 = event.body;\n${Array.from({ length: 10_000 }, (_, i) => `  const v${i + 1} = v${i};`).join('\n')}\n  console.log(v10000);`) },
  { name: '6,000 catches', files: () => handler(Array.from({ length: 6_000 }, (_, i) => `  try { JSON.parse(event.body); } catch (e${i}) { }`).join('\n')) },
  { name: '10,000 suppression comments', files: () => handler(Array.from({ length: 10_000 }, (_, i) => `  // faasguard-ignore no-event-data-in-shell: reviewed ${i}\n  require('child_process').exec(event.body);`).join('\n')) },
  { name: '10,000 suppressions in YAML', files: () => ({ 'serverless.yml': SLS('src/h.handler') + Array.from({ length: 10_000 }, (_, i) => `# faasguard-ignore no-wildcard-iam-action: reviewed ${i}`).join('\n') + '\n', 'src/h.js': 'exports.handler = async () => ({ statusCode: 200 });\n' }) },
  { name: '1,000-helper chain to exec', files: () => handler('  h0(event.body);', `const { exec } = require('child_process');\n${Array.from({ length: 1_000 }, (_, i) => `function h${i}(x) { return h${i + 1}(x); }`).join('\n')}\nfunction h1000(x) { exec(x); }\n`) },
  { name: '3,000 nested ternaries and unary chains', files: () => handler(`  const a = ${'event.x ? 1 : '.repeat(3_000)}2;\n  const b = ${'!'.repeat(3_000)}event.y;`) },
];
