import { defineRule, type FunctionModel, groupByAnchor, listNames, replaceSetting, spanKey, type UnsetSetting, writeSetting } from '../../server/src/engine/rule-kit.js';

const TITLE = 'Write JSON logs';

export default defineRule({
  id: 'require-structured-logging',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'info',
    title: 'Function logs are plain text, not structured JSON',
    description:
      "With Lambda's JSON log format, every log line and Lambda's own platform records carry the request id, level and timestamp as fields, so an investigation can filter and correlate them with CloudWatch Logs Insights. Plain-text logs must be parsed by hand, and levels cannot be filtered at the source.",
    cwe: ['CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'unsafe',
    messages: {
      'plain-text-set': "The log format is set to Text.",
      'plain-text-default': "Functions do not set a log format, and Lambda writes plain text.",
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    const missing: { fn: FunctionModel; setting: UnsetSetting<'JSON' | 'Text'> }[] = [];
    for (const fn of ctx.model.functions) {
      const s = fn.settings.logFormat;
      if (s.state === 'unset') missing.push({ fn, setting: s });
      if (s.state !== 'set' || s.value === 'JSON' || seen.has(spanKey(s.span))) continue;
      seen.add(spanKey(s.span)); // a default shared by several functions: one finding
      ctx.report({
        span: s.span,
        messageId: 'plain-text-set', message: `${s.from === 'shared' ? s.replace.where : `Function ${fn.id}`} writes plain-text logs (log format ${s.text}): they cannot be queried by field.`,
        fixes: replaceSetting(s, 'JSON', { id: 'enable-json-logs', title: TITLE, changesBehaviour: true }),
      });
    }
    for (const { setting, fns } of groupByAnchor(missing)) {
      const t = setting.targets.find((x) => x.scope === 'function') ?? setting.targets[0];
      ctx.report({
        span: setting.anchor,
        messageId: 'plain-text-default', message: `${fns.length === 1 ? `Function ${fns[0].id} writes` : `${listNames(fns.map((f) => f.id), 5)} write`} plain-text logs: their lines and Lambda's own records cannot be queried by field.${t ? ` Set ${t.describe('JSON')}.` : ''}`,
        fixes: writeSetting(setting, 'JSON', { id: 'enable-json-logs', title: TITLE, changesBehaviour: true }),
      });
    }
  },
});
