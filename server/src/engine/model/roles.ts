// IAM roles of a template (CloudFormation, SAM, serverless.yml `resources`): `AWS::IAM::Role` with
// its inline `Policies` and `ManagedPolicyArns`, the `AWS::IAM::Policy` / `ManagedPolicy` /
// `RolePolicy` resources attached to it (by `!Ref`, or by its name: literal, `!Sub` or parameter),
// to a role the framework generates, to a role outside the template, or to nothing; and the binding
// of a function's `Role` (`!GetAtt R.Arn`, `!Ref R`, `!Sub '${R.Arn}'`, an ARN built with `!Sub` or
// `Fn::Join` from the role's name, or a literal ARN naming a role of the template).
import type { Val } from '../config/val.js';
import type { PolicyDoc, ResourceModel, RoleBinding, RoleModel } from './types.js';
import { flatItems, readManagedPolicy, readPolicyDocument, readStatements } from './statements.js';
import { describeVal, literalText } from './refs.js';

const UNKNOWN = '\u0000';

export function readRoles(resources: ResourceModel[]): RoleModel[] {
  const roles = new Map<string, RoleModel>();
  for (const r of resources) {
    if (r.type !== 'AWS::IAM::Role') continue;
    const role: RoleModel = {
      id: r.id, origin: 'cfn-role', file: r.file, span: r.keySpan, val: r.props,
      policies: [], managedPolicies: [], samTemplates: [], implicitLogsWrite: false, functions: [],
      trustedServices: trustedServices(r.props?.get('AssumeRolePolicyDocument')),
    };
    for (const p of flatItems(r.props?.get('Policies'))) {
      const name = p.get('PolicyName')?.str() ?? 'inline';
      addDoc(role, readPolicyDocument(p.get('PolicyDocument'), `Role ${r.id}, policy ${name}`));
    }
    for (const m of flatItems(r.props?.get('ManagedPolicyArns'))) role.managedPolicies.push(readManagedPolicy(m));
    roles.set(r.id, role);
  }
  for (const r of resources) {
    if (!POLICY_TYPES.has(r.type)) continue;
    const doc = policyDocOf(r);
    for (const t of policyTargets(r)) {
      const role = targetRole(t, roles, resources);
      if (role) addDoc(role, doc);
    }
  }
  const all = [...roles.values()];
  for (const role of all) attachLocalManagedPolicies(role, resources);
  return all;
}

/** Adds a document to a role once (a ManagedPolicy may be both in `ManagedPolicyArns` and name the role in `Roles`). */
function addDoc(role: RoleModel, doc: PolicyDoc | undefined): void {
  if (!doc) return;
  if (role.policies.some((p) => sameDoc(p, doc))) return;
  role.policies.push(doc);
}

/** Documents of `AWS::IAM::ManagedPolicy` resources a role names with `!Ref` (in ManagedPolicyArns, sls managedPolicies, SAM Policies). */
export function attachLocalManagedPolicies(role: RoleModel, resources: ResourceModel[]): void {
  for (const ref of role.managedPolicies) {
    if (!ref.localPolicyId) continue;
    const local = resources.find((r) => r.id === ref.localPolicyId);
    if (local?.type !== 'AWS::IAM::ManagedPolicy') continue;
    addDoc(role, readPolicyDocument(local.props?.get('PolicyDocument'), `ManagedPolicy ${local.id}`));
  }
}

const POLICY_TYPES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy']);

function policyDocOf(r: ResourceModel): PolicyDoc | undefined {
  return readPolicyDocument(r.props?.get('PolicyDocument'), `${r.type.slice(10)} ${r.id}`);
}

/** The roles a policy resource names: `Roles` (Policy, ManagedPolicy) or `RoleName` (RolePolicy). */
function policyTargets(r: ResourceModel): Val[] {
  return flatItems(r.props?.get(r.type === 'AWS::IAM::RolePolicy' ? 'RoleName' : 'Roles'));
}

