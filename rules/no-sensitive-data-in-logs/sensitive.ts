// What, inside an expression given to a logging call, is sensitive: the whole Lambda event, all of
// its headers, an authorization header or token, all of `process.env`, or the value of a
// secret-named environment variable. Followed through simple aliases (`const { headers } = event`,
// `const token = process.env.API_TOKEN`), object and array literals, spreads, template literals,
// concatenation and `JSON.stringify` / `String` / `util.inspect` / `util.format`.
import ts from 'typescript';
import { isEditedTree, nodesOfKind } from '../../server/src/engine/rule-kit.js';

export type Kind = 'event' | 'headers' | 'auth' | 'env' | 'secret-env' | 'secret-value';

export interface Hit {
  node: ts.Node;
  kind: Kind;
  /** For `secret-env`: the variable's name. */
  name?: string;
}

const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-amz-security-token', 'x-auth-token', 'x-access-token']);
const EVENT_NAMES = new Set(['event', 'evt', 'lambdaEvent', 'apiEvent']);
/** Names that read as a secret, by word: `DB_PASSWORD`, `JWT_SECRET`, `GITHUB_TOKEN`, `STRIPE_API_KEY`, `dbPass`. */
const SECRET = /(^|_)(SECRET|PASSWORD|PASSWD|PWD|TOKEN|CREDENTIALS?|APIKEY|AUTH|API_KEY|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY|SIGNING_KEY|ENCRYPTION_KEY|MASTER_KEY)(_|$)|(^|_)PASS$/;
/** ...unless the name says it is only about the secret: its ARN, name, id, URL, table... */
const NOT_SECRET = /_(ARN|NAME|ID|IDS|URL|URI|PATH|TABLE|BUCKET|REGION|TTL|LENGTH|EXPIRY|EXPIRATION|EXPIRES|HEADER|PARAM|PARAMETER|ENDPOINT|FILE|ISSUER|AUDIENCE|TYPE|VERSION|PREFIX|ENABLED|POLICY|ROLE)$/;

export function secretName(name: string): boolean {
  const upper = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();
  return SECRET.test(upper) && !NOT_SECRET.test(upper);
}

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};

/** `a.b['c'].d` as a root expression and literal keys; undefined when a key is not a literal. */
function accessPath(e: ts.Expression): { root: ts.Expression; keys: string[] } | undefined {
  const keys: string[] = [];
  let cur = unwrap(e);
  for (;;) {
    if (ts.isPropertyAccessExpression(cur)) keys.unshift(cur.name.text);
    else if (ts.isElementAccessExpression(cur)) {
      const k = cur.argumentExpression;
      if (!ts.isStringLiteralLike(k)) return undefined;
      keys.unshift(k.text);
    } else return { root: cur, keys };
    cur = unwrap(cur.expression);
  }
}

/**
 * Fields of a Secrets Manager or Parameter Store response that describe the secret, not its value,
 * and the fields of a database secret (RDS's JSON shape) that say where to connect, not how.
 */
const SECRET_METADATA = new Set(['ARN', 'Name', 'VersionId', 'VersionStages', 'CreatedDate', 'ResponseMetadata', '$metadata', 'Type', 'Version', 'LastModifiedDate', 'DataType', 'Selector', 'SourceResult', 'InvalidParameters',
  'username', 'user', 'host', 'port', 'engine', 'dbname', 'database', 'dbClusterIdentifier', 'dbInstanceIdentifier']);

/** The kind of a field of a fetched secret: still the secret, unless it only describes it. */
export function secretField(key: string): 'secret-value' | undefined {
  return SECRET_METADATA.has(key) ? undefined : 'secret-value';
}

const calleeName = (c: ts.Expression) => (ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '');
const decrypts = (arg: ts.Expression | undefined) =>
  !!arg && ts.isObjectLiteralExpression(arg) && arg.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'WithDecryption' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);

/**
 * A call that returns a secret's value: `client.send(new GetSecretValueCommand(...))`,
 * `secretsManager.getSecretValue(...).promise()`, Powertools' `getSecret(...)`, or a Parameter
 * Store read `WithDecryption: true`. Awaited or not.
 */
function secretCall(raw: ts.Expression): boolean {
  let e = unwrap(raw);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'promise') e = unwrap(e.expression.expression);
  if (!ts.isCallExpression(e)) return false;
  const name = calleeName(e.expression);
  if (name === 'getSecretValue' || name === 'getSecret') return true;
  if (/^getParameters?(ByPath)?$/.test(name)) return decrypts(e.arguments[0]);
  const cmd = name === 'send' ? e.arguments[0] : undefined;
  if (!cmd || !ts.isNewExpression(cmd)) return false;
  const cls = calleeName(cmd.expression);
  return cls === 'GetSecretValueCommand' || (/^GetParameters?(ByPath)?Command$/.test(cls) && decrypts(cmd.arguments?.[0]));
}

