// A code-side fact: does this handler file authenticate requests itself? Evidence of a check, in
// JS/TS (through the TypeScript AST) and Python (through its plain AST, `pythonSyntax`):
//  - JWT verification: jsonwebtoken `verify`, jose `jwtVerify`, aws-jwt-verify verifiers, PyJWT and
//    python-jose `jwt.decode` (they verify unless told not to), express-jwt, passport;
//  - claims of an authorizer read from `requestContext.authorizer` (Cognito, JWT or Lambda authorizer);
//  - signature checks: `timingSafeEqual` / `hmac.compare_digest`, Stripe `constructEvent`, Slack,
//    GitHub (@octokit/webhooks), Svix, Twilio, Discord, RSA/Ed25519 verification;
//  - an API key or bearer token compared with an expected value;
//  - session lookups and helpers named for what they do (`verifyToken`, `requireAuth`, `@login_required`).
// The check is what matters, not whether it is right: a finding that says "no authentication" must
// not be made about a handler that tries. Each file is read once per version (a WeakMap on the file),
// and a new version reads again only the top-level statements its edit changed.
import * as path from 'node:path';
import ts from 'typescript';
import type { CodeFile } from './types.js';
import type { Span } from '../types.js';
import { isEditedTree, statementNodes } from './syntax-index.js';
import { pythonSyntax, type PySyntax } from './python-nodes.js';
import { resolveLocal } from './modules.js';

export type AuthKind = 'jwt' | 'claims' | 'signature' | 'api-key' | 'session' | 'helper';

export interface AuthEvidence {
  kind: AuthKind;
  /** What was seen, for messages: `jwt.verify`, `requestContext.authorizer`. */
  text: string;
  span: Span;
}

const cache = new WeakMap<CodeFile, AuthEvidence[]>();

/** Every authentication check found in the file (at most one per kind and text). */
export function authenticationChecks(code: CodeFile): AuthEvidence[] {
  let out = cache.get(code);
  if (!out) {
    out = code.language === 'python' ? pythonChecks(code) : jsChecks(code);
    cache.set(code, out);
  }
  return out;
}

// ---- names, shared by both languages ----

const JWT_CALLS = /(^|\.)(jwt|jsonwebtoken|jws|jose\.jwt)\.verify$|(^|\.)(jwtVerify|compactVerify|flattenedVerify|generalVerify|expressjwt|expressJwt|verifyIdToken|verifyAccessToken|verify_oauth2_token|verify_id_token)$|Verifier\.create$|(^|\.)(cognitojwt\.decode|jwt\.decode_complete)$/;
const SIGNATURE_CALLS = /(^|\.)(timingSafeEqual|compare_digest|constructEvent|constructEventAsync|construct_event|verifySlackRequest|verifyKey|verify_key|verifyWebhook|verifySignature|verify_signature|validateSignature|validate_signature|checkSignature|isValidSignature|is_valid_signature|verifyRequestSignature|is_valid_request|createVerify)$|(^|\.)twilio\.validateRequest(WithBody)?$|(^|\.)webhooks\.(verify|verifyAndReceive)$|sign\.detached\.verify$|(^|\.)crypto\.verify$/;
const SESSION_CALLS = /(^|\.)((get|load|find|lookup|fetch|validate|verify|check|read)_?\w*[sS]ession|getIronSession|getServerSession)$/;
/** Helpers named for a check: verifyToken, validate_api_key, requireAuth, isAuthenticated... */
const HELPER_CALLS = /(^|\.)((verify|validate|check|require|ensure|assert)_?\w*(Auth|auth|Jwt|JWT|jwt|Token|token|Signature|signature|ApiKey|api_key|apikey|Credential|credential|Hmac|HMAC|hmac|Webhook|webhook)\w*|authenticate\w*|isAuthenticated|is_authenticated|isAuthorized|is_authorized|withAuth\w*|requireAuth\w*|login_required|jwt_required|token_required|auth_required|requires_auth|authMiddleware|passport\.authenticate)$/;
/** `x.verify(...)` where x is named for what it verifies (a verifier, a token, a webhook). */
const VERIFY_ON = /(^|\.)(\w*(auth|jwt|token|verifier|signature|webhook|wh|svix)\w*)\.verify$/i;
/** Headers that carry credentials. */
const CREDENTIAL_HEADERS = /^(authorization|x-api-key|api-key|apikey|x-apikey|x-auth-token|x-access-token|x-token|x-secret|x-webhook-secret|token)$/i;

/** Real names are short; a long one (generated code, hostile input) is not matched at all, so no pattern runs long. */
const MAX_NAME = 200;

