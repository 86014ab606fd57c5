// IAM roles of a template (CloudFormation, SAM, serverless.yml `resources`): `AWS::IAM::Role` with
// its inline `Policies` and `ManagedPolicyArns`, the `AWS::IAM::Policy` / `ManagedPolicy` /
// `RolePolicy` resources attached to it (by `!Ref` or by literal role name), and the binding of a
// function's `Role` (`!GetAtt R.Arn`, `!Ref R`, `!Sub '${R.Arn}'`, an ARN built with `!Sub` or
// `Fn::Join` from the role's name, or a literal ARN naming a role of the template).
import type { Val } from '../config/val.js';
import type { PolicyDoc, ResourceModel, RoleBinding, RoleModel } from './types.js';
import { flatItems, readManagedPolicy, readPolicyDocument, readStatements } from './statements.js';
import { literalText } from './refs.js';

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
  const byName = roleNames(resources);
  for (const r of resources) {
    let targets: Val[] = [];
    if (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') targets = flatItems(r.props?.get('Roles'));
    else if (r.type === 'AWS::IAM::RolePolicy') targets = flatItems(r.props?.get('RoleName'));
    else continue;
    const doc = readPolicyDocument(r.props?.get('PolicyDocument'), `${r.type.slice(10)} ${r.id}`);
    for (const t of targets) {
      const id = t.refTarget()?.id ?? byName.get(t.str() ?? '') ?? t.str();
      const role = id ? roles.get(id) : undefined;
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
  if (role.policies.some((p) => p.val.file === doc.val.file && p.val.span.start === doc.val.span.start)) return;
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
