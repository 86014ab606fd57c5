// Who may import whom: rules import the engine only through engine/rule-kit.ts; the CLI and the
// language server share report/ and do not import each other; report/ is neutral (no editor types).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const REPO = path.join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'cases' ? [] : tsFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module specifier a file names: imports, re-exports, `import()` and `require()`. */
export function specifiers(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require')) && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) out.push(n.arguments[0].text);
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

const resolved = (file: string, spec: string) => (spec.startsWith('.') ? path.relative(REPO, path.resolve(path.dirname(file), spec)).split(path.sep).join('/') : spec);

describe('layering', () => {
  it('rules import the engine only through engine/rule-kit.ts', () => {
    const bad: string[] = [];
    for (const f of tsFiles(path.join(REPO, 'rules'))) {
      if (path.basename(f) === 'index.ts' && path.dirname(f) === path.join(REPO, 'rules')) continue; // the generated registry
      for (const s of specifiers(f)) {
        const r = resolved(f, s);
        if (r.startsWith('server/') && r !== 'server/src/engine/rule-kit.js') bad.push(`${path.relative(REPO, f)} imports ${s}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('cli/ and lsp/ do not import each other, and report/ imports neither (nor any editor package)', () => {
    const src = path.join(REPO, 'server', 'src');
    const check = (dir: string, forbidden: RegExp) =>
      tsFiles(path.join(src, dir)).flatMap((f) => specifiers(f).filter((s) => forbidden.test(resolved(f, s))).map((s) => `${path.relative(REPO, f)} imports ${s}`));
    assert.deepEqual(check('cli', /^server\/src\/lsp\//), []);
    assert.deepEqual(check('lsp', /^server\/src\/cli\//), []);
    assert.deepEqual(check('report', /^server\/src\/(cli|lsp)\/|^vscode/), []);
  });

  it('sees dynamic imports too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-layer-'));
    const f = path.join(dir, 'x.ts');
    fs.writeFileSync(f, "import type { A } from './a.js';\nexport { b } from './b.js';\nconst c = await import('./c.js');\nconst d = require('./d.js');\n");
    assert.deepEqual(specifiers(f), ['./a.js', './b.js', './c.js', './d.js']);
  });
});
