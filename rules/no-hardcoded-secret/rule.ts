import { defineRule, type Fix, type ModelRuleContext, type Span, type Val } from '../../server/src/engine/rule-kit.js';
import { detectSecret } from '../../server/src/engine/secrets/detect.js';

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
    const reportText = (name: string, value: string | undefined, span: Span, where: string, fixes?: Fix[]) => {
      if (value === undefined) return;
      const m = detectSecret(name, value);
      if (!m) return;
      const k = `${span.file}:${span.start}`;
      if (seen.has(k)) return;
      seen.add(k);
      ctx.report({ span, message: `${name} holds ${m.kind} written as a literal ${where}. Store it in Secrets Manager or SSM Parameter Store and reference it instead.`, fixes });
    };
    const report = (name: string, val: Val, where: string, fixes?: Fix[]) => reportText(name, val.str(), val.span, where, fixes);
    // Function environments (their own variables and the ones they inherit), from the settings.
    for (const fn of ctx.model.functions) {
      for (const v of fn.settings.environment.variables) {
        if (v.value.state !== 'set') continue;
        const ref = v.secretReference;
        const edits = ref?.target.edits(v.name);
        const fixes: Fix[] = ref && edits ? [{
          id: 'use-secret-reference',
          title: `Read ${v.name} from ${ref.store} at deploy time (store the secret there first; changes the deployment)`,
          edits,
          changesBehaviour: true,
        }] : [];
        reportText(v.name, v.value.value, v.value.span, 'in a function environment', fixes);
      }
    }
    for (const c of ctx.model.configs) {
      // Resource properties such as MasterUserPassword, and NoEcho parameters with a default.
      for (const r of c.resources) {
        r.props?.walk((v) => {
          if (v.kind !== 'map') return;
          for (const e of v.entries()) if (e.val.kind === 'scalar') report(e.key, e.val, `in ${r.id}`);
        }, 5_000);
      }
      for (const p of c.root.get('Parameters')?.entries() ?? []) {
        const def = p.val.get('Default');
        if (def && p.val.get('NoEcho')?.bool() === true) report(p.key, def, 'as the default of a NoEcho parameter');
      }
    }
  },
});
