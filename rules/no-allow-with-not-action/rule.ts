import {
  allServices,
  defineRule,
  expandAction,
  heldBy,
  identityStatements,
  isAllow,
  type ModelRuleContext,
  serviceActions,
  type Statement,
  wildcardResource,
} from '../../server/src/engine/rule-kit.js';

let total: number | undefined;
const allActionCount = () => (total ??= allServices().reduce((n, s) => n + serviceActions(s).length, 0));

/** "every action except iam:* (about 22,000 actions)" */
function exceptText(s: Statement): string {
  const excluded = s.notActions.map((v) => v.str());
  if (excluded.some((x) => x === undefined)) return 'every action except the ones listed';
  const known = new Set(excluded.flatMap((p) => expandAction(p!)).map((a) => `${a.service}:${a.name}`));
  const left = allActionCount() - known.size;
  const shown = excluded.length <= 3 ? excluded.join(', ') : `${excluded.slice(0, 3).join(', ')} and ${excluded.length - 3} more`;
  return `every action except ${shown} (${left.toLocaleString('en-US')} of the ${allActionCount().toLocaleString('en-US')} actions AWS knows today, and every action it adds later)`;
}

export default defineRule({
  id: 'no-allow-with-not-action',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'warning',
    title: 'Allow statement uses NotAction or NotResource',
    description:
      '`Effect: Allow` with `NotAction` grants every action except the listed ones, including every action AWS adds in the future; with `NotResource` it grants the actions on every resource except the listed ones. Both are allow-lists turned inside out, and almost always grant far more than intended. (`NotAction`/`NotResource` with `Effect: Deny` are a sound pattern and are not reported.)',
    cwe: ['CWE-732', 'CWE-183'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'none',
    messages: {
      'not-action': "An Allow statement grants every action except those listed under NotAction.",
      'not-resource': "An Allow statement grants its actions on every resource except those listed under NotResource.",
    },
  },
  check(ctx: ModelRuleContext) {
    const statements = [
      ...identityStatements(ctx.model).map((r) => ({ s: r.statement, where: heldBy(r.role, r.functions) })),
      ...ctx.model.resourcePolicies.flatMap((p) => p.statements.map((s) => ({ s, where: ` (resource policy ${p.resource.id})` }))),
    ];
    for (const { s, where } of statements) {
      if (!isAllow(s)) continue;
      // `NotAction: '*'` with Allow grants nothing at all.
      if (s.notActionKey && !s.notActions.some((v) => v.str() === '*')) {
        const everywhere = s.resources.some((r) => wildcardResource(r)?.text === '*') || (s.resources.length === 0 && !!s.notResourceKey);
        ctx.report({
          span: s.notActionKey.keySpan,
          severity: everywhere ? 'error' : 'warning',
          messageId: 'not-action', message: `Allow with NotAction grants ${exceptText(s)}${everywhere ? ' on every resource' : ''}${where}. List the actions that are needed under Action instead.`,
          hover: `\`NotAction\` with \`Effect: Allow\` is an inverted allow-list: ${exceptText(s)}. Use \`NotAction\` only with \`Effect: Deny\`.`,
        });
      }
      if (s.notResourceKey) {
        ctx.report({
          span: s.notResourceKey.keySpan,
          messageId: 'not-resource', message: `Allow with NotResource grants its actions on every resource except the ${s.notResources.length === 1 ? 'one' : s.notResources.length} listed${where}. Name the resources that are needed under Resource instead.`,
          hover: '`NotResource` with `Effect: Allow` grants the actions on every resource of the account, present and future, except the listed ones.',
        });
      }
    }
  },
});
