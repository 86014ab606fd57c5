// Which config a function, role or resource policy of the model came from. Rules ask this for each
// element they report on; answered from an index built once per model instead of a search through
// every config (the corpus has about 700), in the same order as that search: the first config that
// lists the element. An element the index does not know (added after it was built) is searched for.
import type { AppModel, ConfigModel, FunctionModel, ResourcePolicyModel, RoleModel } from './types.js';

type Owned = FunctionModel | RoleModel | ResourcePolicyModel;

const indexes = new WeakMap<AppModel, Map<Owned, ConfigModel>>();

function indexOf(model: AppModel): Map<Owned, ConfigModel> {
  let index = indexes.get(model);
  if (!index) {
    index = new Map();
    for (const c of model.configs) {
      for (const list of [c.functions, c.roles, c.resourcePolicies] as Owned[][]) for (const x of list) if (!index.has(x)) index.set(x, c);
    }
    indexes.set(model, index);
  }
  return index;
}

/** The first config of the model that lists the function. */
export function configOfFunction(model: AppModel, fn: FunctionModel): ConfigModel | undefined {
  return indexOf(model).get(fn) ?? model.configs.find((c) => c.functions.includes(fn));
}

/** The first config of the model that lists the role, or the resource policy. */
export function configOfItem(model: AppModel, item: RoleModel | ResourcePolicyModel): ConfigModel | undefined {
  const hit = indexOf(model).get(item);
  // A function and a role are different objects, so a hit is of the right kind; checked all the same.
  if (hit && ('origin' in item ? hit.roles.includes(item) : hit.resourcePolicies.includes(item as ResourcePolicyModel))) return hit;
  return model.configs.find((c) => ('origin' in item ? c.roles.includes(item) : c.resourcePolicies.includes(item as ResourcePolicyModel)));
}
