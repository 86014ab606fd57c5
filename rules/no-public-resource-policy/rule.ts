import {
  configOf,
  defineRule,
  type Fix,
  flatItems,
  insertEntry,
  isAllow,
  literalText,
  type ModelRuleContext,
  permissionSourceArn,
  type ResourcePolicyKind,
  type ResourcePolicyModel,
  serviceName,
  type Statement,
  statementGrants,
  taggedSpan,
  type Val,
} from '../../server/src/engine/rule-kit.js';

/** `s3.amazonaws.com` -> `s3`; undefined for accounts, ARNs, `*` and anything not literal. */
function servicePrincipal(text: string | undefined): string | undefined {
  const m = text ? /^([a-z0-9.-]+?)\.(?:amazonaws\.com(?:\.cn)?|amazon\.com)$/.exec(text) : null;
  return m ? m[1] : undefined;
}

const LIMITING_PROPS = ['SourceArn', 'SourceAccount', 'PrincipalOrgID', 'EventSourceToken'];

function lambdaPermission(ctx: ModelRuleContext, p: ResourcePolicyModel): void {
  const props = p.resource.props!;
  const principal = props.get('Principal');
  if (!principal) return;
  const text = literalText(principal, '\u0000');
  if (text === undefined || text.includes('\u0000')) return;
  if (LIMITING_PROPS.some((k) => props.get(k) !== undefined)) return;
  const action = props.get('Action')?.str() ?? '';
  // A function URL open to everyone (`AuthType: NONE`) is the public-function-URL finding, not this one.
  if (/^lambda:InvokeFunctionUrl$/i.test(action) && props.get('FunctionUrlAuthType')?.str() === 'NONE') return;
  const fn = p.targetId ?? 'the function';
  if (text === '*') {
    ctx.report({
      span: taggedSpan(principal),
      severity: 'error',
      messageId: 'any-account', message: `Permission ${p.resource.id} lets any AWS account invoke ${fn} (Principal '*', with no SourceArn, SourceAccount or PrincipalOrgID). Name the principal that calls it.`,
      hover: '`Principal: \'*\'` in a Lambda permission makes the function callable by every AWS account.',
    });
    return;
  }
  const service = servicePrincipal(text);
  if (!service) return;
  const config = configOf(ctx.model, p);
  const fixes: Fix[] = [];
  const source = config ? permissionSourceArn(service, p.targetId, config.resources) : undefined;
  if (source) {
    fixes.push({
      id: 'add-source-arn',
      title: `Only ${source.source} may invoke ${fn}: add SourceArn (changes who may invoke it)`,
      edits: [insertEntry(props, 'SourceArn', source.arn)],
      changesBehaviour: true,
      isPreferred: true,
    });
  }
  fixes.push({
    id: 'add-source-account',
    title: `Only ${text} calls from this account may invoke ${fn}: add SourceAccount (changes who may invoke it)`,
    edits: [insertEntry(props, 'SourceAccount', { ref: 'AWS::AccountId' })],
    changesBehaviour: true,
  });
  ctx.report({
    span: taggedSpan(principal),
    messageId: 'confused-deputy', message: `Permission ${p.resource.id} lets ${text} invoke ${fn} on behalf of any AWS account: with no SourceArn or SourceAccount, another account's ${serviceName(service)} resources can trigger it (confused deputy). Add SourceArn${source ? ` (${source.source})` : ''} or SourceAccount.`,
    hover: `A service principal without \`SourceArn\`/\`SourceAccount\` is not tied to your resources: any ${serviceName(service)} resource in any account can be configured to invoke this function.`,
    fixes,
  });
}

/** The `*` tokens of a principal: `'*'`, `{AWS: '*'}`, `{AWS: ['*', ...]}`. */
function starPrincipals(principal: Val | undefined): Val[] {
  if (!principal) return [];
  if (principal.str() === '*') return [principal];
  return flatItems(principal.get('AWS', true)).filter((v) => v.str() === '*');
}

