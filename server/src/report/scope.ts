// What encloses a finding, for its SARIF fingerprint: the function of handler code, the resource
// (or top-level key path) of a config file, the block of a Terraform file. Read from the file's
// text alone, so it does not depend on a message's wording or on the line the finding moved to.
// Bounded: a file that does not parse, or nests too deep, gives '' (the fingerprint still has the
// rule, the message id, the file and the token).
import ts from 'typescript';
import * as YAML from 'yaml';

const MAX_DEPTH = 64;

/** Names what encloses offsets of files, parsing each file at most once. */
export class ScopeReader {
  private readonly parsed = new Map<string, YAML.Document | ts.SourceFile | null>();

  /** A name for what encloses `offset` in `file` ('' at the top level or when unknown). */
  scopeAt(file: string, text: string, offset: number): string {
    try {
      if (/\.tf$/i.test(file)) return terraformBlock(text, offset);
      if (/\.py$/i.test(file)) return pythonScope(text, offset);
      if (/\.(ya?ml|json|template)$/i.test(file)) {
        const doc = this.parse(file, () => YAML.parseDocument(text, { uniqueKeys: false }));
        return doc ? configPath(doc as YAML.Document, offset) : '';
      }
      if (/\.[cm]?[jt]sx?$/i.test(file)) {
        const sf = this.parse(file, () => jsSource(file, text));
        return sf ? jsScope(sf as ts.SourceFile, offset) : '';
      }
    } catch {
      // a file the scope cannot be read from: no scope
    }
    return '';
  }

  private parse<T extends YAML.Document | ts.SourceFile>(file: string, make: () => T): T | null {
    if (!this.parsed.has(file)) {
      let v: T | null = null;
      try {
        v = make();
      } catch {
        v = null;
      }
      this.parsed.set(file, v);
    }
    return this.parsed.get(file) as T | null;
  }
}

/** The first two keys of the path to the offset: `Resources.PreviewFunction`, `functions.createOrder`, `provider.iam`. */
function configPath(doc: YAML.Document, offset: number): string {
  const keys: string[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < MAX_DEPTH && keys.length < 2 && node; depth++) {
    if (YAML.isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as YAML.Node | null;
        const v = p.value as YAML.Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0];
        const end = v?.range?.[2] ?? k?.range?.[2];
        return start !== undefined && end !== undefined && start <= offset && offset <= end;
      });
      if (!pair) break;
      keys.push(String(YAML.isScalar(pair.key) ? pair.key.value : pair.key));
      node = pair.value;
    } else if (YAML.isSeq(node)) {
      const item = node.items.find((i) => {
        const r = (i as YAML.Node | null)?.range;
        return !!r && r[0] <= offset && offset <= r[2];
      });
      node = item;
    } else break;
  }
  return keys.join('.');
}

const TF_BLOCK = /^(resource|data|module|provider|variable|output|locals)\b((?:\s+"[^"\n]*")*)\s*\{/;

/** The top-level block that holds the offset: `resource.aws_lambda_function.exporter`. */
function terraformBlock(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  for (let i = before.length - 1; i >= 0; i--) {
    const m = TF_BLOCK.exec(before[i]);
    if (m) return [m[1], ...[...m[2].matchAll(/"([^"\n]*)"/g)].map((x) => x[1])].join('.');
  }
  return '';
}

/** The `def` and `class` names whose bodies hold the offset, outermost first: `Handler.handle`. */
function pythonScope(text: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n');
  const here = lines[lines.length - 1];
  let indent = /^\s*/.exec(here)![0].length;
  if (here.trim() === '') indent = Infinity;
  const names: string[] = [];
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const ind = /^\s*/.exec(line)![0].length;
    if (ind >= indent) continue;
    indent = ind;
    const m = /^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/.exec(line);
    if (m) names.unshift(m[1]);
  }
  return names.join('.');
}

/** The named functions, methods and classes whose bodies hold the offset, outermost first. */
function jsSource(file: string, text: string): ts.SourceFile {
  const kind = /\.tsx$/i.test(file) ? ts.ScriptKind.TSX : /\.[cm]?ts$/i.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

function jsScope(sf: ts.SourceFile, offset: number): string {
  const names: string[] = [];
  let node: ts.Node = sf;
  for (let depth = 0; depth < 10_000; depth++) {
    const child: ts.Node | undefined = node.forEachChild((c) => (c.getStart(sf) <= offset && offset < c.end ? c : undefined));
    if (!child) break;
    const name = scopeName(child);
    if (name) names.push(name);
    node = child;
  }
  return names.join('.');
}

function scopeName(n: ts.Node): string | undefined {
  const named = (x: ts.Node | undefined) => (x && (ts.isIdentifier(x) || ts.isStringLiteral(x) || ts.isPrivateIdentifier(x)) ? x.text : undefined);
  if (ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isMethodDeclaration(n)) return named(n.name) ?? '<anonymous>';
  if (ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isClassExpression(n)) {
    const p = n.parent;
    if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return named(p.name) ?? '<anonymous>';
    if (ts.isBinaryExpression(p) && p.right === n) return p.left.getText().replace(/\s+/g, '');
    return (ts.isFunctionExpression(n) || ts.isClassExpression(n) ? named(n.name) : undefined) ?? '<anonymous>';
  }
  return undefined;
}
