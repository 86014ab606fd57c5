import { defineRule, type FunctionModel, groupByAnchor, listNames, RETENTION_DAYS, type UnsetSetting, writeSetting } from '../../server/src/engine/rule-kit.js';

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
    messages: {
      'no-retention': "A function's log group keeps events forever: no retention is set, or Lambda creates the group itself.",
    },
  },
  check(ctx) {
    const missing: { fn: FunctionModel; setting: UnsetSetting<number> }[] = [];
    for (const fn of ctx.model.functions) {
      const r = fn.settings.logGroup.retention;
      if (r.state === 'unset') missing.push({ fn, setting: r });
    }
    for (const { setting, fns } of groupByAnchor(missing)) {
      const names = listNames(fns.map((f) => f.id), 5);
      const group = fns[0].settings.logGroup.group;
      const t = setting.targets[0];
      const message = group
        ? `Log group ${group.id} (used by ${names}) has no retention period: its log events are kept forever.${t ? ` Set ${t.describe(RETENTION_DAYS)}.` : ''}`
        : fns.length === 1 && t?.creates
          ? `The log group of function ${names} never expires: no AWS::Logs::LogGroup with a retention is declared for /aws/lambda/<its name>, and Lambda creates one that keeps events forever.`
          : `Log retention is not set: the log groups of ${names} keep events forever.${t ? ` Set ${t.describe(RETENTION_DAYS)}.` : ''}`;
      ctx.report({
        span: setting.anchor,
        message,
        fixes: writeSetting(setting, RETENTION_DAYS, { id: (x) => (x.creates ? 'add-log-group' : 'set-retention'), title: `Keep log events for ${RETENTION_DAYS} days` }),
      });
    }
  },
});