const KIND: Record<ResourcePolicyKind, string> = {
  'lambda-permission': 'function', 's3-bucket-policy': 'bucket', 'sqs-queue-policy': 'queue', 'sns-topic-policy': 'topic', 'kms-key-policy': 'KMS key', 'secret-policy': 'secret',
};

function resourcePolicyStatement(ctx: ModelRuleContext, p: ResourcePolicyModel, s: Statement): void {
  const kind = KIND[p.kind];
  const target = p.targetId ? `${kind} ${p.targetId}` : `the ${kind}`;
  const actions = statementGrants(s).flatMap((g) => g.actions);
  const writes = actions.some((a) => /[WP]/.test(a.levels));
  // Anyone reading a key or a secret (kms:Decrypt, secretsmanager:GetSecretValue) is as bad as writing.
  const secret = p.kind === 'kms-key-policy' || p.kind === 'secret-policy';
  // A website bucket served straight from S3 is public on purpose (no-public-bucket says so too).
  const bucket = p.kind === 's3-bucket-policy' ? ctx.model.buckets.find((b) => b.id === p.targetId && b.file === p.resource.file) : undefined;
  const website = !!bucket?.website && bucket.servedBy.length === 0 && !writes;
  if (s.notPrincipalKey) {
    ctx.report({
      span: s.notPrincipalKey.keySpan,
      severity: 'error',
      messageId: 'not-principal', message: `${p.resource.id} allows every principal except the listed ones (Allow with NotPrincipal) on ${target}. Name the principals that need access under Principal.`,
      hover: '`NotPrincipal` with `Effect: Allow` grants access to everyone else, anonymous users included.',
    });
  }
  if (s.condition) return;
  for (const star of starPrincipals(s.principal)) {
    ctx.report({
      span: star.span,
      severity: website ? 'info' : writes || secret ? 'error' : 'warning',
      messageId: 'public', message: website
        ? `${p.resource.id} lets everyone read ${target}, a static website served straight from S3: public on purpose. Keep only public content there, or serve it through CloudFront with origin access control.`
        : `${p.resource.id} grants ${writes ? 'write' : 'read'} access to ${target} to everyone (Principal '*', no Condition)${p.kind === 'kms-key-policy' ? ': anyone can use the key to decrypt what it protects' : p.kind === 'secret-policy' ? ': anyone can read the secret' : ''}. Name the principals, or add a Condition (aws:SourceArn, aws:PrincipalOrgID...).`,
      hover: `\`*\` as principal, with no condition, is anyone: any AWS account and anonymous requests alike.`,
    });
  }
}

export default defineRule({
  id: 'no-public-resource-policy',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'warning',
    title: 'Lambda permission or resource policy open to any account',
    description:
      'An `AWS::Lambda::Permission` lets `*` invoke the function, or lets a service principal (`s3.amazonaws.com`, `sns.amazonaws.com`...) invoke it without `SourceArn`/`SourceAccount`, so resources in any AWS account can trigger it; or a bucket, queue, topic, KMS key or secret policy allows `*` with no condition, or allows everyone but a few with `NotPrincipal`.',
    cwe: ['CWE-284', 'CWE-441'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'unsafe',
    messages: {
      'any-account': "A Lambda permission lets any AWS account invoke the function (Principal '*').",
      'confused-deputy': "A Lambda permission lets an AWS service invoke the function on behalf of any account (no SourceArn or SourceAccount).",
      'not-principal': "A resource policy allows every principal except the listed ones (Allow with NotPrincipal).",
      public: "A resource policy grants access to everyone (Principal '*', no Condition); a static website bucket is said to be public on purpose.",
    },
  },
  check(ctx: ModelRuleContext) {
    for (const p of ctx.model.resourcePolicies) {
      if (p.kind === 'lambda-permission') {
        if (p.resource.props) lambdaPermission(ctx, p);
        continue;
      }
      for (const s of p.statements) if (isAllow(s)) resourcePolicyStatement(ctx, p, s);
    }
    for (const p of ctx.model.keyPolicies) for (const s of p.statements) if (isAllow(s)) resourcePolicyStatement(ctx, p, s);
  },
});
