import { defineRule, flatItems, literalText, type Statement, type Val } from '../../server/src/engine/rule-kit.js';

/** Condition keys that limit who can assume the role to a known party. */
const LIMITING = /^(aws:PrincipalOrgID|aws:PrincipalOrgPaths|aws:PrincipalAccount|aws:PrincipalArn|aws:SourceAccount|aws:SourceArn|aws:SourceOrgID|aws:SourceOrgPaths|aws:userid|aws:username|sts:ExternalId)$/i;
/** For another account's principals: an external id (a third party) or your organisation. */
const FOR_ACCOUNTS = /^(sts:ExternalId|aws:PrincipalOrgID|aws:PrincipalOrgPaths|aws:PrincipalArn)$/i;

const UNKNOWN = '\u0000';

/** The condition keys of a statement (`{ StringEquals: { 'sts:ExternalId': ... } }`); undefined when it cannot be read. */
function conditionKeys(s: Statement): string[] | undefined {
  const c = s.condition;
  if (!c) return [];
  if (c.kind !== 'map' || c.intrinsic()) return undefined;
  return c.entries().flatMap((op) => (op.val.kind === 'map' && !op.val.intrinsic() ? op.val.entries().map((e) => e.key) : [UNKNOWN]));
}

/** An AWS account root or id that is not this account: `arn:aws:iam::123456789012:root`, `123456789012`. */
function otherAccount(v: Val): string | undefined {
  const i = v.intrinsic();
  const text = i?.fn === 'Fn::Sub' ? literalText(v, UNKNOWN) : v.str();
  if (!text || text.includes(UNKNOWN)) return undefined; // ${AWS::AccountId}: this account
  const m = /^(?:arn:aws[a-z-]*:iam::(\d{12}):root|(\d{12}))$/.exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}

function assumes(s: Statement): boolean {
  if (s.actions.length === 0) return s.notActions.length > 0;
  return s.actions.some((a) => {
    const t = a.str();
    return t === undefined || /^(sts:\*|\*|sts:AssumeRole.*)$/i.test(t);
  });
}

export default defineRule({
  id: 'no-open-role-trust',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'warning',
    title: 'Role trust policy lets anyone, or another account as a whole, assume the role',
    description:
      "An IAM role whose trust policy allows Principal '*' (or AWS: '*') with no condition can be assumed by any AWS account. One that trusts another account's root, with no sts:ExternalId or organisation condition, can be assumed by every principal of that account that has sts:AssumeRole, and by a third party acting as a confused deputy.",
    cwe: ['CWE-284', 'CWE-441'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'none',
    messages: {
      anyone: "A role's trust policy lets any principal ('*') assume it, with no condition that says who.",
      'whole-account': "A role's trust policy trusts another account as a whole, with no external id or organisation condition.",
    },
  },
  check(ctx) {
    for (const t of ctx.model.trustPolicies) {
      for (const s of t.statements) {
        if ((s.effect ?? '').toLowerCase() !== 'allow' || !assumes(s)) continue;
        const keys = conditionKeys(s);
        if (keys === undefined || keys.includes(UNKNOWN)) continue; // a condition we cannot read
        const principal = s.principal;
        if (!principal) continue;
        const aws = principal.str() === '*' ? [principal] : flatItems(principal.get('AWS', true));
        for (const p of aws) {
          if (p.str() === '*') {
            if (keys.some((k) => LIMITING.test(k))) continue;
            ctx.report({
              span: p.span,
              severity: 'error',
              messageId: 'anyone', message: `Role ${t.roleId} can be assumed by anyone: its trust policy allows Principal '*'${keys.length ? ' with a condition that does not say who' : ' with no condition'}. Name the principals (a service, a role ARN), or add a condition on aws:PrincipalOrgID or sts:ExternalId.`,
            });
            continue;
          }
          const account = otherAccount(p);
          if (!account || keys.some((k) => FOR_ACCOUNTS.test(k))) continue;
          ctx.report({
            span: p.span,
            messageId: 'whole-account', message: `Role ${t.roleId} trusts the whole account ${account}: every principal there that may call sts:AssumeRole can assume it. Add an sts:ExternalId condition (a third party) or aws:PrincipalOrgID (your organisation), or name the role that needs it.`,
          });
        }
      }
    }
  },
});
