import { defineRule, type ModelRuleContext } from '../../server/src/engine/rule.js';
import type { Val } from '../../server/src/engine/config/val.js';
import { uncheckableServerless } from '../../server/src/engine/model/apis.js';
import type { ConfigModel, FunctionModel, ResourceModel } from '../../server/src/engine/model/types.js';
import type { Fix } from '../../server/src/engine/types.js';
import { ensurePath, replaceValue, taggedSpan } from '../../server/src/engine/fix/yaml-edit.js';
import { addResource, logGroupResource, RETENTION_DAYS, retention, uniqueId } from '../../server/src/engine/fix/logging.js';
import { defaultGroupNames, hasRetention, logGroups, slsLogGroupId, symbolic } from './names.js';

type Groups = ReturnType<typeof logGroups>;

const retentionFix = (r: ResourceModel): Fix[] => {
  const present = r.props?.get('RetentionInDays');
  const e = present ? replaceValue(present, retention()) : r.val.kind === 'map' ? ensurePath(r.val, ['Properties', 'RetentionInDays'], retention()) : undefined;
  return e ? [{ id: 'set-retention', title: `Keep log events for ${RETENTION_DAYS} days (RetentionInDays: ${RETENTION_DAYS})`, edits: [e], isPreferred: true }] : [];
};

/** A log group the config names explicitly (LoggingConfig.LogGroup, logs.logGroup): the resource, or unknown. */
function namedGroup(v: Val, groups: Groups): ResourceModel | 'unknown' {
  const t = v.refTarget();
  const byRef = t && !t.attr ? groups.find((g) => g.res.id === t.id) : undefined;
  if (byRef) return byRef.res;
  const name = symbolic(v);
  return groups.find((g) => name !== undefined && g.name === name)?.res ?? 'unknown';
}

function reportGroup(ctx: ModelRuleContext, r: ResourceModel, fns: string[], seen: Set<ResourceModel>): void {
  if (hasRetention(r) || seen.has(r)) return;
  seen.add(r);
  // `RetentionInDays: !Ref AWS::NoValue` (or empty) is the wrong key; no key at all is reported on the group.
  const present = r.props?.get('RetentionInDays');
  ctx.report({
    span: present && present.kind !== 'null' ? taggedSpan(present) : r.keySpan,
    message: `Log group ${r.id} (used by ${fns.join(', ')}) has no ${present ? 'value for ' : ''}RetentionInDays: its log events are kept forever.`,
    fixes: r.type === 'AWS::Logs::LogGroup' ? retentionFix(r) : [],
  });
}

function samCfnCheck(ctx: ModelRuleContext, c: ConfigModel, seen: Set<ResourceModel>): void {
  const groups = logGroups(c.resources);
  const gLogging = c.globals?.get('Function')?.get('LoggingConfig');
  for (const fn of c.functions) {
    // SAM deep-merges Globals.Function.LoggingConfig into the function's own.
    const custom = fn.val.get('LoggingConfig')?.get('LogGroup') ?? (fn.format === 'sam' ? gLogging?.get('LogGroup') : undefined);
    if (custom) {
      const g = namedGroup(custom, groups);
      if (g !== 'unknown') reportGroup(ctx, g, [fn.id], seen);
      continue; // a group created elsewhere: its retention is set there
    }
    const names = defaultGroupNames(fn);
    const g = groups.find((x) => x.name !== undefined && names.includes(x.name));
    if (g) {
      reportGroup(ctx, g.res, [fn.id], seen);
      continue;
    }
    const id = uniqueId(`${fn.id}LogGroup`, c.resources.map((r) => r.id));
    const edit = addResource(c.root, c.format, id, logGroupResource({ sub: `/aws/lambda/\${${fn.id}}` }), fn.id);
    ctx.report({
      span: fn.keySpan,
      message: `The log group of function ${fn.id} never expires: no AWS::Logs::LogGroup with RetentionInDays is declared for /aws/lambda/<its name>, and Lambda creates one that keeps events forever.`,
      fixes: edit ? [{ id: 'add-log-group', title: `Declare the function's log group ${id} with a ${RETENTION_DAYS}-day retention`, edits: [edit], isPreferred: true }] : [],
    });
  }
}

function slsCheck(ctx: ModelRuleContext, c: ConfigModel, seen: Set<ResourceModel>): void {
  const provider = c.provider;
  const set = (v: Val | undefined) => !!v && v.kind !== 'null';
  const plugins = (c.root.get('plugins')?.kind === 'map' ? c.root.get('plugins')?.get('modules') : c.root.get('plugins'))?.list().map((p) => p.str()) ?? [];
  const pluginRetention = plugins.includes('serverless-plugin-log-retention') && set(c.root.get('custom')?.get('logRetentionInDays'));
  if (set(provider?.get('logRetentionInDays')) || pluginRetention) return;
  const groups = logGroups(c.resources);
  const resources = c.root.get('resources');
  const parts = resources?.kind === 'seq' ? resources.items() : resources ? [resources] : [];
  // `resources.extensions` (and a resource of the same logical id) override what the framework generates.
  const override = (id: string) => parts.some((p) => set(p.get('extensions')?.get(id)?.get('Properties')?.get('RetentionInDays')) || set(p.get('Resources')?.get(id)?.get('Properties')?.get('RetentionInDays')));
  const uncovered: FunctionModel[] = [];
  for (const fn of c.functions) {
    if (set(fn.val.get('logRetentionInDays')) || fn.val.get('disableLogs')?.bool() === true) continue;
    const custom = fn.val.get('logs')?.get('logGroup') ?? provider?.get('logs')?.get('lambda')?.get('logGroup');
    if (custom) {
      // The framework creates no log group then: the named one holds the logs.
      const g = namedGroup(custom, groups);
      if (g !== 'unknown') reportGroup(ctx, g, [fn.id], seen);
      continue;
    }
    if (override(slsLogGroupId(fn.id))) continue;
    uncovered.push(fn);
  }
  if (uncovered.length === 0) return;
  const edit = ensurePath(c.root, ['provider', 'logRetentionInDays'], retention());
  ctx.report({
    span: c.root.entry('provider')?.keySpan ?? uncovered[0].keySpan,
    message: `Log retention is not set: the log groups of ${uncovered.map((f) => f.id).join(', ')} keep events forever. Set provider.logRetentionInDays.`,
    fixes: edit ? [{ id: 'set-retention', title: `Keep log events for ${RETENTION_DAYS} days (provider.logRetentionInDays: ${RETENTION_DAYS})`, edits: [edit], isPreferred: true }] : [],
  });
}

export default defineRule({
  id: 'require-log-retention',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'info',
    title: "Function's log group never expires",
    description:
      'Lambda creates a log group that keeps every event forever unless a retention period is set. Logs that never expire accumulate personal data and secrets that were logged by mistake, and cost grows without bound; a deliberate retention period is also what most compliance regimes ask for.',
    cwe: ['CWE-532'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'safe',
  },
  check(ctx) {
    const seen = new Set<ResourceModel>();
    for (const c of ctx.model.configs) {
      if (uncheckableServerless(c)) continue;
      if (c.format === 'serverless') slsCheck(ctx, c, seen);
      else samCfnCheck(ctx, c, seen);
    }
  },
});
