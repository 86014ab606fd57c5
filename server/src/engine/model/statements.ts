// Reading IAM policy documents, statements and managed-policy references, in every shape the
// formats accept: a statement list or a single statement, string-or-list values, any key casing,
// `Fn::If` branches anywhere, lists spliced in from `${file(...)}` includes, and documents written
// as JSON text (`!Sub '{...}'`, a JSON string, `Fn::Join`), read with spans inside the text.
import type { Val } from '../config/val.js';
import type { ManagedPolicyRef, PolicyDoc, SamPolicyTemplateRef, Statement } from './types.js';
import { subText } from './refs.js';
import { embeddedJson } from '../config/embedded.js';

const MAX_FLATTEN = 8;

/** Values that are a branch of an `Fn::If`: an edit must keep them one value (a flow list, not more branches). */
const IF_BRANCHES = new WeakSet<Val>();

export function isIfBranch(v: Val): boolean {
  return IF_BRANCHES.has(v);
}

/**
 * The values a "list or single value" position holds: `Fn::If` branches are both taken, `Ref
 * AWS::NoValue` is nothing, and a list nested in a list (an include that yields a list, used as one
 * item) is spliced in, as serverless does when it merges included statement lists.
 */
export function flatItems(val: Val | undefined, depth = 0): Val[] {
  if (!val || depth > MAX_FLATTEN) return [];
  const out: Val[] = [];
  const alts = val.alternatives();
  for (const alt of alts) {
    if (alt !== val) IF_BRANCHES.add(alt);
    if (alt.kind === 'seq' && !alt.intrinsic()) for (const it of alt.items()) out.push(...flatItems(it, depth + 1));
    else if (alt.kind !== 'null') out.push(alt);
  }
  return out;
}

/** Reads one statement (a mapping). Keys match case-insensitively. */
export function readStatement(val: Val): Statement | undefined {
  if (val.kind !== 'map' || val.intrinsic()) return undefined;
  const e = (k: string) => val.entry(k, true);
  const listOf = (k: string) => flatItems(e(k)?.val);
  const effect = e('Effect');
  return {
    val,
    sid: e('Sid')?.val.str(),
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
  const out: Statement[] = [];
  for (const it of flatItems(val)) {
    const s = readStatement(it);
    if (s) out.push(s);
  }
  return out;
}

/** Reads a policy document (`{Version, Statement}`), tolerating a bare statement list and `Fn::If`. */
export function readPolicyDocument(val: Val | undefined, label: string): PolicyDoc | undefined {
  if (!val) return undefined;
  const alts = val.alternatives();
  if (alts.length !== 1 || alts[0] !== val) {
    const statements = alts.flatMap((a) => readPolicyDocument(a, label)?.statements ?? []);
    return { label, val, statements };
  }
  // A document written as JSON text: `!Sub '{...}'`, a JSON string, `Fn::Join` of JSON text.
  const json = val.kind === 'scalar' || val.intrinsic() ? embeddedJson(val) : undefined;
  if (json && 'error' in json) return { label, val, statements: [], problem: `The policy document of ${label} is written as JSON text that ${json.error}: its statements are not checked.` };
  if (json) return { label, val, statements: readPolicyDocument(json.root, label)?.statements ?? [] };
  if (val.kind === 'seq' && !val.intrinsic()) return { label, val, statements: readStatements(val) };
  if (val.kind !== 'map' || val.intrinsic()) return { label, val, statements: [], opaque: true };
  const st = val.get('Statement', true);
  if (!st) return undefined;
  return { label, val, statements: readStatements(st) };
}

const AWS_MANAGED_ARN = /^arn:[^:]*:iam::aws:policy\/(?:[^*]*\/)?([A-Za-z0-9+=,.@_-]+)$/;
const CUSTOMER_ARN = /^arn:[^:]*:iam::[^:]*:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/;
/** A placeholder for a value we cannot know (a pseudo parameter, a serverless variable). */
const UNKNOWN = '\u0000';

function fromArnText(val: Val, text: string): ManagedPolicyRef | undefined {
  const m = AWS_MANAGED_ARN.exec(text);
  if (m && !m[1].includes(UNKNOWN)) return { val, name: m[1], awsManaged: true };
  const c = CUSTOMER_ARN.exec(text);
  if (c && !c[1].includes(UNKNOWN)) return { val, name: c[1], awsManaged: false };
  return undefined;
}

/**
 * Reads a managed policy reference: a name, an ARN (literal, `!Sub`, `Fn::Join`, or with a
 * serverless variable for the partition), or `!Ref` to a local `AWS::IAM::ManagedPolicy`.
 */
export function readManagedPolicy(val: Val): ManagedPolicyRef {
  const s = val.str();
  if (s !== undefined) {
    const known = fromArnText(val, s);
    if (known) return known;
    // A bare name is an AWS-managed policy name in SAM `Policies`.
    return { val, name: s, awsManaged: !s.startsWith('arn:') };
  }
  if (val.kind === 'opaque') {
    // `arn:${aws:partition}:iam::aws:policy/X`: the variable only picks the partition, the policy is known.
    const raw = (val.node as { value?: unknown } | null)?.value;
    if (typeof raw === 'string') {
      const known = fromArnText(val, raw.replace(/\$\{[^}]*\}/g, UNKNOWN));
      if (known) return known;
    }
    return { val, awsManaged: false };
  }
  const i = val.intrinsic();
  if (i?.fn === 'Fn::Sub') {
    const t = subText(i.arg, UNKNOWN);
    const known = t !== undefined ? fromArnText(val, t) : undefined;
    if (known) return known;
  }
  if (i?.fn === 'Fn::Join') {
    const sep = i.arg.items()[0]?.str() ?? '';
    const parts = i.arg.items()[1]?.items() ?? [];
    const joined = parts.map((p) => p.str() ?? UNKNOWN).join(sep);
    const known = fromArnText(val, joined);
    if (known) return known;
  }
  const ref = val.refTarget();
  if (ref && !ref.attr && !ref.id.startsWith('AWS::')) return { val, awsManaged: false, localPolicyId: ref.id };
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
  for (const item of flatItems(val)) {
    if (item.kind === 'scalar' || item.kind === 'opaque' || item.intrinsic()) {
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
