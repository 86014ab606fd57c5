import { defineRule, type ModelRuleContext } from '../../server/src/engine/rule.js';
import type { Entry, Val } from '../../server/src/engine/config/val.js';
import type { ConfigModel } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { detectSecret } from '../../server/src/engine/secrets/detect.js';
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
    const report = (name: string, val: Val, where: string, fixes?: Fix[]) => {
      const value = val.str();
      if (value === undefined) return;
      const m = detectSecret(name, value);
      if (!m) return;
      const k = `${val.file}:${val.span.start}`;
      if (seen.has(k)) return;
      seen.add(k);
      ctx.report({ span: val.span, message: `${name} holds ${m.kind} written as a literal ${where}. Store it in Secrets Manager or SSM Parameter Store and reference it instead.`, fixes });
    };
    for (const c of ctx.model.configs) {
      for (const map of environmentMaps(c)) {
        for (const e of map.entries()) report(e.key, e.val, 'in a function environment', [referenceFix(c, e)]);
      }
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