function classifyCall(name: string): AuthKind | undefined {
  if (name.length > MAX_NAME) return undefined;
  if (JWT_CALLS.test(name)) return 'jwt';
  if (SIGNATURE_CALLS.test(name)) return 'signature';
  if (SESSION_CALLS.test(name)) return 'session';
  if (VERIFY_ON.test(name)) return 'jwt';
  if (HELPER_CALLS.test(name)) return 'helper';
  return undefined;
}

function add(out: AuthEvidence[], e: AuthEvidence): void {
  if (!out.some((x) => x.kind === e.kind && x.text === e.text)) out.push(e);
}

// ---- JS / TS ----

/** `a.b.c` for a chain of names (calls and `this` count as names), else undefined. */
function dotted(e: ts.Node, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (ts.isIdentifier(e) || ts.isPrivateIdentifier(e)) return e.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(e)) {
    const left = dotted(e.expression, depth + 1);
    return left ? `${left}.${e.name.text}` : e.name.text;
  }
  if (ts.isCallExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e)) return dotted(e.expression, depth + 1);
  if (ts.isElementAccessExpression(e) && ts.isStringLiteral(e.argumentExpression)) {
    const left = dotted(e.expression, depth + 1);
    return left ? `${left}.${e.argumentExpression.text}` : e.argumentExpression.text;
  }
  return undefined;
}

function memberName(e: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

const isNothing = (e: ts.Expression) =>
  e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || (ts.isStringLiteralLike(e) && e.text === '') || ts.isTypeOfExpression(e);

/** Packages whose verification functions are often imported by name (`import { verify } from 'jsonwebtoken'`). */
const AUTH_PACKAGES = /^(jsonwebtoken|jose|aws-jwt-verify(\/.*)?|fast-jwt|express-jwt|jwks-rsa|passport(-.*)?|@octokit\/webhooks(-methods)?|svix|@slack\/(bolt|events-api)|tweetnacl|discord-interactions|firebase-admin(\/.*)?)$/;

/** Local names bound to the verification functions of those packages: `verify` -> `jsonwebtoken.verify`. */
function authImports(sf: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !AUTH_PACKAGES.test(st.moduleSpecifier.text)) continue;
    const mod = st.moduleSpecifier.text;
    for (const el of st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings) ? st.importClause.namedBindings.elements : []) {
      out.set(el.name.text, `${mod}.${(el.propertyName ?? el.name).text}`);
    }
  }
  return out;
}

function jsChecks(code: CodeFile): AuthEvidence[] {
  const sf = code.sf;
  const out: AuthEvidence[] = [];
  if (!sf) return out;
  const imported = authImports(sf);
  const key = [...imported].join(';');
  // Statement by statement, each kept while the incremental parse hands it over unchanged (the same
  // node object) and the imports are the same: a keystroke reads one statement again.
  // (For a file being edited: a tree parsed from scratch keeps nothing per statement.)
  const keep = isEditedTree(sf);
  for (const st of sf.statements) {
    let kept = perJsStatement.get(st);
    if (!kept || kept.key !== key) {
      kept = { key, found: statementJsChecks(st, sf, imported) };
      if (keep) perJsStatement.set(st, kept);
    }
    for (const e of kept.found) add(out, { kind: e.kind, text: e.text, span: { file: code.file, start: st.pos + e.start, end: st.pos + e.end } });
  }
  return out;
}

/** The checks of one top-level JS/TS statement, with offsets from its `pos` (its text, leading trivia included, moves as one). */
const perJsStatement = new WeakMap<ts.Node, { key: string; found: { kind: AuthKind; text: string; start: number; end: number }[] }>();

