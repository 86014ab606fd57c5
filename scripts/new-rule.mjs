// `npm run new-rule -- <id> --category <category> --scope model|code`: writes rules/<id>/ (rule.ts,
// README.md with every section, one invalid and one valid case), then rebuilds and regenerates the
// rule index, the cases' snapshots, the README rules table and the settings schema. The new rule works as written (it
// finds a small, real thing) and passes the rule tests, so that the author starts from green and
// changes it into the rule they want. See CONTRIBUTING.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const CATEGORIES = ['injection', 'permissions', 'logging', 'secrets', 'misconfiguration'];
const USAGE = 'usage: npm run new-rule -- <id> --category <injection|permissions|logging|secrets|misconfiguration> --scope <model|code> [--no-build]';

export function parse(argv) {
  const out = { id: undefined, category: undefined, scope: undefined, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--category' || a === '--scope') {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      out[a.slice(2)] = v;
    } else if (a === '--no-build') out.build = false;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (out.id) throw new Error(`one rule id, not ${out.id} and ${a}`);
    else out.id = a;
  }
  if (!out.id) throw new Error('a rule id is needed');
  if (!/^(no|require)(-[a-z0-9]+)+$/.test(out.id)) throw new Error(`rule id ${out.id} is not kebab-case and verb-first (no-... or require-...)`);
  if (!CATEGORIES.includes(out.category)) throw new Error(`--category must be one of ${CATEGORIES.join(', ')}`);
  if (out.scope !== 'model' && out.scope !== 'code') throw new Error('--scope must be model or code');
  return out;
}

function modelRule(id, category) {
  return `import { defineRule, type ModelRuleContext } from '../../server/src/engine/rule-kit.js';

// A model rule reads the application model (functions, settings, roles, triggers), never raw config.
// This one, as written by \`npm run new-rule\`, finds a DEBUG variable set to 'true' in a function's
// environment. Change it into your rule, with its cases and README.
export default defineRule({
  id: '${id}',
  scope: 'model',
  meta: {
    category: '${category}',
    severity: 'warning',
    title: 'Debug mode left on in a deployed function',
    description:
      'The function is deployed with DEBUG=true in its environment: debug output tends to log request data and internal details, and debug code paths are rarely reviewed.',
    cwe: ['CWE-489'],
    owasp: ['A05:2021 Security Misconfiguration'],
    fix: 'unsafe',
    messages: {
      'debug-on': 'A function is deployed with DEBUG=true in its environment.',
    },
  },
  check(ctx: ModelRuleContext) {
    for (const fn of ctx.model.functions) {
      for (const v of fn.settings.environment.variables) {
        if (v.name !== 'DEBUG' || v.overridden || v.value.state !== 'set' || v.value.value.toLowerCase() !== 'true') continue;
        ctx.report({
          span: v.value.span,
          messageId: 'debug-on',
          message: \`Function \${fn.id} is deployed with DEBUG=true. Turn debug mode off in deployed functions.\`,
          fixes: [{ id: 'turn-debug-off', title: 'Set DEBUG to false', edits: [{ ...v.value.span, newText: "'false'" }], changesBehaviour: true, isPreferred: true }],
        });
      }
    }
  },
});
`;
}

function codeRule(id, category) {
  return `import ts from 'typescript';
import { defineRule, nodesOfKind, type CodeRuleContext } from '../../server/src/engine/rule-kit.js';

// A code rule reads one handler file at a time (the parsed tree, the functions and triggers config
// gives it, taint flows). This one, as written by \`npm run new-rule\`, finds \`debugger\` statements
// left in JavaScript and TypeScript handler code. Change it into your rule, with its cases and README.
export default defineRule({
  id: '${id}',
  scope: 'code',
  languages: ['js'],
  meta: {
    category: '${category}',
    severity: 'warning',
    title: 'Debugger statement left in handler code',
    description:
      'A debugger statement is left in code that is deployed: it does nothing in Lambda, but it shows debugging code that was never reviewed or removed.',
    cwe: ['CWE-489'],
    owasp: ['A05:2021 Security Misconfiguration'],
    fix: 'safe',
    messages: {
      debugger: 'A debugger statement is left in handler code.',
    },
  },
  check(ctx: CodeRuleContext) {
    const sf = ctx.code.sf;
    if (!sf || !ctx.code.text.includes('debugger')) return;
    for (const n of nodesOfKind(sf, ts.SyntaxKind.DebuggerStatement)) {
      const span = { file: ctx.code.file, start: n.getStart(sf), end: n.end };
      ctx.report({
        span,
        messageId: 'debugger',
        message: 'This debugger statement is left in handler code. Remove it.',
        fixes: [{ id: 'remove-debugger', title: 'Remove the debugger statement', edits: [{ ...span, newText: '' }], isPreferred: true }],
      });
    }
  },
});
`;
}