/** What `find` looks inside when an expression is not itself sensitive (syntax only). */
function inside(raw: ts.Expression): ts.Expression[] {
  const e = unwrap(raw);
  const next: ts.Expression[] = [];
  if (ts.isTemplateExpression(e)) next.push(...e.templateSpans.map((s) => s.expression));
  else if (ts.isBinaryExpression(e)) next.push(e.left, e.right);
  else if (ts.isConditionalExpression(e)) next.push(e.whenTrue, e.whenFalse);
  else if (ts.isArrayLiteralExpression(e)) next.push(...e.elements);
  else if (ts.isSpreadElement(e)) next.push(e.expression);
  else if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) next.push(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) next.push(p.name);
      else if (ts.isSpreadAssignment(p)) next.push(p.expression);
    }
  } else if (ts.isCallExpression(e)) {
    const c = e.expression;
    const text = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? `${ts.isIdentifier(c.expression) ? c.expression.text + '.' : ''}${c.name.text}` : '';
    // Conversions pass the value through; anything else (`redact(event)`, `Object.keys(env)`) does not.
    if (/^(JSON\.stringify|JSON\.parse|String|util\.inspect|inspect|util\.format|format|Object\.entries|Object\.values|Object\.assign|Buffer\.from)$/.test(text)) next.push(...e.arguments);
    else if (ts.isPropertyAccessExpression(c) && /^(toString|valueOf|trim|toJSON)$/.test(c.name.text)) next.push(c.expression);
  }
  return next;
}

/**
 * The names at the root of every read `find` may look at in an expression: only these can make it
 * sensitive (as an alias, the event, `process`). Syntax only, so kept by node for a file being edited:
 * an incremental parse hands unchanged declarations over to the next version. Undefined: too many to list.
 */
const rootsOf = new WeakMap<ts.Expression, readonly ts.Identifier[] | null>();
/** The parameter each name refers to (null: none), for a file being edited (see `parameterOf`). */
const paramOf = new WeakMap<ts.Identifier, ts.ParameterDeclaration | null>();
const MAX_ROOTS_WALK = 5_000;

function candidateRoots(e: ts.Expression, keep: boolean): readonly ts.Identifier[] | undefined {
  let out = keep ? rootsOf.get(e) : undefined;
  if (out === undefined) {
    const ids: ts.Identifier[] = [];
    const work = [e];
    let n = 0;
    while (work.length > 0 && n++ < MAX_ROOTS_WALK) {
      const x = work.pop()!;
      const p = accessPath(x);
      if (p && ts.isIdentifier(p.root)) ids.push(p.root);
      // A read of a secret store is sensitive whatever the names are: nothing to list.
      else if (p && secretCall(p.root)) return undefined;
      work.push(...inside(x));
    }
    out = work.length > 0 ? null : ids;
    if (keep) rootsOf.set(e, out);
  }
  return out ?? undefined;
}

export class Sensitivity {
  private readonly aliases = new Map<string, Hit['kind'] | { kind: 'secret-env'; name: string }>();
  /** A file being edited: what is worked out per declaration is kept for its next version. */
  private readonly keep: boolean;

  constructor(private readonly sf: ts.SourceFile, private readonly handlerEventParams: Set<ts.ParameterDeclaration>) {
    this.keep = isEditedTree(sf);
    // Two passes, so that an alias of an alias is known (`const h = event.headers; const a = h.authorization`).
    for (let pass = 0; pass < 2; pass++) this.collectAliases();
  }

  /** Whether an identifier is the Lambda event: a handler's first parameter, or a parameter named `event`. */
  private isEvent(id: ts.Identifier): boolean {
    let p = this.keep ? paramOf.get(id) : undefined;
    if (p === undefined) {
      p = this.parameterOf(id);
      if (this.keep) paramOf.set(id, p);
    }
    return !!p && (this.handlerEventParams.has(p) || EVENT_NAMES.has(id.text));
  }

