// Extracts, from the aws-cdk-lib package's own code, the IAM actions each construct's grant method
// adds (`table.grantReadWriteData(fn)`, `bucket.grantRead(fn)`, `queue.grantSendMessages(fn)`...),
// so that the CDK reader does not keep a hand-written copy. Read (never run) with the TypeScript
// parser: for each `grant*` method of the construct classes of a module, the action strings it
// names, the action lists it spreads (`perms.READ_DATA_ACTIONS`, module-level `const X = [...]`),
// the methods of the same class it calls (`this.grant(...)`), and the methods of the module's
// `*Grants` class it delegates to (`this.grants.readData(...)`). Actions of other services (the KMS
// key of an encrypted resource) are left out: the model has no key to put them on. Wildcards
// (`s3:GetObject*`) are expanded with the IAM action table, so statements name concrete actions.
// Output: server/src/engine/config/cdk/cdk-grants.json (git-ignored), written by scripts/gen.mjs.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Modules read, with the IAM service prefix their resources belong to. */
export const GRANT_MODULES = {
  'aws-dynamodb': 'dynamodb', 'aws-s3': 's3', 'aws-sqs': 'sqs', 'aws-sns': 'sns', 'aws-lambda': 'lambda', 'aws-kinesis': 'kinesis',
  'aws-secretsmanager': 'secretsmanager', 'aws-ssm': 'ssm', 'aws-stepfunctions': 'states', 'aws-events': 'events', 'aws-kms': 'kms',
  'aws-logs': 'logs', 'aws-kinesisfirehose': 'firehose', 'aws-ecr': 'ecr', 'aws-appsync': 'appsync', 'aws-cognito': 'cognito-idp',
};

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

function libFiles(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') stack.push(f);
      } else if (e.name.endsWith('.js')) out.push(f);
    }
  }
  return out.sort();
}

/** Name of a call's callee: `this.grants.readData(...)` -> ['this', 'grants', 'readData']. */
function calleePath(e) {
  const out = [];
  let x = e;
  while (ts.isPropertyAccessExpression(x)) {
    out.unshift(x.name.text);
    x = x.expression;
  }
  if (x.kind === ts.SyntaxKind.ThisKeyword) out.unshift('this');
  else if (ts.isIdentifier(x)) out.unshift(x.text);
  else if (ts.isCallExpression(x) && ts.isIdentifier(x.expression)) out.unshift(`${x.expression.text}()`); // perms().X
  else return undefined;
  return out;
}

function walk(node, visit) {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    visit(n);
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
}

/** What one module's files say: constant action lists, and per class, per method, what it uses. */
function readModule(dir) {
  const consts = new Map(); // name -> { strings: [], refs: [] }
  const classes = new Map(); // class -> method -> { actions: Set, refs: Set, self: Set, grants: Set }
  for (const file of libFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/grant|_ACTIONS|actions/.test(text)) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
    walk(sf, (n) => {
      // `exports.X = [...]` and `const X = [...]`
      let name;
      let init;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && ts.isIdentifier(n.left.expression) && n.left.expression.text === 'exports') {
        name = n.left.name.text;
        init = n.right;
      } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
        name = n.name.text;
        init = n.initializer;
      }
      if (name && init) {
        const entry = { strings: [], refs: [] };
        if (ts.isStringLiteral(init) && ACTION.test(init.text)) entry.strings.push(init.text);
        else if (ts.isArrayLiteralExpression(init)) {
          for (const el of init.elements) {
            if (ts.isStringLiteral(el) && ACTION.test(el.text)) entry.strings.push(el.text);
            const inner = ts.isSpreadElement(el) ? el.expression : el;
            const p = ts.isPropertyAccessExpression(inner) || ts.isIdentifier(inner) ? calleePath(inner) : undefined;
            if (p) entry.refs.push(p[p.length - 1]);
          }
        }
        if (entry.strings.length || entry.refs.length) consts.set(name, entry);
      }
      // `class X {}`, and `let X = class X {}` (what decorated classes compile to).
      if ((ts.isClassDeclaration(n) || ts.isClassExpression(n)) && n.name) {
        const methods = classes.get(n.name.text) ?? new Map();
        for (const m of n.members) {
          if (!(ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m)) || !m.body || !m.name || !ts.isIdentifier(m.name)) continue;
          // A helper that takes the actions as arguments (`grant(grantee, ...actions)`) adds none of its own.
          const generic = m.parameters.some((p) => p.dotDotDotToken || (ts.isIdentifier(p.name) && /^actions?$/i.test(p.name.text)));
          const use = { actions: new Set(), refs: new Set(), self: new Set(), grants: new Set(), generic };
          walk(m.body, (x) => {
            if (ts.isStringLiteral(x) && ACTION.test(x.text)) use.actions.add(x.text);
            if (ts.isPropertyAccessExpression(x) && /^[A-Z][A-Z0-9_]+$/.test(x.name.text)) use.refs.add(x.name.text);
            if (ts.isIdentifier(x) && /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(x.text)) use.refs.add(x.text);
            // `this.writeActions`: a getter of the class.
            if (ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword && !ts.isCallExpression(x.parent)) use.self.add(x.name.text);
            if (ts.isCallExpression(x)) {
              const p = calleePath(x.expression);
              if (p && p.length === 2 && p[0] === 'this') use.self.add(p[1]);
              if (p && p.length === 3 && p[0] === 'this' && p[1] === 'grants') use.grants.add(p[2]);
            }
          });
          methods.set(m.name.text, use);
        }
        classes.set(n.name.text, methods);
      }
    });
  }
  return { consts, classes };
}

