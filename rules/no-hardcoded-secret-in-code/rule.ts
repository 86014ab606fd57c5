import ts from 'typescript';
import { type CodeRuleContext, defineRule, isEditedTree, judgeSecret, nodesOfKinds } from '../../server/src/engine/rule-kit.js';
import { checkPython } from './python.js';

/** Test code and fixtures are full of fake credentials: not reported. */
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?|mocks?)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

function nameOf(n: ts.Node | undefined): string | undefined {
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n) && ts.isStringLiteral(n.argumentExpression)) return n.argumentExpression.text;
  return undefined;
}

/** The name a string literal is given: the variable, property or parameter default it initialises. */
function ownerName(lit: ts.Node): string | undefined {
  let n: ts.Node = lit;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || (ts.isBinaryExpression(n.parent) && (n.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || n.parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) && n.parent.right === n))) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.initializer === n) return nameOf(p.name);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) return nameOf(p.left);
  return undefined;
}

/**
 * What a literal was judged, kept by node for a file being edited: it depends only on the literal and
 * the declaration around it, which an incremental parse hands over unchanged (null: not a secret).
 */
const judged = new WeakMap<ts.Node, { name?: string; kind: string } | null>();

function judge(n: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): { name?: string; kind: string } | null {
  // Module names and literal types hold no credentials.
  const p = n.parent;
  if (p && (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p) || ts.isExternalModuleReference(p))) return null;
  const name = ownerName(n);
  const m = judgeSecret({ name, value: n.text });
  return m ? { name, kind: m.kind } : null;
}

export default defineRule({
  id: 'no-hardcoded-secret-in-code',
  scope: 'code',
  languages: ['js', 'python'],
  meta: {
    category: 'secrets',
    severity: 'error',
    title: 'Credential written as a literal in handler code',
    description:
      'A password, token or key is a string literal in the function code: a known token format (AWS access key, Slack, GitHub, Stripe, private key, connection string with a password...) anywhere, or a long random-looking value given to a secret-named variable or property. It ships in every deployment package and lives forever in version control.',
    cwe: ['CWE-798'],
    owasp: ['A07:2021 Identification and Authentication Failures', 'SAS-6 Insecure Application Secrets Storage'],
    fix: 'none',
    messages: {
      'secret-in-code': "A credential (a key, a token, a password) is written as a literal in handler code.",
    },
  },
  check(ctx: CodeRuleContext) {
    if (ctx.code.language === 'python') return checkPython(ctx);
    const sf = ctx.code.sf;
    if (!sf || TEST_FILE.test(ctx.code.file)) return;
    const keep = isEditedTree(sf);
    for (const n of nodesOfKinds(sf, [ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral]) as (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral)[]) {
      let j = keep ? judged.get(n) : undefined;
      if (j === undefined) {
        j = judge(n);
        if (keep) judged.set(n, j);
      }
      if (!j) continue;
      const what = j.name ? `${j.name} holds ${j.kind}` : `This string is ${j.kind}`;
      ctx.report({
        span: { file: ctx.code.file, start: n.getStart(sf), end: n.getEnd() },
        message: `${what} written in the code. Read it at run time from Secrets Manager or SSM Parameter Store (or from an environment variable set from one).`,
      });
    }
  },
});
