import {
  type ActionInfo,
  countLevels,
  coverActions,
  defineRule,
  describeExpansion,
  expandAction,
  type Fix,
  hasWildcard,
  heldBy,
  identityStatements,
  isAllow,
  isIfBranch,
  type ModelRuleContext,
  replaceItems,
  splitAction,
  str,
  type Val,
} from '../../server/src/engine/rule-kit.js';

const CRITICAL_SERVICES = new Set(['iam', 'sts', 'organizations']);

function severityOf(pattern: string, actions: ActionInfo[]): 'error' | 'warning' | 'info' | undefined {
  const c = countLevels(actions);
  if (pattern === '*') return 'error';
  if (c.write === 0 && c.permissions === 0) return undefined; // read/list only: fine
  const critical = actions.some((a) => CRITICAL_SERVICES.has(a.service) && (a.levels.includes('W') || a.levels.includes('P')));
  if (critical) return 'error';
  // A prefix such as `sns:Publish*` that only covers a couple of write variants is worth a note, not a warning.
  const isServiceWide = /^[^:]+:\*$/.test(pattern);
  if (!isServiceWide && c.permissions === 0 && c.write + c.tagging <= 2) return 'info';
  return 'warning';
}

function narrowFixes(action: Val, pattern: string, actions: ActionInfo[]): Fix[] {
  const services = [...new Set(actions.map((a) => a.service))];
  if (pattern === '*' || services.length !== 1) return [];
  const svc = services[0];
  const inPattern = new Set(actions.map((a) => a.name));
  const read = coverActions(svc, (a) => inPattern.has(a.name) && /^[RL]+$/.test(a.levels));
  const readWrite = coverActions(svc, (a) => inPattern.has(a.name) && !a.levels.includes('P'));
  const fixes: Fix[] = [];
  if (read.length > 0) {
    fixes.push({
      id: 'narrow-to-read',
      title: `Narrow ${pattern} to its ${read.length} read/list action pattern(s) (changes what the function may do)`,
      edits: [replaceItems(action, read.map(str), isIfBranch(action))],
      changesBehaviour: true,
    });
  }
  if (readWrite.length > 0 && readWrite.join() !== read.join()) {
    fixes.push({
      id: 'narrow-to-read-write',
      title: `Narrow ${pattern} to read and write, without permissions management (changes what the function may do)`,
      edits: [replaceItems(action, readWrite.map(str), isIfBranch(action))],
      changesBehaviour: true,
    });
  }
  return fixes;
}

export default defineRule({
  id: 'no-wildcard-iam-action',
  scope: 'model',
  meta: {
    category: 'permissions',
    severity: 'warning',
    title: 'Wildcard IAM action grants write or permissions-management access',
    description:
      'An Allow statement uses a wildcard action (`*`, `service:*`, or a prefix such as `s3:Put*`) that expands to write or permissions-management actions. The function can do far more than its code needs, so a bug or an injection becomes a breach. `*`, `iam:*` and `sts:*` are errors.',
    cwe: ['CWE-732', 'CWE-250'],
    owasp: ['A01:2021 Broken Access Control', 'SAS-3 Over-Privileged Function Permissions and Roles'],
    fix: 'unsafe',
    messages: {
      'wildcard-action': "A wildcard action grants write or permissions-management actions (the message counts them).",
    },
  },
  check(ctx: ModelRuleContext) {
    const statements = [
      ...identityStatements(ctx.model).map((r) => ({ s: r.statement, where: heldBy(r.role, r.functions), advice: `Grant only the actions ${r.functions.length ? 'the function uses' : 'it needs'}.` })),
      ...ctx.model.resourcePolicies.flatMap((p) => p.statements.map((s) => ({ s, where: ` (resource policy ${p.resource.id})`, advice: 'Grant the principal only the actions it needs.' }))),
    ];
    for (const { s, where, advice } of statements) {
      if (!isAllow(s)) continue;
      for (const action of s.actions) {
        const pattern = action.str();
        if (pattern === undefined || !hasWildcard(pattern)) continue;
        if (pattern !== '*' && !splitAction(pattern)) continue;
        const actions = expandAction(pattern);
        if (actions.length === 0) continue; // unknown service: nothing to say precisely
        const severity = severityOf(pattern, actions);
        if (!severity) continue;
        const expansion = describeExpansion(pattern, actions);
        ctx.report({
          span: action.span,
          severity,
          message: `${expansion}${where}. ${advice}`,
          hover: `\`${pattern}\` ${expansion.slice(pattern.length + 1)}.`,
          fixes: narrowFixes(action, pattern, actions),
        });
      }
    }
  },
});
