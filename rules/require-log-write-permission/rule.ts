import { appendItem, defineRule, ensurePath, type Fix, flatItems, type Out, type RoleModel, str, type Val, wildcardMatch } from '../../server/src/engine/rule-kit.js';

const NEEDED = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** AWS-managed policies that grant logs:CreateLogStream and logs:PutLogEvents on any log group. */
const GRANTS = new Set([
  'AWSLambdaBasicExecutionRole', 'AWSLambdaBasicDurableExecutionRolePolicy', 'AWSLambdaVPCAccessExecutionRole', 'AWSLambdaExecute',
  'AWSLambdaKinesisExecutionRole', 'AWSLambdaDynamoDBExecutionRole', 'AWSLambdaSQSQueueExecutionRole', 'AWSLambdaMSKExecutionRole',
  'CloudWatchLogsFullAccess', 'CloudWatchFullAccess', 'CloudWatchFullAccessV2', 'CloudWatchAgentServerPolicy', 'CloudWatchAgentAdminPolicy',
  'AmazonAPIGatewayPushToCloudWatchLogs', 'AWSAppSyncPushToCloudWatchLogs', 'AmazonECSTaskExecutionRolePolicy', 'AmazonEC2ContainerServiceforEC2Role',
  'AdministratorAccess', 'PowerUserAccess',
]);

/**
 * AWS-managed policies known NOT to grant writing to a function's log group. Any other AWS-managed
 * policy might: the role is then not reported (we do not guess at policies we cannot read).
 */
const NO_LOGS = new Set([
  'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess', 'IAMFullAccess', 'IAMReadOnlyAccess', 'AWSLambda_FullAccess', 'AWSLambda_ReadOnlyAccess', 'AWSLambdaRole',
  'AWSXRayDaemonWriteAccess', 'AWSXrayWriteOnlyAccess', 'AmazonDynamoDBFullAccess', 'AmazonDynamoDBFullAccess_v2', 'AmazonDynamoDBReadOnlyAccess',
  'AmazonSQSFullAccess', 'AmazonSQSReadOnlyAccess', 'AmazonSNSFullAccess', 'AmazonSNSReadOnlyAccess', 'AmazonSESFullAccess', 'SecretsManagerReadWrite',
  'AmazonKinesisFullAccess', 'AmazonKinesisReadOnlyAccess', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonAPIGatewayInvokeFullAccess', 'ReadOnlyAccess',
  'AmazonSSMReadOnlyAccess', 'AmazonSSMManagedInstanceCore', 'AWSCloudFormationFullAccess', 'AWSCloudFormationReadOnlyAccess', 'ComprehendReadOnly',
  'CloudWatchLambdaInsightsExecutionRolePolicy', 'AWSStepFunctionsReadOnlyAccess', 'AmazonRekognitionReadOnlyAccess', 'AmazonTextractFullAccess',
]);

type Coverage = { granted: Set<string>; unknown: boolean };

const literal = (v: Val) => (v.kind === 'scalar' && !v.intrinsic() ? v.str() : undefined);

/** What the role's statements grant of NEEDED, and whether some part of them cannot be read. */
function coverage(role: RoleModel): Coverage {
  const granted = new Set<string>();
  let unknown = false;
  for (const doc of role.policies) {
    // A document that is not written out (Terraform's templatefile() of a file, a parameter) might grant it.
    if (doc.opaque) unknown = true;
    const raw = doc.val.kind === 'seq' ? doc.val : doc.val.get('Statement', true);
    // A statement we could not read (a parameter, a `${...}` variable) might grant it.
    if (flatItems(raw).some((s) => s.kind !== 'map' || s.intrinsic())) unknown = true;
    for (const st of doc.statements) {
      if (st.effect === undefined) unknown = true;
      if (st.effect !== 'Allow') continue;
      const acts = st.actions.map(literal);
      const nots = st.notActions.map(literal);
      if (acts.some((a) => a === undefined) || nots.some((a) => a === undefined)) unknown = true;
      for (const need of NEEDED) {
        if (acts.some((a) => a !== undefined && wildcardMatch(a, need))) granted.add(need);
        if (st.notActionKey && !nots.some((a) => a !== undefined && wildcardMatch(a, need))) granted.add(need);
      }
    }
  }
  for (const m of role.managedPolicies) {
    if (m.name && m.awsManaged && GRANTS.has(m.name)) NEEDED.forEach((n) => granted.add(n));
    else if (!m.name || !m.awsManaged || !NO_LOGS.has(m.name)) {
      // A customer policy defined elsewhere, or one we know nothing about. Local ones were read above.
      if (!m.localPolicyId) unknown = true;
    }
  }
  return { granted, unknown };
}

function fix(role: RoleModel, vpc: boolean): Fix | undefined {
  const props = role.val;
  if (!props || props.kind !== 'map') return undefined;
  const name = vpc ? 'AWSLambdaVPCAccessExecutionRole' : 'AWSLambdaBasicExecutionRole';
  const list = props.get('ManagedPolicyArns');
  // Follow the list's style: partition-aware `!Sub` ARNs if that is what it uses.
  const partition = list && flatItems(list).some((v) => v.source.includes('${AWS::Partition}'));
  const arn: Out = partition ? { sub: `arn:\${AWS::Partition}:iam::aws:policy/service-role/${name}` } : str(`arn:aws:iam::aws:policy/service-role/${name}`);
  const edit = list ? appendItem(list, arn) : ensurePath(props, ['ManagedPolicyArns'], { seq: [arn] });
  return edit ? { id: 'add-basic-execution-role', title: `Attach the AWS managed policy ${name}`, edits: [edit], isPreferred: true } : undefined;
}

export default defineRule({
  id: 'require-log-write-permission',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'warning',
    title: 'Function role cannot write its logs',
    description:
      'A function whose execution role lacks logs:CreateLogStream and logs:PutLogEvents runs normally but writes no logs at all: every console line, error and stack trace vanishes without an error anywhere. Roles that SAM and the Serverless Framework generate get these permissions; a role you write yourself needs AWSLambdaBasicExecutionRole or an equivalent statement.',
    cwe: ['CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'safe',
    messages: {
      'cannot-write-logs': "A function's role cannot write CloudWatch Logs.",
    },
  },
  check(ctx) {
    for (const role of ctx.model.roles) {
      if (role.implicitLogsWrite || role.functions.length === 0) continue;
      const { granted, unknown } = coverage(role);
      if (unknown || granted.size === NEEDED.length) continue;
      const missing = NEEDED.filter((n) => !granted.has(n));
      const fns = role.functions.map((f) => f.id);
      // A function in a VPC (or maybe in one) needs the VPC variant, which also grants the logs permissions.
      const vpc = role.functions.some((f) => f.settings.vpc.state !== 'unset');
      const f = fix(role, vpc);
      ctx.report({
        span: role.span,
        message: `Role ${role.id} cannot write CloudWatch Logs (no ${missing.join(' or ')}, and no AWSLambdaBasicExecutionRole or equivalent): ${fns.join(', ')} run${fns.length === 1 ? 's' : ''} without any logs.`,
        fixes: f ? [f] : [],
      });
    }
  },
});