/**
 * How a role's name is written, as a key to match a policy's `Roles` entry against: the literal, the
 * `!Sub` template, the parameter it is `!Ref` to, or the `Fn::Join` text.
 */
function nameKey(v: Val): string | undefined {
  const s = v.str();
  if (s !== undefined) return `=${s}`;
  const i = v.intrinsic();
  if (i?.fn === 'Fn::Sub') {
    const t = i.arg.str() ?? i.arg.items()[0]?.str();
    return t === undefined ? undefined : /^\$\{[A-Za-z0-9:]+\}$/.test(t) ? `ref:${t.slice(2, -1)}` : `sub:${t}`;
  }
  if (i?.fn === 'Ref') {
    const id = i.arg.str();
    return id ? `ref:${id}` : undefined;
  }
  const joined = literalText(v, UNKNOWN);
  return joined !== undefined ? `join:${joined}` : undefined;
}

/** The role of the template a policy's `Roles` entry names: `!Ref Role` (its name), or the same name as its `RoleName`. */
function targetRole(t: Val, roles: Map<string, RoleModel>, resources: ResourceModel[]): RoleModel | undefined {
  const ref = t.refTarget();
  if (ref && !ref.attr && roles.has(ref.id)) return roles.get(ref.id);
  const key = nameKey(t);
  if (!key) return undefined;
  for (const r of resources) {
    if (r.type !== 'AWS::IAM::Role' || !roles.has(r.id)) continue;
    const name = r.props?.get('RoleName');
    if (name && nameKey(name) === key) return roles.get(r.id);
  }
  // serverless `role: MyRole` style: a logical id written as a string.
  const s = t.str();
  return s !== undefined && roles.has(s) ? roles.get(s) : undefined;
}

/**
 * The `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy` resources whose statements reach no role
 * read so far. Those naming a role the framework generates (`aliases`: a SAM function's `<Id>Role`,
 * serverless's `IamRoleLambdaExecution`) are attached to it. The others become holders of their own
 * (origin `policy-resource`), whose `reach` says where they go: a role outside the template, users
 * or groups, or nothing (a managed policy no role of the template uses). Their statements are then
 * checked like any role's.
 */
export function readPolicyResources(resources: ResourceModel[], roles: readonly RoleModel[], aliases: Map<string, RoleModel> = new Map()): RoleModel[] {
  const byId = new Map<string, RoleModel>([...roles.filter((r) => r.origin === 'cfn-role').map((r): [string, RoleModel] => [r.id, r]), ...aliases]);
  const out: RoleModel[] = [];
  const reaches = (doc: PolicyDoc) => roles.some((role) => role.policies.some((p) => sameDoc(p, doc)));
  for (const r of resources) {
    if (!POLICY_TYPES.has(r.type)) continue;
    const doc = policyDocOf(r);
    if (!doc) continue;
    const targets = policyTargets(r);
    const outside: string[] = [];
    for (const t of targets) {
      const role = targetRole(t, byId, resources);
      if (role) addDoc(role, doc);
      else outside.push(describeTarget(t));
    }
    if (reaches(doc)) continue;
    const what = `${r.type === 'AWS::IAM::ManagedPolicy' ? 'managed policy' : r.type === 'AWS::IAM::RolePolicy' ? 'role policy' : 'policy'} ${r.id}`;
    const users = flatItems(r.props?.get('Users')).map(describeTarget);
    const groups = flatItems(r.props?.get('Groups')).map(describeTarget);
    const to = [
      ...(outside.length ? [`role${outside.length === 1 ? '' : 's'} ${outside.join(', ')}, defined outside this template`] : []),
      ...(users.length ? [`user${users.length === 1 ? '' : 's'} ${users.join(', ')}`] : []),
      ...(groups.length ? [`group${groups.length === 1 ? '' : 's'} ${groups.join(', ')}`] : []),
    ];
    out.push({
      id: r.id, origin: 'policy-resource', file: r.file, span: r.keySpan, val: r.props,
      policies: [doc], managedPolicies: [], samTemplates: [], implicitLogsWrite: false, functions: [],
      reach: to.length ? `${what}, attached to ${to.join(' and ')}` : `${what}, attached to no role of this template`,
    });
  }
  return out;
}