function statementJsChecks(st: ts.Statement, sf: ts.SourceFile, imported: Map<string, string>): { kind: AuthKind; text: string; start: number; end: number }[] {
  const found: AuthEvidence[] = [];
  const span = (n: ts.Node): Span => ({ file: sf.fileName, start: n.getStart(sf), end: n.getEnd() });
  for (const n of statementNodes(sf, st)) {
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isDecorator(n)) {
      const local = dotted(n.expression);
      const from = local ? imported.get(local.split('.')[0]) : undefined;
      const name = from && !local!.includes('.') ? from : local;
      // `verify(token, key)` imported from jsonwebtoken, `jwtVerify` from jose, `verify` from @octokit/webhooks-methods...
      const kind = from && /verify|Verifier|authenticate/i.test(name ?? '') ? (/jsonwebtoken|jose|jwt|passport|firebase/.test(from) ? 'jwt' : 'signature') : name ? classifyCall(name) : undefined;
      if (kind && name) add(found, { kind, text: name, span: span(n) });
      // Slack Bolt verifies every request when given its signing secret.
      if (ts.isNewExpression(n) && name && /(^|\.)(App|AwsLambdaReceiver|ExpressReceiver)$/.test(name)) {
        const opts = n.arguments?.[0];
        if (opts && ts.isObjectLiteralExpression(opts) && opts.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'signingSecret')) {
          add(found, { kind: 'signature', text: `${name}({ signingSecret })`, span: span(n) });
        }
      }
    } else if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      // event.requestContext.authorizer(.claims / .jwt.claims / .lambda...)
      if (memberName(n) === 'authorizer' && /requestContext\??$/.test(dotted(n.expression) ?? '')) add(found, { kind: 'claims', text: 'requestContext.authorizer', span: span(n) });
    } else if (ts.isBindingElement(n)) {
      // const { authorizer } = event.requestContext
      const key = n.propertyName ?? n.name;
      if (ts.isIdentifier(key) && key.text === 'authorizer') add(found, { kind: 'claims', text: 'requestContext.authorizer', span: span(n) });
    } else if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsToken) continue;
      for (const [side, other] of [[n.left, n.right], [n.right, n.left]] as const) {
        const header = memberName(side);
        if (header && CREDENTIAL_HEADERS.test(header) && !isNothing(other)) add(found, { kind: 'api-key', text: `${header} compared`, span: span(n) });
      }
    }
  }
  return found.map((e) => ({ kind: e.kind, text: e.text, start: e.span.start - st.pos, end: e.span.end - st.pos }));
}

// ---- Python ----

function pyDotted(n: PySyntax | null, depth = 0): string | undefined {
  if (!n || depth > 8) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const obj = pyDotted(n.childForFieldName('object'), depth + 1);
    const attr = n.childForFieldName('attribute')?.text;
    return attr ? (obj ? `${obj}.${attr}` : attr) : undefined;
  }
  if (n.type === 'call') return pyDotted(n.childForFieldName('function'), depth + 1);
  return undefined;
}

