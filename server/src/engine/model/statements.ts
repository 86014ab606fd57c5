// Reading IAM policy documents, statements and managed-policy references, in every shape the
// formats accept: a statement list or a single statement, string-or-list values, any key casing.
import type { Val } from '../config/val.js';
import type { ManagedPolicyRef, PolicyDoc, SamPolicyTemplateRef, Statement } from './types.js';

/** Reads one statement (a mapping). Keys match case-insensitively. */
export function readStatement(val: Val): Statement | undefined {
  if (val.kind !== 'map') return undefined;
  const e = (k: string) => val.entry(k, true);
  const listOf = (k: string) => {
    const en = e(k);
    return en ? en.val.list().flatMap((x) => x.alternatives()) : [];
  };
  const effect = e('Effect');
  return {
    val,
    effect: effect?.val.str(),
    effectVal: effect?.val,
    actionKey: e('Action'),
    actions: listOf('Action'),
    notActionKey: e('NotAction'),
    notActions: listOf('NotAction'),
    resourceKey: e('Resource'),
    resources: listOf('Resource'),
    notResourceKey: e('NotResource'),
    notResources: listOf('NotResource'),
    principalKey: e('Principal'),
    principal: e('Principal')?.val,
    notPrincipalKey: e('NotPrincipal'),
    condition: e('Condition')?.val,
  };
}

/** Reads a list of statements (or one statement given alone). `Fn::If` branches are both read. */
export function readStatements(val: Val | undefined): Statement[] {
  if (!val) return [];
  const items = val.kind === 'seq' ? val.items() : [val];
  const out: Statement[] = [];
  for (const it of items.flatMap((i) => i.alternatives())) {
    const s = readStatement(it);
    if (s) out.push(s);
  }
  return out;
}

/** Reads a policy document (`{Version, Statement}`), tolerating a bare statement list. */
export function readPolicyDocument(val: Val | undefined, label: string): PolicyDoc | undefined {
  if (!val) return undefined;
  if (val.kind === 'seq') return { label, val, statements: readStatements(val) };
  const st = val.get('Statement', true);
  if (!st) return undefined;
  return { label, val, statements: readStatements(st) };
}

const AWS_MANAGED_ARN = /^arn:(?:aws|aws-cn|aws-us-gov|\$\{AWS::Partition\}):iam::aws:policy\/(?:.*\/)?([^/]+)$/;
const CUSTOMER_ARN = /^arn:[^:]+:iam::[^:]*:policy\/(?:.*\/)?([^/]+)$/;

/** Reads a managed policy reference: a name, an ARN (also in `!Sub`), or `!Ref` to a local policy. */
export function readManagedPolicy(val: Val): ManagedPolicyRef {
  const s = val.str();
  if (s !== undefined) {
    const m = AWS_MANAGED_ARN.exec(s);
    if (m) return { val, name: m[1], awsManaged: true };
    const c = CUSTOMER_ARN.exec(s);
    if (c) return { val, name: c[1], awsManaged: false };
    // A bare name is an AWS-managed policy name in SAM `Policies`.
    return { val, name: s, awsManaged: !s.startsWith('arn:') };
  }
  const i = val.intrinsic();
  if (i?.fn === 'Fn::Sub') {
    const t = i.arg.str() ?? i.arg.items()[0]?.str();
    const m = t ? AWS_MANAGED_ARN.exec(t) : null;
    if (m) return { val, name: m[1], awsManaged: true };
  }
  if (i?.fn === 'Fn::Join') {
    const parts = i.arg.items()[1]?.items() ?? [];
    const last = parts[parts.length - 1]?.str();
    const joined = parts.map((p) => p.str() ?? '${x}').join(i.arg.items()[0]?.str() ?? '');
    if (last && /:iam::aws:policy\//.test(joined)) return { val, name: last.replace(/^.*\//, ''), awsManaged: true };
  }
  const ref = val.refTarget();
  if (ref && !ref.attr) return { val, awsManaged: false, localPolicyId: ref.id };
  return { val, awsManaged: false };
}

/**
 * SAM `Policies`: a managed policy name or ARN, a list of those, policy templates
 * (`DynamoDBCrudPolicy: {TableName: ...}`) and inline documents (`{Statement: [...]}` or
 * `{Version, Statement}`).
 */
export function readSamPolicies(val: Val | undefined): {
  managed: ManagedPolicyRef[];
  templates: SamPolicyTemplateRef[];
  inline: PolicyDoc[];
} {
  const out = { managed: [] as ManagedPolicyRef[], templates: [] as SamPolicyTemplateRef[], inline: [] as PolicyDoc[] };
  if (!val) return out;
  const items = val.kind === 'seq' ? val.items() : [val];
  for (const item of items.flatMap((i) => i.alternatives())) {
    if (item.kind === 'scalar' || item.intrinsic()) {
      out.managed.push(readManagedPolicy(item));
      continue;
    }
    if (item.kind !== 'map') continue;
    if (item.get('Statement', true)) {
      const doc = readPolicyDocument(item, 'Policies (inline)');
      if (doc) out.inline.push(doc);
      continue;
    }
    for (const e of item.entries()) {
      out.templates.push({ name: e.key, keySpan: e.keySpan, val: e.val, args: e.val.kind === 'map' ? e.val.entries() : [] });
    }
  }
  return out;
}