/** A role, user or group a policy names, for messages: its name, or how the template gets it. */
function describeTarget(t: Val): string {
  const i = t.str() === undefined ? t.intrinsic() : undefined;
  if (i?.fn === 'Fn::ImportValue') return `imported as ${describeVal(i.arg)}`;
  if (i?.fn === 'Ref') return `named by parameter ${describeVal(i.arg)}`;
  return describeVal(t);
}

function sameDoc(a: PolicyDoc, b: PolicyDoc): boolean {
  return a.val.file === b.val.file && a.val.span.start === b.val.span.start;
}

/** Literal `RoleName`s of the template's roles, to bind roles named in ARNs and `Roles` lists. */
function roleNames(resources: ResourceModel[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of resources) {
    if (r.type !== 'AWS::IAM::Role') continue;
    const n = r.props?.get('RoleName')?.str();
    if (n) out.set(n, r.id);
  }
  return out;
}

function trustedServices(doc: Val | undefined): string[] {
  const out: string[] = [];
  for (const s of readStatements(doc?.get('Statement', true))) {
    for (const svc of flatItems(s.principal?.get('Service', true))) {
      // `!Sub states.${AWS::Region}.amazonaws.com`: the template as written, for messages.
      const i = svc.intrinsic();
      const t = i?.fn === 'Fn::Sub' ? (i.arg.str() ?? i.arg.items()[0]?.str()) : literalText(svc);
      if (t) out.push(t);
    }
  }
  return out;
}

/** The local role a `Role` value names, if any. */
function localRoleId(v: Val, roles: Map<string, RoleModel>, byName: Map<string, string>): string | undefined {
  const target = v.refTarget();
  if (target && roles.has(target.id)) return target.id;
  const s = v.str();
  if (s !== undefined) {
    if (roles.has(s)) return s; // serverless `role: MyRole` (a logical id)
    const m = /:role\/(?:.*\/)?([^/]+)$/.exec(s);
    return m ? byName.get(m[1]) : undefined;
  }
  const i = v.intrinsic();
  if (i?.fn === 'Fn::Sub') {
    // `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${MyRole}`: Ref of a role is its name.
    const template = i.arg.str() ?? i.arg.items()[0]?.str() ?? '';
    const m = /:role\/(?:.*\/)?\$\{([A-Za-z0-9]+)\}$/.exec(template);
    if (m && roles.has(m[1])) return m[1];
  }
  if (i?.fn === 'Fn::Join') {
    const parts = i.arg.items()[1]?.items() ?? [];
    const last = parts[parts.length - 1];
    const joined = literalText(v, UNKNOWN) ?? '';
    const id = last?.refTarget()?.id;
    if (/:role\//.test(joined) && id && roles.has(id)) return id;
  }
  const text = literalText(v, UNKNOWN);
  const m = text ? /:role\/(?:[^\u0000]*\/)?([^/\u0000]+)$/.exec(text) : null;
  return m ? byName.get(m[1]) : undefined;
}

/** Binds a function's `Role` property: a role of the template, or an external role. */
export function bindRole(roleVal: Val | undefined, roles: Map<string, RoleModel>, resources: ResourceModel[] = []): RoleBinding {
  if (!roleVal) return { kind: 'none' };
  const byName = roleNames(resources);
  for (const alt of roleVal.alternatives()) {
    const id = localRoleId(alt, roles, byName);
    if (id) return { kind: 'role', role: roles.get(id)! };
  }
  return { kind: 'external', val: roleVal, text: roleVal.str() };
}