/** The text of a string literal node, without quotes (undefined for f-strings and other nodes). */
function pyString(n: PySyntax | null | undefined): string | undefined {
  if (!n || n.type !== 'string') return undefined;
  const parts = n.namedChildren.filter((c) => c.type === 'string_content');
  if (n.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return parts.map((p) => p.text).join('');
}

function pythonChecks(code: CodeFile): AuthEvidence[] {
  const root = pythonSyntax(code);
  const out: AuthEvidence[] = [];
  if (!root) return out;
  // Statement by statement, each kept while its text is unchanged: a keystroke reads one statement again.
  for (const st of root.namedChildren) {
    let found = perStatement.get(st.identity);
    if (!found) perStatement.set(st.identity, (found = statementChecks(st)));
    for (const e of found) add(out, { kind: e.kind, text: e.text, span: { file: code.file, start: st.startIndex + e.start, end: st.startIndex + e.end } });
  }
  return out;
}

/** The checks of one top-level Python statement, with offsets from its start. */
const perStatement = new WeakMap<object, { kind: AuthKind; text: string; start: number; end: number }[]>();

function statementChecks(st: PySyntax): { kind: AuthKind; text: string; start: number; end: number }[] {
  const out: { kind: AuthKind; text: string; start: number; end: number }[] = [];
  const push = (kind: AuthKind, text: string, n: PySyntax) => {
    if (!out.some((x) => x.kind === kind && x.text === text)) out.push({ kind, text, start: n.startIndex - st.startIndex, end: n.endIndex - st.startIndex });
  };
  for (const n of st.descendantsOfType(['call', 'decorator', 'string', 'attribute', 'comparison_operator'])) {
    if (n.type === 'call' || n.type === 'decorator') {
      const target = n.type === 'call' ? n.childForFieldName('function') : n.namedChildren[0];
      const name = target?.type === 'call' ? pyDotted(target.childForFieldName('function')) : pyDotted(target ?? null);
      if (!name) continue;
      let kind = classifyCall(name);
      // PyJWT and python-jose verify in `decode` unless verification is turned off.
      if (!kind && /(^|\.)jwt\.decode$/.test(name) && n.type === 'call') {
        const args = n.childForFieldName('arguments')?.text ?? '';
        if (!/verify_signature["']\s*:\s*False|verify\s*=\s*False/.test(args)) kind = 'jwt';
      }
      if (kind) push(kind, name, n);
    } else if (n.type === 'string') {
      // event['requestContext']['authorizer'], event.get('requestContext', {}).get('authorizer')
      if (pyString(n) !== 'authorizer') continue;
      const p = n.parent;
      const inSubscript = p?.type === 'subscript' && /requestContext|request_context/.test(p.childForFieldName('value')?.text ?? '');
      const inGet = p?.type === 'argument_list' && /requestContext|request_context/.test(p.parent?.text ?? '');
      if (inSubscript || inGet) push('claims', 'requestContext.authorizer', n);
    } else if (n.type === 'attribute') {
      // Powertools: event.request_context.authorizer
      if (n.childForFieldName('attribute')?.text === 'authorizer' && /request_context$/.test(n.childForFieldName('object')?.text ?? '')) push('claims', 'request_context.authorizer', n);
    } else {
      // headers['x-api-key'] != os.environ['API_KEY']
      const ops = n.operators;
      if (!ops.every((o) => o === '==' || o === '!=')) continue;
      const operands = n.namedChildren;
      const header = operands.map(headerRead).find((h) => h !== undefined);
      if (header && operands.length === 2 && !operands.some((o) => o.type === 'none' || pyString(o) === '')) push('api-key', `${header} compared`, n);
    }
  }
  return out;
}

/** The header name a node reads: `headers['x-api-key']` or `headers.get('Authorization')`. */
function headerRead(n: PySyntax): string | undefined {
  let key: PySyntax | null | undefined;
  if (n.type === 'subscript') key = n.childForFieldName('subscript');
  else if (n.type === 'call' && /(^|\.)get$/.test(pyDotted(n.childForFieldName('function')) ?? n.childForFieldName('function')?.text ?? '')) key = n.childForFieldName('arguments')?.namedChildren[0];
  const name = pyString(key);
  return name && CREDENTIAL_HEADERS.test(name) ? name : undefined;
}

const MAX_IMPORTS = 20;

/**
 * The checks of a handler file and of the local modules it imports directly (an Express app behind
 * serverless-http, an `auth.ts` next to the handler): one level, at most MAX_IMPORTS modules.
 */
export function handlerAuthentication(code: CodeFile, load: (file: string) => CodeFile | undefined): AuthEvidence[] {
  const out = [...authenticationChecks(code)];
  if (out.length > 0) return out;
  for (const file of localImports(code, load).slice(0, MAX_IMPORTS)) {
    const m = load(file);
    if (m) out.push(...authenticationChecks(m));
    if (out.length > 0) break;
  }
  return out;
}

/** The relative module specifiers a top-level statement imports or requires, in order (kept per statement for a file being edited). */
const localSpecs = new WeakMap<ts.Node, string[]>();

function localSpecsOf(sf: ts.SourceFile, st: ts.Statement): string[] {
  const out: string[] = [];
  for (const n of statementNodes(sf, st)) {
    let spec: string | undefined;
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) spec = n.moduleSpecifier.text;
    else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) spec = n.arguments[0].text;
    if (spec && spec.startsWith('.')) out.push(spec);
  }
  return out;
}

/** Relative imports of a file, resolved to existing files (JS: import/require; Python: `from .x import` / `import x` beside it). */
function localImports(code: CodeFile, load: (file: string) => CodeFile | undefined): string[] {
  const exists = (f: string) => load(f) !== undefined;
  const out: string[] = [];
  if (code.sf) {
    const sf = code.sf;
    const keep = isEditedTree(sf);
    for (const st of sf.statements) {
      let specs = keep ? localSpecs.get(st) : undefined;
      if (!specs) {
        specs = localSpecsOf(sf, st);
        if (keep) localSpecs.set(st, specs);
      }
      for (const spec of specs) {
        const f = resolveLocal(code.file, spec, exists);
        if (f && !out.includes(f)) out.push(f);
        if (out.length >= MAX_IMPORTS) return out;
      }
    }
  } else if (code.language === 'python') {
    const root = pythonSyntax(code);
    const dir = path.dirname(code.file);
    for (const n of root?.descendantsOfType(['import_from_statement', 'import_statement']) ?? []) {
      const mod = n.childForFieldName('module_name')?.text ?? n.namedChildren[0]?.text;
      if (!mod) continue;
      const rel = mod.replace(/^\.+/, '').split('.').join('/');
      const f = path.join(dir, `${rel}.py`);
      if (rel && exists(f) && !out.includes(f)) out.push(f);
      if (out.length >= MAX_IMPORTS) break;
    }
  }
  return out;
}