function readme(id, scope) {
  const example = scope === 'model'
    ? "```yaml\nservice: shop\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  api:\n    handler: src/api.handler\n    environment:\n      DEBUG: 'true'\n```"
    : "```js\nexports.handler = async (event) => {\n  debugger;\n  return { statusCode: 200 };\n};\n```";
  const fixed = scope === 'model'
    ? "```yaml\nservice: shop\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  api:\n    handler: src/api.handler\n    environment:\n      DEBUG: 'false'\n```"
    : "```js\nexports.handler = async (event) => {\n  return { statusCode: 200 };\n};\n```";
  return `# ${id}

${scope === 'model' ? 'Debug mode left on in a deployed function.' : 'A debugger statement left in handler code.'}

## What it finds

${scope === 'model' ? "Functions whose environment sets `DEBUG` to `'true'` (the function's own variables and the shared ones)." : 'Every `debugger` statement in JavaScript and TypeScript handler code.'}

## Why it matters

Debug code paths and debug output are rarely reviewed: they tend to log request data and internal
details that an attacker can use.

## Example

${example}

## Fixed example

${fixed}

## References

- CWE-489: Active Debug Code
- OWASP Top 10 2021 A05: Security Misconfiguration
`;
}

function cases(id, scope) {
  if (scope === 'model') {
    const sls = (label, value) => `service: shop\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  api:\n    handler: src/api.handler\n    environment:\n      # ${label}: ${id}\n      DEBUG: '${value}'\n`;
    return { 'debug-on.yml': sls('ruleid', 'true'), 'debug-on.yml.fixed': sls('ruleid', 'false'), 'debug-off.yml': sls('ok', 'false') };
  }
  return {
    'debugger.js': `exports.handler = async (event) => {\n  // ruleid: ${id}\n  debugger;\n  return { statusCode: 200 };\n};\n`,
    'debugger.js.fixed': `exports.handler = async (event) => {\n  // ruleid: ${id}\n  \n  return { statusCode: 200 };\n};\n`,
    'no-debugger.js': `exports.handler = async (event) => {\n  // ok: ${id}\n  return { statusCode: 200, body: 'debugger' };\n};\n`,
  };
}

export function scaffold(repo, { id, category, scope }) {
  const dir = path.join(repo, 'rules', id);
  if (fs.existsSync(dir)) throw new Error(`rules/${id} exists already`);
  fs.mkdirSync(path.join(dir, 'cases'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'rule.ts'), scope === 'model' ? modelRule(id, category) : codeRule(id, category));
  fs.writeFileSync(path.join(dir, 'README.md'), readme(id, scope));
  for (const [name, text] of Object.entries(cases(id, scope))) fs.writeFileSync(path.join(dir, 'cases', name), text);
  return dir;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`new-rule: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  try {
    const dir = scaffold(root, opts);
    console.log(`new-rule: wrote ${path.relative(root, dir)}/ (rule.ts, README.md, cases/)`);
    if (opts.build) {
      // The index is generated by the build; the cases' snapshots, the table and the settings from the compiled rules.
      run('npm', ['run', 'build', '--silent']);
      run('npm', ['run', 'snapshots', '--silent']);
      run('npm', ['run', 'docs', '--silent']);
    }
  } catch (e) {
    console.error(`new-rule: ${e.message}`);
    process.exit(1);
  }
}
