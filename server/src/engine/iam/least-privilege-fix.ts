// Quick fixes that rewrite a role to what the code needs, editing the config text at the spans the
// model holds: a SAM policy template swapped for the narrowest one that covers the calls, an unused
// action or statement removed, a missing action added to the statement that already covers the
// resource, or a new statement scoped to the resolved ARN. All change what the function may do.
import type { Val } from '../config/val.js';
import type { ConfigModel, PolicyDoc, ResourceModel, RoleModel } from '../model/types.js';
import type { Fix, TextEdit } from '../types.js';
import { appendItem, isJson, removeItem, replaceItems, str, type Out } from '../fix/yaml-edit.js';
import { flatItems, isIfBranch } from '../model/statements.js';
import { expandAction } from './actions.js';
import { actionInfo } from './operations.js';
import { arnOut, literalArnOut } from './arn-match.js';
import { familyTemplates, grantAllows, roleGrants, type Grant, type Need } from './least-privilege.js';
import { resourceParam } from './operations.js';
import { cyclicIds } from './template-arns.js';
import type { MissingCall, UnusedGrant } from './least-privilege-report.js';

const NOTE = '(changes what the function may do)';

/** The `Policies` item (`- DynamoDBCrudPolicy: {...}`) that holds a SAM template reference. */
function templateItem(role: RoleModel, keyStart: number): Val | undefined {
  return flatItems(role.val).find((it) => it.kind === 'map' && it.entries().some((e) => e.keySpan.start === keyStart));
}

/**
 * Removes a list item. A block item ends at its last line of content: the comment lines the YAML
 * node's range runs on to belong to the next item.
 */
function removeListItem(val: Val): TextEdit | undefined {
  const edit = removeItem(val);
  if (!edit || edit.newText !== '' || isJson(val)) return edit;
  const text = val.doc.text;
  const item = text.slice(edit.start, edit.end);
  if (!/^[ \t]*-/.test(item)) return edit;
  let lines = item.split('\n');
  // The node's range may run into the next item: stop at a sibling dash.
  const indent = /^[ \t]*/.exec(lines[0])![0].length;
  const next = lines.findIndex((l, i) => i > 0 && /^[ \t]*-(\s|$)/.test(l) && /^[ \t]*/.exec(l)![0].length <= indent);
  if (next > 0) lines = lines.slice(0, next);
  let keep = lines.length;
  while (keep > 1 && (lines[keep - 1].trim() === '' || lines[keep - 1].trim().startsWith('#'))) keep--;
  const cut = lines.slice(0, keep).join('\n').length;
  return { ...edit, end: Math.min(edit.end, edit.start + cut + 1) };
}

export function unusedFix(u: UnusedGrant): Fix | undefined {
  const g = u.grant;
  if (g.kind === 'template') {
    if (u.narrower) {
      const k = g.ref.keySpan;
      return { id: 'narrow-template', title: `Replace ${g.ref.name} with ${u.narrower} ${NOTE}`, edits: [{ file: k.file, start: k.start, end: k.end, newText: u.narrower }], changesBehaviour: true, isPreferred: true };
    }
    const item = templateItem(u.role, g.ref.keySpan.start);
    if (!item || flatItems(u.role.val).length < 2) return undefined;
    const edit = removeListItem(item);
    return edit ? { id: 'remove-unused', title: `Remove ${g.ref.name}, which no code uses ${NOTE}`, edits: [edit], changesBehaviour: true, isPreferred: true } : undefined;
  }
  if (g.kind !== 'statement') return undefined;
  const s = g.statement;
  let edit: TextEdit | undefined;
  if (s.actions.length > 1 && !isIfBranch(g.item)) edit = removeListItem(g.item);
  else if (g.policy.statements.length > 1 && !isIfBranch(s.val)) edit = removeListItem(s.val);
  if (!edit) return undefined;
  const what = s.actions.length > 1 ? g.pattern : `the statement that grants ${g.pattern}`;
  return { id: 'remove-unused', title: `Remove ${what}, which no code uses ${NOTE}`, edits: [edit], changesBehaviour: true, isPreferred: true };
}

