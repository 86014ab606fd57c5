import {
  type ActionInfo,
  defineRule,
  isAllow,
  isBaseline,
  listActions,
  type ModelRuleContext,
  type RoleModel,
  statementGrants,
} from '../../server/src/engine/rule-kit.js';

/** Telemetry every function writes (its logs, traces and metrics) is not the kind of write access that matters here. */
const TELEMETRY = new Set(['logs', 'xray']);

function isSharedWrite(a: ActionInfo): boolean {
  return /[WP]/.test(a.levels) && !isBaseline(a) && !TELEMETRY.has(a.service);
}

/** The `Action` items (as written) of the role's own statements that grant write or permissions-management actions. */
function writeGrants(role: RoleModel): { patterns: string[]; actions: ActionInfo[] } {
  const patterns: string[] = [];
  const actions: ActionInfo[] = [];
  for (const p of role.policies) {
    for (const s of p.statements) {
      if (!isAllow(s)) continue;
      for (const g of statementGrants(s)) {
        const w = g.actions.filter(isSharedWrite);
        if (w.length === 0) continue;
        if (!patterns.includes(g.pattern)) patterns.push(g.pattern);
        for (const a of w) if (!actions.includes(a)) actions.push(a);
      }
    }
  }
  return { patterns, actions };
}

function names(role: RoleModel): string {
  const ids = role.functions.map((f) => f.id);
  return ids.length <= 4 ? ids.join(', ') : `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more`;
}

export default defineRule({
  id: 'require-per-function-role',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'info',
    title: 'One role with write access shared by several functions',
    description:
      'Several functions share one role (the serverless.yml provider role, or one AWS::IAM::Role named by each function), and that role grants write or permissions-management actions. Every function gets the union of what all of them need, so a bug or an injection in the least important one can use the permissions of the most powerful. Give each function its own role with only what it uses.',
    cwe: ['CWE-250'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'none',
    messages: {
      'shared-role': "Several functions share one role that grants write access.",
    },
  },
  check(ctx: ModelRuleContext) {
    for (const role of ctx.model.roles) {
      if (role.functions.length < 2 || (role.origin !== 'sls-provider' && role.origin !== 'cfn-role')) continue;
      const writes = writeGrants(role);
      if (writes.patterns.length === 0) continue;
      const shown = writes.patterns.length <= 3 ? writes.patterns.join(', ') : `${writes.patterns.slice(0, 3).join(', ')} and ${writes.patterns.length - 3} more`;
      const sls = role.origin === 'sls-provider';
      // On the statements key of the provider (the first one, when both the new and the legacy key are used), else on the role.
      const doc = sls ? role.policies.find((p) => p.label.startsWith('provider.')) : undefined;
      const span = doc?.val.keySpan ?? role.span;
      ctx.report({
        span,
        message: `${role.functions.length} functions (${names(role)}) share ${sls ? 'the provider role' : `role ${role.id}`}, which grants write access (${shown}). Give each function its own role with only what it uses${sls ? ' (per-function iamRoleStatements with serverless-iam-roles-per-function, or a role per function)' : ''}.`,
        hover: `Every function holding this role can call: ${listActions(writes.actions, 10)}.`,
      });
    }
  },
});