  /**
   * The parameter a name refers to, if it is one: the nearest function that declares it, unless a
   * block in between declares the name. Found within the name's top-level statement (a declaration at
   * the top of the file means no parameter either), so it is kept by node for a file being edited.
   */
  private parameterOf(id: ts.Identifier): ts.ParameterDeclaration | null {
    for (let n: ts.Node | undefined = this.scopeOf(id); n; n = this.scopeOf(n)) {
      if (ts.isFunctionLike(n)) {
        const p = n.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === id.text);
        if (p) return p;
      }
      if ((ts.isBlock(n) || ts.isSourceFile(n)) && this.declaredIn(n).has(id.text)) return null;
    }
    return null;
  }

  /**
   * The nearest enclosing function, block or source file of a node. Memoised with path compression:
   * the leaves of a 20,000-term `+` chain share one walk up the chain, not one each.
   */
  private readonly scopes = new WeakMap<ts.Node, ts.Node | undefined>();
  private scopeOf(node: ts.Node): ts.Node | undefined {
    const visited: ts.Node[] = [];
    let n = node.parent;
    let found: ts.Node | undefined;
    for (; n; n = n.parent) {
      if (this.scopes.has(n)) {
        found = this.scopes.get(n);
        break;
      }
      if (ts.isFunctionLike(n) || ts.isBlock(n) || ts.isSourceFile(n)) {
        found = n;
        break;
      }
      visited.push(n);
    }
    // Every expression passed on the way has the same scope.
    for (const v of visited) this.scopes.set(v, found);
    return found;
  }

  /** Names a block's own `var`/`let`/`const` statements declare (once per block: a bundle's blocks hold thousands). */
  private readonly declared = new WeakMap<ts.Node, Set<string>>();
  private declaredIn(block: ts.Block | ts.SourceFile): Set<string> {
    let names = this.declared.get(block);
    if (names) return names;
    names = new Set();
    for (const s of block.statements) if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    this.declared.set(block, names);
    return names;
  }

  private collectAliases(): void {
    for (const n of nodesOfKind<ts.VariableDeclaration>(this.sf, ts.SyntaxKind.VariableDeclaration)) {
      if (n.initializer) {
        const init = unwrap(n.initializer);
        // `process.env.X || ''`, `process.env.X ?? 'dev'`: the variable holds X.
        const fallback = ts.isBinaryExpression(init) && (init.operatorToken.kind === ts.SyntaxKind.BarBarToken || init.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken);
        const env = fallback ? unwrap(init.left) : init;
        // Most declarations read nothing sensitive whatever the aliases: their names say so at once.
        if (!this.mayHold(ts.isIdentifier(n.name) ? env : init)) continue;
        if (ts.isIdentifier(n.name)) {
          // `const cfg = { password: process.env.DB_PASS }` holds the secret too.
          const hit = this.classify(env) ?? this.find(env)[0];
          if (hit) this.aliases.set(n.name.text, hit.kind === 'secret-env' ? { kind: 'secret-env', name: hit.name! } : hit.kind);
        } else if (ts.isObjectBindingPattern(n.name)) {
          const whole = this.classify(init);
          for (const el of n.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            const key = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : el.name.text;
            const kind = el.dotDotDotToken ? whole?.kind : whole ? this.member(whole.kind, key) : undefined;
            if (kind === 'secret-env') this.aliases.set(el.name.text, { kind, name: key });
            else if (kind) this.aliases.set(el.name.text, kind);
          }
        }
      }
    }
  }

  /** Whether `find` (or `classify`) could find something in `e`: one of its read roots is an alias, the event or `process`. */
  private mayHold(e: ts.Expression): boolean {
    // A scan looks at each declaration once or twice: listing its roots first would only add a walk.
    if (!this.keep) return true;
    const roots = candidateRoots(e, true);
    return !roots || roots.some((id) => id.text === 'process' || this.aliases.has(id.text) || this.isEvent(id));
  }

  /** The kind of `<something of kind>.<key>`. */
  private member(kind: Kind, key: string): Kind | undefined {
    if (kind === 'event') {
      if (key === 'headers' || key === 'multiValueHeaders') return 'headers';
      if (key === 'authorizationToken' || key === 'identitySource') return 'auth';
      return undefined;
    }
    if (kind === 'headers') return AUTH_HEADERS.has(key.toLowerCase()) ? 'auth' : undefined;
    if (kind === 'env') return secretName(key) ? 'secret-env' : undefined;
    if (kind === 'secret-value') return secretField(key);
    return undefined;
  }

  /** The kind of an expression when it is itself sensitive (not looking inside it). */
  classify(e: ts.Expression): Hit | undefined {
    e = unwrap(e);
    const path = accessPath(e);
    if (!path) return undefined;
    const { root, keys } = path;
    let kind: Kind | undefined;
    let name: string | undefined;
    let i = 0;
    if (ts.isIdentifier(root)) {
      const alias = this.aliases.get(root.text);
      if (root.text === 'process' && keys[0] === 'env') {
        kind = 'env';
        i = 1;
      } else if (this.isEvent(root)) kind = 'event';
      else if (typeof alias === 'object') [kind, name] = [alias.kind, alias.name];
      else kind = alias;
    } else if (secretCall(root)) kind = 'secret-value';
    for (; kind && i < keys.length; i++) {
      const next = this.member(kind, keys[i]);
      if (next === 'secret-env') name = keys[i];
      kind = next;
    }
    return kind ? { node: e, kind, name } : undefined;
  }

  /** Sensitive parts of a logged expression (an explicit work list: a long `+` chain cannot overflow the stack). */
  find(root: ts.Expression, out: Hit[] = []): Hit[] {
    const work: ts.Expression[] = [root];
    while (work.length > 0 && out.length < 50) {
      const e = work.pop()!;
      const hit = this.classify(e);
      if (hit) {
        out.push(hit);
        continue;
      }
      const next = inside(e);
      // Reversed, so that hits come out in source order.
      for (let i = next.length - 1; i >= 0; i--) work.push(next[i]);
    }
    return out;
  }
}