function resolveConst(name, consts, seen = new Set()) {
  const c = consts.get(name);
  if (!c || seen.has(name)) return [];
  seen.add(name);
  return [...c.strings, ...c.refs.flatMap((r) => resolveConst(r, consts, seen))];
}

function methodActions(cls, method, mod, seen = new Set()) {
  const key = `${cls}.${method}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const use = mod.classes.get(cls)?.get(method);
  if (!use || (use.generic && seen.size > 1)) return [];
  const out = [...use.actions, ...[...use.refs].flatMap((r) => resolveConst(r, mod.consts))];
  for (const s of use.self) out.push(...methodActions(cls, s, mod, seen));
  for (const g of use.grants) {
    for (const [other] of mod.classes) if (other.endsWith('Grants')) out.push(...methodActions(other, g, mod, seen));
  }
  return out;
}

/** Expands `svc:Prefix*` with the IAM action table (services -> [[name, levels, ...]]). */
function expand(pattern, iam) {
  const [svc, name] = pattern.split(':');
  // Only actions IAM knows (condition keys such as `lambda:FunctionUrlAuthType` look the same).
  if (!name.includes('*')) return (iam.services[svc] ?? []).some((a) => a[0] === name) ? [pattern] : [];
  const re = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return (iam.services[svc] ?? []).filter((a) => re.test(a[0])).map((a) => `${svc}:${a[0]}`);
}

export function genCdkGrants(root, iam) {
  const pkg = path.join(root, 'node_modules', 'aws-cdk-lib');
  const version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
  const modules = {};
  const read = [];
  let methods = 0;
  for (const [module, service] of Object.entries(GRANT_MODULES)) {
    const dir = path.join(pkg, module, 'lib');
    if (!fs.existsSync(dir)) continue;
    const mod = readModule(dir);
    const table = {};
    for (const [cls, ms] of mod.classes) {
      if (cls.endsWith('Grants')) continue;
      for (const m of ms.keys()) {
        if (!/^grant[A-Z]/.test(m) || m === 'grantOnKey') continue;
        const actions = [...new Set(methodActions(cls, m, mod).filter((a) => a.startsWith(`${service}:`)).flatMap((a) => expand(a, iam)))].sort();
        if (actions.length === 0) continue;
        table[m] = [...new Set([...(table[m] ?? []), ...actions])].sort();
      }
    }
    if (Object.keys(table).length) {
      modules[module] = table;
      methods += Object.keys(table).length;
      read.push(`${module}/lib`);
    }
  }
  return { out: { source: `aws-cdk-lib@${version}`, read, modules }, methods };
}
