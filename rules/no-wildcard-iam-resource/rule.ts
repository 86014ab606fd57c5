import {
  type ActionInfo,
  conditionScopesResources,
  configOf,
  defineRule,
  hasWildcard,
  heldBy,
  identityStatements,
  isAllow,
  listActions,
  type ModelRuleContext,
  scopable,
  scopeResourceFix,
  statementGrants,
  taggedSpan,
  wildcardCovers,
  wildcardResource,
} from '../../server/src/engine/rule-kit.js';

/** Read, write, tagging or permissions management on everything is a warning; listing alone is a note. */
function severityOf(actions: ActionInfo[]): 'warning' | 'info' {
  return actions.some((a) => /[RWTP]/.test(a.levels)) ? 'warning' : 'info';
}

export default defineRule({
  id: 'no-wildcard-iam-resource',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'warning',
    title: 'Wildcard Resource on actions that can be scoped to specific resources',
    description:
      'An Allow statement grants actions that support resource-level permissions on `Resource: \'*\'` (or an ARN such as `arn:aws:dynamodb:*:*:table/*` that matches every resource of its kind). The function can read or change every bucket, table or queue of the account, not only its own. Actions that can only ever be granted on `*` (xray:PutTraceSegments, ec2:DescribeInstances...) and the CloudWatch Logs and VPC network-interface actions that AWS\'s own Lambda execution policies grant on `*` are not reported.',
    cwe: ['CWE-732', 'CWE-250'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'unsafe',
    messages: {
      'wildcard-resource': "Resource '*' is granted with actions that can be scoped to resources.",
    },
  },
  check(ctx: ModelRuleContext) {
    for (const ref of identityStatements(ctx.model)) {
      const s = ref.statement;
      if (!isAllow(s) || s.actions.length === 0 || conditionScopesResources(s)) continue;
      const grants = statementGrants(s);
      for (const rv of s.resources) {
        const w = wildcardResource(rv);
        if (!w) continue;
        const hit = grants
          .map((g) => ({ g, sc: scopable(g.actions, w.service) }))
          .filter((x) => x.sc.length > 0);
        if (hit.length === 0) continue;
        const sc = [...new Set(hit.flatMap((x) => x.sc))];
        const named = [...new Set(hit.map((x) => (hasWildcard(x.g.pattern) ? `${x.g.pattern} (${x.sc.length} scopable action${x.sc.length === 1 ? '' : 's'})` : x.g.pattern)))];
        const what = named.length <= 3 ? named.join(', ') : `${named.slice(0, 3).join(', ')} and ${named.length - 3} more`;
        const fix = scopeResourceFix(s, w, configOf(ctx.model, ref.role), ref.role);
        const unscoped = [...new Set(grants.flatMap((g) => g.actions))].filter((a) => !sc.includes(a) && wildcardCovers(w, a));
        ctx.report({
          span: taggedSpan(rv),
          severity: severityOf(sc),
          message: `Resource '${w.text}' grants ${what} on ${w.covers}${heldBy(ref.role, ref.functions)}. These actions can be scoped: name the ARNs of the resources ${ref.functions.length ? 'the function uses' : 'it needs'}.`,
          hover:
            `\`${w.text}\` matches ${w.covers}. ${sc.length === 1 ? '1 action of this statement supports' : `${sc.length} actions of this statement support`} resource-level permissions: ${listActions(sc, 6)}.` +
            (unscoped.length ? ` Not counted (they only work on \`*\`, or AWS grants them on \`*\` itself): ${listActions(unscoped, 4)}.` : ''),
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
