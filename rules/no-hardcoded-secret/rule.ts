import { defineRule, type Fix, judgeSecret, type ModelRuleContext, type SecretVerdict, type Span } from '../../server/src/engine/rule-kit.js';
import { isDatabase, passwordKeys, publiclyReachable } from './databases.js';

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
    messages: {
      'secret-in-config': "A credential is written as a literal in deployment config (an environment variable, a parameter default).",
    },
  },
  check(ctx: ModelRuleContext) {
    const seen = new Set<string>();
    const reportAt = (name: string, span: Span, where: string, verdict: SecretVerdict | undefined, fixes?: Fix[]) => {
      if (!verdict) return;
      const k = `${span.file}:${span.start}`;
      if (seen.has(k)) return;
      seen.add(k);
      const what = verdict.weak ? `a guessable ${verdict.kind.replace(/^an? /, '')}` : verdict.kind;
      ctx.report({ span, message: `${name} holds ${what} written as a literal ${where}. Store it in Secrets Manager or SSM Parameter Store and reference it instead.`, fixes });
    };
    const report = (name: string, val: { span: Span }, where: string, verdict: SecretVerdict | undefined, fixes?: Fix[]) => reportAt(name, val.span, where, verdict, fixes);
    // A function that sits beside a database in the same template is taken to connect to it: a
    // plain-word DB_PASSWORD there is that database's password, not a placeholder.
    // Function environments (their own variables and the ones they inherit), from the settings.
    for (const c of ctx.model.configs) {
      const databases = c.resources.filter(isDatabase);
      const db = databases.find(publiclyReachable) ?? databases[0];
      const dbContext = db ? { id: db.id, publiclyReachable: publiclyReachable(db) } : undefined;
      const beside = dbContext ? `, beside database ${dbContext.id}${dbContext.publiclyReachable ? ' (publicly accessible)' : ''}` : '';
      for (const v of c.functions.flatMap((fn) => fn.settings.environment.variables)) {
        if (v.value.state !== 'set') continue;
        // `!Ref P` reads as P's default: that literal is judged where it is written, under Parameters.
        if (v.value.val?.paramRef()) continue;
        const value = v.value.value;
        const plain = judgeSecret({ name: v.name, value });
        const verdict = plain ?? (dbContext && /passw|pwd/i.test(v.name) ? judgeSecret({ name: v.name, value, database: dbContext }) : undefined);
        const ref = v.secretReference;
        const edits = ref?.target.edits(v.name);
        const fixes: Fix[] = ref && edits ? [{
          id: 'use-secret-reference',
          title: `Read ${v.name} from ${ref.store} at deploy time (store the secret there first; changes the deployment)`,
          edits,
          changesBehaviour: true,
        }] : [];
        reportAt(v.name, v.value.span, `in a function environment${plain ? '' : beside}`, verdict, fixes);
      }
    }
    for (const c of ctx.model.configs) {
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
