// Hover on a grant in the config (an IAM statement, one of its actions, or a SAM policy template):
// which code of the functions holding it uses each action, and, when unused grants cannot be
// reported for the role, why.
import type { AppModel, FunctionModel, RoleModel } from '../model/types.js';
import type { CodeLoader } from '../code/aws-calls.js';
import { identityStatements, configOf } from './policies.js';
import { functionNeeds, samTemplate } from './least-privilege.js';
import { unusedBlocker, usageHover, usageOf, fnList } from './least-privilege-report.js';
import { expandAction } from './actions.js';

const inside = (s: { file: string; start: number; end: number }, file: string, offset: number) => s.file === file && offset >= s.start && offset <= s.end;

export function statementHover(model: AppModel, file: string, offset: number, load: CodeLoader): string | undefined {
  for (const ref of identityStatements(model)) {
    const s = ref.statement;
    if (!inside(s.val.span, file, offset)) continue;
    const holders = model.roles.filter((r) => r.policies.some((p) => p.statements.includes(s)));
    const fns = [...new Set(holders.flatMap((r) => r.functions))];
    if (fns.length === 0) return undefined;
    // On one action item: that item only; elsewhere in the statement: all of them.
    const item = s.actions.find((a) => inside(a.span, file, offset));
    const patterns = (item ? [item] : s.actions).flatMap((a) => (a.str() ? [a.str()!] : []));
    return render(model, holders, fns, patterns, load);
  }
  for (const role of model.roles) {
    for (const t of role.samTemplates) {
      if (!inside(t.keySpan, file, offset)) continue;
      const def = samTemplate(t.name);
      if (!def || role.functions.length === 0) return undefined;
      return render(model, [role], role.functions, def.actions, load);
    }
  }
  return undefined;
}

/** Each action the patterns grant; for a wildcard, the actions of it that are used, and how many are not. */
function render(model: AppModel, holders: RoleModel[], fns: FunctionModel[], patterns: string[], load: CodeLoader): string {
  const usage = usageOf(model, fns, load);
  const blocker = holders.map((r) => unusedBlocker(r, r.functions.map((f) => functionNeeds(model, f, load)))).find((b) => !!b);
  const config = configOf(model, holders[0]);
  const actions: string[] = [];
  const notes: string[] = [];
  for (const p of patterns) {
    const all = expandAction(p).map((a) => `${a.service}:${a.name}`);
    if (!p.includes('*') && !p.includes('?')) {
      actions.push(...all);
      continue;
    }
    const used = all.filter((a) => usage.used.has(a.toLowerCase()) || usage.service.has(a.toLowerCase()));
    actions.push(...used);
    notes.push(`\`${p}\` grants ${all.length} actions; ${all.length - used.length} of them no code uses.`);
  }
  return [`**FaaSGuard: what the code of ${fnList(fns)} uses**`, '', usageHover([...new Set(actions)], usage, config, load, blocker), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
