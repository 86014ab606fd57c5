import {
  broadManagedPolicy,
  configOf,
  cyclicIds,
  defineRule,
  type Fix,
  heldBy,
  type ModelRuleContext,
  replaceValue,
  replaceWithBlockItems,
  type RoleModel,
  samTemplateReplacements,
  taggedSpan,
  templateParamCandidates,
} from '../../server/src/engine/rule-kit.js';

/** At most this many "scope to resource X" fixes are offered for one finding. */
const MAX_CHOICES = 4;

export default defineRule({
  id: 'no-admin-managed-policy',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'warning',
    title: 'Administrator or full-access managed policy, or SAM policy template on every resource',
    description:
      'A role holds an AWS-managed policy that grants administrator or full access (AdministratorAccess, PowerUserAccess, IAMFullAccess, AWSLambdaRole, any *FullAccess policy), by name or by ARN; or a SAM policy template is given a wildcard argument (`TableName: \'*\'`), so it applies to every table, bucket or queue of the account. The function can do everything the policy allows, everywhere, so any bug or injection in it reaches far beyond its own resources.',
    cwe: ['CWE-250', 'CWE-732'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'unsafe',
    messages: {
      'managed-policy': "An administrator or full-access managed policy is attached to a role.",
      'template-every-resource': "A SAM policy template names every resource of its kind (a wildcard argument).",
    },
  },
  check(ctx: ModelRuleContext) {
    for (const role of ctx.model.roles) {
      const config = configOf(ctx.model, role);
      const where = heldBy(role, role.functions);
      const cyclic = cyclicIds(role, config?.resources ?? []);
      for (const m of role.managedPolicies) {
        if (!m.awsManaged || !m.name) continue;
        const broad = broadManagedPolicy(m.name);
        if (!broad) continue;
        const fixes: Fix[] = [];
        // A SAM policy template, scoped to one resource of the template, grants the same service on that resource only.
        if (role.origin === 'sam-generated' && config && role.val && !role.val.intrinsic()) {
          const choices = samTemplateReplacements(m.name, config.resources, cyclic);
          for (const c of choices.slice(0, MAX_CHOICES)) {
            fixes.push({
              id: 'use-sam-policy-template',
              title: `Replace ${m.name} with ${c.templates.join(' and ')} on ${c.resource.id} (changes what the function may do)`,
              edits: [replaceWithBlockItems(m.val, c.items, role.val.kind === 'seq')],
              changesBehaviour: true,
              isPreferred: choices.length === 1 || undefined,
            });
          }
        }
        ctx.report({
          span: taggedSpan(m.val),
          severity: broad.severity,
          messageId: 'managed-policy', message: `${m.name} grants ${broad.grants}${where}. Grant only the actions and resources ${role.functions.length ? 'the function uses' : 'it needs'}${fixes.length ? ', for example with a SAM policy template scoped to one resource' : ''}.`,
          hover: `\`${m.name}\` is an AWS-managed policy: ${broad.grants}.`,
          fixes,
        });
      }
      reportWildcardTemplates(ctx, role, where, cyclic);
    }
  },
});

/** `DynamoDBCrudPolicy: {TableName: '*'}`: the template applies to every table of the account. */
function reportWildcardTemplates(ctx: ModelRuleContext, role: RoleModel, where: string, cyclic: Set<string>): void {
  const config = configOf(ctx.model, role);
  for (const t of role.samTemplates) {
    for (const arg of t.args) {
      const v = arg.val.str();
      if (v === undefined || !/^\*+$/.test(v.trim())) continue;
      const choices = config ? templateParamCandidates(t.name, arg.key, config.resources, cyclic) : [];
      const fixes: Fix[] = choices.slice(0, MAX_CHOICES).map((c) => ({
        id: 'scope-template-argument',
        title: `Scope ${t.name} to ${c.resource.id} (changes what the function may do)`,
        edits: [replaceValue(arg.val, c.value)],
        changesBehaviour: true,
        isPreferred: choices.length === 1 || undefined,
      }));
      ctx.report({
        span: arg.val.span,
        messageId: 'template-every-resource', message: `${t.name} with ${arg.key} '${v}' applies to every resource of its kind in the account${where}. Name the one resource the function uses.`,
        hover: `SAM expands \`${t.name}\` into a statement whose resource ARN ends in \`${v}\`: it matches every ${arg.key.replace(/(Name|Arn|Id)$/, '').toLowerCase() || 'resource'} of the account.`,
        fixes,
      });
    }
  }
}
