import { defineRule, type ModelRuleContext } from '../../server/src/engine/rule.js';
import type { Entry, Val } from '../../server/src/engine/config/val.js';
import type { ConfigModel } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { judgeSecret, type SecretVerdict } from '../../server/src/engine/secrets/judge.js';
import { isDatabase, passwordKeys, publiclyReachable } from './databases.js';
import { replaceValue, str } from '../../server/src/engine/fix/yaml-edit.js';

/** Environment variable maps of a config: provider/Globals defaults and every function's own. */
function environmentMaps(c: ConfigModel): Val[] {
  const maps: Val[] = [];
  if (c.format === 'serverless') {
    const p = c.provider?.get('environment');
    if (p) maps.push(p);
    for (const fn of c.functions) {
      const e = fn.val.get('environment');
      if (e) maps.push(e);
    }
  } else {
    const g = c.globals?.get('Function')?.get('Environment')?.get('Variables');
    if (g) maps.push(g);
    for (const fn of c.functions) {
      const e = fn.val.get('Environment')?.get('Variables');
      if (e) maps.push(e);
    }
  }
  return maps.filter((m) => m.kind === 'map');
}

function referenceFix(c: ConfigModel, e: Entry): Fix {
  const service = c.root.get('service')?.str() ?? 'app';
  const replacement =
    c.format === 'serverless'
      ? str(`\${ssm:/${service}/${e.key}}`)
      : str(`{{resolve:secretsmanager:${e.key}}}`);
  const where = c.format === 'serverless' ? 'SSM Parameter Store' : 'Secrets Manager';
  return {
    id: 'use-secret-reference',
    title: `Read ${e.key} from ${where} at deploy time (store the secret there first; changes the deployment)`,
    edits: [replaceValue(e.val, replacement)],
    changesBehaviour: true,
  };
}

export default defineRule({
  id: 'no-hardcoded-secret',
  scope: 'model',
  meta: {
    category: 'secrets',
    severity: 'error',
    title: 'Credential written as a literal in deployment config',
    description:
      'A password, token or key is written into serverless.yml or a template: in a function environment variable, a resource property such as MasterUserPassword, or a NoEcho parameter default. It is now in version control, in every build artifact, and readable by anyone who can read the function configuration.',
    cwe: ['CWE-798', 'CWE-312'],
    owasp: ['A07:2021 Identification and Authentication Failures', 'SAS-6 Insecure Application Secrets Storage'],
    fix: 'unsafe',
  },
  check(ctx: ModelRuleContext) {
    const seen = new Set<string>();
    const report = (name: string, val: Val, where: string, verdict: SecretVerdict | undefined, fixes?: Fix[]) => {
      if (!verdict) return;
      const k = `${val.file}:${val.span.start}`;
      if (seen.has(k)) return;
      seen.add(k);
      const what = verdict.weak ? `a guessable ${verdict.kind.replace(/^an? /, '')}` : verdict.kind;
      ctx.report({ span: val.span, message: `${name} holds ${what} written as a literal ${where}. Store it in Secrets Manager or SSM Parameter Store and reference it instead.`, fixes });
    };
    for (const c of ctx.model.configs) {
      // A function that sits beside a database in the same template is taken to connect to it: a
      // plain-word DB_PASSWORD there is that database's password, not a placeholder.
      const databases = c.resources.filter(isDatabase);
      const db = databases.find(publiclyReachable) ?? databases[0];
      const dbContext = db ? { id: db.id, publiclyReachable: publiclyReachable(db) } : undefined;
      const beside = db ? `, beside database ${db.id}${dbContext!.publiclyReachable ? ' (publicly accessible)' : ''}` : '';
      for (const map of environmentMaps(c)) {
        for (const e of map.entries()) {
          // `!Ref P` reads as P's default: that literal is judged where it is written, under Parameters.
          const value = e.val.paramRef() ? undefined : e.val.str();
          if (value === undefined) continue;
          const plain = judgeSecret({ name: e.key, value });
          const verdict = plain ?? (dbContext && /passw|pwd/i.test(e.key) ? judgeSecret({ name: e.key, value, database: dbContext }) : undefined);
          report(e.key, e.val, `in a function environment${plain ? '' : beside}`, verdict, [referenceFix(c, e)]);
        }
      }
      // Resource properties such as MasterUserPassword (any literal, for a database's own password).
      const usedByDatabase = new Map<string, { id: string; publiclyReachable: boolean; key: string }>();
      for (const r of c.resources) {
        const keys = passwordKeys(r.type);
        const database = keys ? { id: r.id, publiclyReachable: publiclyReachable(r) } : undefined;
        const where = `in ${r.id}${database?.publiclyReachable ? ', which is publicly accessible' : ''}`;
        r.props?.walk((v) => {
          if (v.kind !== 'map') return;
          for (const e of v.entries()) {
            const own = database && keys!.includes(e.key) ? database : undefined;
            for (const item of e.val.kind === 'seq' && own ? e.val.items() : [e.val]) {
              const param = own ? item.refTarget() : undefined;
              if (param && !param.attr) usedByDatabase.set(param.id, { ...own!, key: e.key });
              const value = item.kind === 'scalar' && !item.paramRef() ? item.str() : undefined;
              if (value !== undefined) report(e.key, item, where, judgeSecret({ name: e.key, value, database: own }));
            }
          }
        }, 5_000);
      }
      // Parameter defaults: a credential written as the default is deployed whenever nobody overrides it.
      for (const p of c.root.get('Parameters')?.entries() ?? []) {
        const def = p.val.get('Default');
        const value = def?.kind === 'scalar' ? def.str() : undefined;
        if (!def || value === undefined) continue;
        const noEcho = p.val.get('NoEcho')?.bool() === true;
        const use = usedByDatabase.get(p.key);
        const where = `as the default of ${noEcho ? 'a NoEcho parameter' : `parameter ${p.key}`}${use ? `, used as the ${use.key} of ${use.id}${use.publiclyReachable ? ' (publicly accessible)' : ''}` : ''}`;
        report(p.key, def, where, judgeSecret({ name: use ? use.key : p.key, value, database: use }));
      }
    }
  },
});
