import {
  defineRule,
  escalationReason,
  hasWildcard,
  heldBy,
  identityStatements,
  isAllow,
  isEscalation,
  listActions,
  type ModelRuleContext,
  statementGrants,
  type Val,
  wildcardCovers,
  wildcardResource,
} from '../../server/src/engine/rule-kit.js';

/** Conditions that limit which roles or functions the action applies to (tags, one account, one org). */
const LIMITING = /resourcetag\/|:resourceaccount$|:resourceorgid$|:resourceorgpaths$/i;

function conditionLimits(c: Val | undefined): boolean {
  if (!c) return false;
  if (c.kind !== 'map' || c.intrinsic()) return c.kind !== 'null';
  return c.entries().some((op) => op.val.kind !== 'map' || op.val.entries().some((k) => LIMITING.test(k.key)));
}

export default defineRule({
  id: 'no-privilege-escalation-action',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'error',
    title: 'Privilege-escalation action granted on every resource',
    description:
      'An Allow statement grants, on `*` (or on every role or function), an action that lets the holder raise its own privileges: iam:PassRole, iam:CreatePolicyVersion, iam:Attach*Policy, iam:Put*Policy, iam:CreateAccessKey, iam:UpdateAssumeRolePolicy, sts:AssumeRole, lambda:UpdateFunctionCode and similar, named or covered by a wildcard. A function holding one of them can turn a bug or an injection into control of the account.',
    cwe: ['CWE-269', 'CWE-250'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'none',
    messages: {
      'escalation-action': "An action that lets its holder grant itself more (iam:PassRole, iam:CreatePolicyVersion, lambda:UpdateFunctionCode...) is granted on every resource.",
    },
  },
  check(ctx: ModelRuleContext) {
    for (const ref of identityStatements(ctx.model)) {
      const s = ref.statement;
      if (!isAllow(s) || conditionLimits(s.condition)) continue;
      const wild = s.resources.map(wildcardResource).filter((w) => w !== undefined);
      if (wild.length === 0) continue;
      for (const g of statementGrants(s)) {
        if (g.pattern === '*') continue; // full admin: no-wildcard-iam-action reports it as an error
        const esc = g.actions.filter((a) => isEscalation(a) && wild.some((w) => wildcardCovers(w, a)));
        if (esc.length === 0) continue;
        const on = wild.find((w) => !w.service)?.text ?? wild[0].text;
        const first = esc[0];
        const lead = hasWildcard(g.pattern)
          ? `${g.pattern} on '${on}' includes ${esc.length} privilege-escalation action${esc.length === 1 ? '' : 's'} (${listActions(esc)})`
          : `${g.pattern} on '${on}' can ${escalationReason(first)}`;
        ctx.report({
          span: g.val.span,
          message: `${lead}${heldBy(ref.role, ref.functions)}. Name the exact ${first.service === 'lambda' ? 'functions' : 'roles'} in Resource, or remove the action.`,
          hover: esc.slice(0, 8).map((a) => `- \`${a.service}:${a.name}\`: ${escalationReason(a)}`).join('\n') + (esc.length > 8 ? `\n- and ${esc.length - 8} more` : ''),
        });
      }
    }
  },
});
