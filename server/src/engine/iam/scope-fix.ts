// The quick fix that replaces a wildcard `Resource` with the ARNs of the template's own resources.
import type { Val } from '../config/val.js';
import type { ConfigModel, RoleModel, Statement } from '../model/types.js';
import type { Fix } from '../types.js';
import { removeItem, replaceItems, type Out } from '../fix/yaml-edit.js';
import { scopable, statementGrants, wildcardCovers, type WildcardResource } from './resources.js';
import { cyclicIds, templateArns } from './template-arns.js';
import { isIfBranch } from '../model/statements.js';

/** An existing `Resource` item that already names this ARN (`!GetAtt T.Arn` in any form). */
function sameArn(v: Val, out: Out): boolean {
  const t = v.refTarget();
  if ('getAtt' in out) return !!t && t.id === out.getAtt[0] && t.attr === out.getAtt[1];
  if ('ref' in out) return !!t && t.id === out.ref && !t.attr;
  if ('sub' in out) {
    const i = v.intrinsic();
    return i?.fn === 'Fn::Sub' && i.arg.str() === out.sub;
  }
  return false;
}

/**
 * "Scope Resource to the DynamoDB table Orders": offered only when every action the wildcard grants
 * can be scoped and the template defines resources for all of them. With a bare `*`, an action
 * that only works on `*` (or an unknown one) would break, so then there is no fix. ARNs the list
 * already names are not repeated; when it names them all, the fix removes the wildcard. Resources
 * that would make a circular dependency with the role are never candidates (see `cyclicIds`).
 */
export function scopeResourceFix(s: Statement, wildcard: WildcardResource, config: ConfigModel | undefined, holder?: RoleModel): Fix | undefined {
  if (!config) return undefined;
  const grants = statementGrants(s);
  if (grants.length !== s.actions.length) return undefined; // an opaque or unknown action: we cannot tell what it needs
  const all = grants.flatMap((g) => g.actions).filter((a) => wildcardCovers(wildcard, a));
  const covered = scopable(all);
  if (covered.length === 0 || (!wildcard.service && covered.length !== all.length)) return undefined;
  const exclude = cyclicIds(holder, config.resources);
  const scoped = templateArns(covered, config.resources.filter((r) => !exclude.has(r.id)));
  if (!scoped) return undefined;
  const others = s.resources.filter((r) => r !== wildcard.val);
  const missing = scoped.arns.filter((a) => !others.some((o) => sameArn(o, a)));
  const edit = missing.length > 0 ? replaceItems(wildcard.val, missing, isIfBranch(wildcard.val)) : removeItem(wildcard.val);
  if (!edit) return undefined;
  return {
    id: 'scope-to-template-resources',
    title: `Scope Resource to the ${scoped.described} of this template (changes what the function may do)`,
    edits: [edit],
    changesBehaviour: true,
  };
}