/** The resource to name in a new statement for a need, as an intrinsic or a literal ARN. */
export function resourceOut(need: Need, exclude: Set<string>): Out | undefined {
  const t = need.target;
  if (!t) return undefined;
  if (t.arn) return str(t.arn);
  const info = actionInfo(need.action);
  if (!info) return undefined;
  const types = need.kmsFor ? ['key'] : (resourceParam(need.call.service)?.types ?? []);
  const type = types.find((x) => info.resourceTypes.some((r) => r.toLowerCase() === x));
  if (!type) return undefined;
  if (t.resource && !exclude.has(t.resource.id)) return arnOut(t.resource, type);
  if (t.name && !t.name.includes('\u0001')) return literalArnOut(info.service, type, t.name);
  return undefined;
}

/** The list of statements of a policy document, to append to. */
function statementList(doc: PolicyDoc): Val | undefined {
  if (doc.val.kind === 'seq') return doc.val;
  const st = doc.val.kind === 'map' ? doc.val.get('Statement', true) : undefined;
  return st?.kind === 'seq' && !st.intrinsic() ? st : undefined;
}

export function missingFix(m: MissingCall, config: ConfigModel | undefined): Fix | undefined {
  const role = m.role;
  const byId = new Map<string, ResourceModel>((config?.resources ?? []).map((r) => [r.id, r]));
  const actions = [...new Set(m.needs.map((n) => n.action))];
  const need = m.needs[0];
  const label = need.target ? ` on ${need.target.label}` : '';
  const title = `Allow ${actions.join(', ')}${label} in the role of ${m.fn.id} ${NOTE}`;
  const grants = roleGrants(role).grants;
  // A SAM template over the same resource, swapped for the narrowest one of its family that adds what is missing.
  for (const g of grants) {
    if (g.kind !== 'template') continue;
    const probe: Grant = { ...g, actions: actions.flatMap(expandAction) };
    if (!m.needs.every((n) => grantAllows(probe, n, byId) === 'yes')) continue;
    const want = new Set([...g.def.actions, ...actions]);
    const bigger = familyTemplates(g.def.family).find(([, t]) => t.param === g.def.param && [...want].every((a) => t.actions.includes(a)));
    if (!bigger) continue;
    const k = g.ref.keySpan;
    return { id: 'add-permission', title: `Replace ${g.ref.name} with ${bigger[0]}, which allows ${actions.join(', ')} ${NOTE}`, edits: [{ file: k.file, start: k.start, end: k.end, newText: bigger[0] }], changesBehaviour: true, isPreferred: true };
  }
  // An Allow statement that already covers the resource: add the action to it.
  for (const g of grants) {
    if (g.kind !== 'statement' || g.statement.condition || g.statement.notActions.length > 0 || !g.statement.actionKey) continue;
    const probe: Grant = { ...g, actions: actions.flatMap(expandAction) };
    if (!m.needs.every((n) => grantAllows(probe, n, byId) === 'yes')) continue;
    if (g.statement.resources.some((r) => r.str() === '*')) continue; // never widen a statement on every resource
    const list = g.statement.actionKey.val;
    const edit = list.kind === 'seq' && !list.intrinsic() ? appendItem(list, str(actions[0])) : list.kind === 'scalar' ? replaceItems(list, [str(list.str()!), ...actions.map(str)]) : undefined;
    if (!edit || actions.length > 1 && list.kind === 'seq') continue;
    return { id: 'add-permission', title, edits: [edit], changesBehaviour: true, isPreferred: true };
  }
  // A new statement scoped to the resolved resource.
  const exclude = cyclicIds(role, config?.resources ?? []);
  const resource = resourceOut(need, exclude);
  if (!resource || m.needs.some((n) => JSON.stringify(resourceOut(n, exclude)) !== JSON.stringify(resource))) return undefined;
  const statement: Out = { map: [['Effect', str('Allow')], ['Action', actions.length === 1 ? str(actions[0]) : { seq: actions.map(str) }], ['Resource', resource]] };
  if (role.origin === 'sam-generated') {
    const list = role.val;
    const edit = list?.kind === 'seq' && !list.intrinsic() ? appendItem(list, { map: [['Statement', { seq: [statement] }]] }) : undefined;
    return edit ? { id: 'add-permission', title, edits: [edit], changesBehaviour: true, isPreferred: true } : undefined;
  }
  for (const doc of role.policies) {
    const list = statementList(doc);
    const edit = list ? appendItem(list, statement) : undefined;
    if (edit) return { id: 'add-permission', title, edits: [edit], changesBehaviour: true, isPreferred: true };
  }
  return undefined;
}
