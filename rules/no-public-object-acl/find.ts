// Finding S3 writes that give objects a public canned ACL, and the edit that removes the ACL:
// JS/TS (AWS SDK v2 and v3, @aws-sdk/lib-storage's Upload) through the TypeScript AST, Python
// (boto3 clients and resources) through the plain Python syntax (code/python-nodes.ts).
import ts from 'typescript';
import { type CodeFile, nodesOfKind, pythonSyntax, type PySyntax, type Span, type TextEdit } from '../../server/src/engine/rule-kit.js';

export const PUBLIC_ACLS = new Set(['public-read', 'public-read-write']);

export interface PublicWrite {
  acl: string;
  /** The S3 operation, for messages: `putObject`, `PutObjectCommand`, `upload_file`. */
  call: string;
  /** The ACL property or argument. */
  span: Span;
  /** Removes it (with its comma). */
  remove: TextEdit;
}

/** SDK v2 methods (and v3's aggregated client), and v3 commands, that take an `ACL` for objects. */
const JS_METHODS = new Set(['putObject', 'upload', 'copyObject', 'createMultipartUpload', 'putObjectAcl']);
const JS_COMMANDS = new Set(['PutObjectCommand', 'CopyObjectCommand', 'CreateMultipartUploadCommand', 'PutObjectAclCommand', 'Upload']);
const PY_METHODS = new Set(['put_object', 'copy_object', 'create_multipart_upload', 'put_object_acl', 'upload_file', 'upload_fileobj', 'copy', 'put']);

/** Removes `[start, end)` and its separating comma; a line left empty goes too. */
function removeWithComma(file: string, text: string, start: number, end: number): TextEdit {
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  if (text[e] === ',') {
    e++;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let after = e;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    if (/^[ \t]*$/.test(text.slice(lineStart, start)) && (text[after] === '\n' || text.startsWith('\r\n', after))) {
      return { file, start: lineStart, end: text[after] === '\n' ? after + 1 : after + 2, newText: '' };
    }
    return { file, start, end: after, newText: '' };
  }
  // The last item: take the comma before it.
  let s = start;
  while (s > 0 && /\s/.test(text[s - 1])) s--;
  if (text[s - 1] === ',') return { file, start: s - 1, end, newText: '' };
  return { file, start, end, newText: '' };
}

// ---- JS / TS ----

const propName = (p: ts.ObjectLiteralElementLike) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined);

/** The operation an object literal is the parameters of: `s3.putObject({...})`, `new PutObjectCommand({...})`, `new Upload({ params: {...} })`. */
function operationOf(obj: ts.ObjectLiteralExpression, uses: Map<string, ts.Expression[]>): string | undefined {
  let at: ts.Node = obj;
  // `new Upload({ client, params: { ... } })`
  if (ts.isPropertyAssignment(at.parent) && propName(at.parent) === 'params' && ts.isObjectLiteralExpression(at.parent.parent)) at = at.parent.parent;
  let p = at.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) {
    at = p;
    p = p.parent;
  }
  if (p && (ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(at as ts.Expression)) return calleeOp(p);
  // `const params = { ... }; s3.putObject(params)`
  if (p && ts.isVariableDeclaration(p) && p.initializer === at && ts.isIdentifier(p.name)) {
    for (const call of uses.get(p.name.text) ?? []) {
      const op = ts.isCallExpression(call) || ts.isNewExpression(call) ? calleeOp(call) : undefined;
      if (op) return op;
    }
  }
  return undefined;
}

function calleeOp(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : undefined;
  if (!name) return undefined;
  if (ts.isNewExpression(call)) return JS_COMMANDS.has(name) ? name : undefined;
  return ts.isPropertyAccessExpression(e) && JS_METHODS.has(name) ? name : undefined;
}

function jsWrites(code: CodeFile): PublicWrite[] {
  const sf = code.sf;
  if (!sf) return [];
  const out: PublicWrite[] = [];
  // Calls and `new` expressions by the identifiers they pass: `s3.putObject(params)`.
  const uses = new Map<string, ts.Expression[]>();
  for (const kind of [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression]) {
    for (const c of nodesOfKind<ts.CallExpression | ts.NewExpression>(sf, kind)) {
      for (const a of c.arguments ?? []) if (ts.isIdentifier(a)) (uses.get(a.text) ?? uses.set(a.text, []).get(a.text)!).push(c);
    }
  }
  for (const prop of nodesOfKind<ts.PropertyAssignment>(sf, ts.SyntaxKind.PropertyAssignment)) {
    if (propName(prop) !== 'ACL' || !ts.isStringLiteralLike(prop.initializer) || !PUBLIC_ACLS.has(prop.initializer.text)) continue;
    const obj = prop.parent;
    if (!ts.isObjectLiteralExpression(obj)) continue;
    const op = operationOf(obj, uses);
    if (!op) continue;
    const start = prop.getStart(sf);
    out.push({ acl: prop.initializer.text, call: op, span: { file: code.file, start, end: prop.getEnd() }, remove: removeWithComma(code.file, code.text, start, prop.getEnd()) });
  }
  return out;
}

// ---- Python ----

function pyString(n: PySyntax | null | undefined): string | undefined {
  if (!n || n.type !== 'string' || n.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return n.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

function pyWrites(code: CodeFile): PublicWrite[] {
  const root = pythonSyntax(code);
  if (!root) return [];
  const out: PublicWrite[] = [];
  const add = (acl: string, call: string, n: PySyntax) => out.push({ acl, call, span: { file: code.file, start: n.startIndex, end: n.endIndex }, remove: removeWithComma(code.file, code.text, n.startIndex, n.endIndex) });
  for (const call of root.descendantsOfType('call')) {
    const fn = call.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (!method || !PY_METHODS.has(method)) continue;
    for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
      if (arg.type !== 'keyword_argument') continue;
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      // put_object(..., ACL='public-read')
      const acl = name === 'ACL' ? pyString(value) : undefined;
      if (acl && PUBLIC_ACLS.has(acl)) add(acl, method, arg);
      // upload_file(..., ExtraArgs={'ACL': 'public-read'})
      if (name === 'ExtraArgs' && value?.type === 'dictionary') {
        for (const pair of value.namedChildren) {
          if (pair.type !== 'pair' || pyString(pair.childForFieldName('key')) !== 'ACL') continue;
          const v = pyString(pair.childForFieldName('value'));
          if (v && PUBLIC_ACLS.has(v)) add(v, method, pair);
        }
      }
    }
  }
  return out;
}

export function publicWrites(code: CodeFile): PublicWrite[] {
  return code.language === 'python' ? pyWrites(code) : jsWrites(code);
}
