// Python: string literals written as credentials, judged by secrets/detect.ts. A literal gets the
// name of what it initialises: a variable (`API_KEY = "..."`), an attribute (`self.token = ...`), a
// dict key (`{"password": ...}`), a keyword argument (`connect(password=...)`), a parameter default,
// or the fallback of an environment read (`os.environ.get("TOKEN", "...")`). Docstrings and f-strings
// are not credentials; test code is not checked. Handler code is the handler's file and the local
// modules it imports (not scripts, and not the packages vendored into a layer beside it).
import { child, type CodeRuleContext, detectSecret, dottedName, type PyNode, reachablePyFiles, stringText } from '../../server/src/engine/rule-kit.js';

const TEST_FILE = /(^|\/)(tests?|__tests__|fixtures?|mocks?)\/|(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;

function targetName(n: PyNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return child(n, 'attribute')?.text;
  if (n.type === 'subscript') {
    const k = child(n, 'subscript');
    return k ? stringText(k) : undefined;
  }
  return undefined;
}

/** The name a string literal is given, looking through `or` fallbacks and parentheses. */
function ownerName(lit: PyNode): string | undefined {
  let n = lit;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || (n.parent.type === 'boolean_operator' && n.field === 'right'))) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if (p.type === 'assignment' && n.field === 'right') return targetName(child(p, 'left'));
  if (p.type === 'pair' && n.field === 'value') {
    const k = child(p, 'key');
    return k ? stringText(k) : undefined;
  }
  if (p.type === 'keyword_argument' && n.field === 'value') return child(p, 'name')?.text;
  if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && n.field === 'value') return child(p, 'name')?.text;
  // os.environ.get("API_TOKEN", "<fallback>") / os.getenv("API_TOKEN", "<fallback>")
  if (p.type === 'argument_list' && p.children.indexOf(n) === 1 && p.parent?.type === 'call') {
    const f = dottedName(child(p.parent, 'function')) ?? '';
    if (/(^|\.)(getenv|environ\.get|environ\.setdefault)$/.test(f)) return p.children[0] ? stringText(p.children[0]) : undefined;
  }
  return undefined;
}

export function checkPython(ctx: CodeRuleContext): void {
  for (const code of reachablePyFiles(ctx)) {
    if (!TEST_FILE.test(code.file)) checkFile(ctx, code.file, code.py!);
  }
}

interface Hit {
  node: PyNode;
  message: string;
}

/** The hits of one top-level statement: its literals alone decide them, so they are kept with it while it is unchanged. */
const byStatement = new WeakMap<PyNode, Hit[]>();

function statementHits(st: PyNode): Hit[] {
  let hits = byStatement.get(st);
  if (hits) return hits;
  hits = [];
  const stack = [st];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    // A docstring documents: it is not a value the code uses.
    if (n.type !== 'string' || n.parent?.type === 'expression_statement') continue;
    const value = stringText(n);
    if (value === undefined) continue;
    const name = ownerName(n);
    const m = detectSecret(name, value);
    if (!m) continue;
    const what = name ? `${name} holds ${m.kind}` : `This string is ${m.kind}`;
    hits.push({ node: n, message: `${what} written in the code. Read it at run time from Secrets Manager or SSM Parameter Store (or from an environment variable set from one).` });
  }
  byStatement.set(st, hits);
  return hits;
}

function checkFile(ctx: CodeRuleContext, file: string, py: NonNullable<CodeRuleContext['code']['py']>): void {
  for (const st of py.root.children) {
    for (const h of statementHits(st)) ctx.report({ span: { file, start: h.node.start, end: h.node.end }, message: h.message });
  }
}
