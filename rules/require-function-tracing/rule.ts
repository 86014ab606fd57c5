import {
  defineRule,
  type FunctionModel,
  groupByAnchor,
  listNames,
  replaceSetting,
  type SetSetting,
  spanKey,
  type UnsetSetting,
  writeSetting,
} from '../../server/src/engine/rule-kit.js';

const TITLE = 'Turn on X-Ray tracing';

export default defineRule({
  id: 'require-function-tracing',
  scope: 'model',
  meta: {
    category: 'logging',
    severity: 'info',
    title: 'Function runs without X-Ray tracing',
    description:
      'Without active tracing, a request cannot be followed from its trigger through the function to the services it calls. During an incident you cannot see which calls an attacker made, or where time and errors went. Provider or Globals defaults are honoured, and a function-level setting overrides them.',
    cwe: ['CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures', 'SAS-8 Inadequate Function Monitoring and Logging'],
    fix: 'safe',
    messages: {
      'tracing-off': "Tracing is set on a function, to a value that turns it off.",
      'tracing-unset': "Functions do not set X-Ray tracing.",
    },
  },
  check(ctx) {
    const off = new Map<string, { setting: SetSetting<boolean>; fns: FunctionModel[] }>();
    const missing: { fn: FunctionModel; setting: UnsetSetting<boolean> }[] = [];
    for (const fn of ctx.model.functions) {
      const s = fn.settings.tracing;
      if (s.state === 'unset') missing.push({ fn, setting: s });
      else if (s.state === 'set' && !s.value) {
        // A default that turns tracing off for several functions is one finding, on that value.
        const k = spanKey(s.span);
        (off.get(k) ?? off.set(k, { setting: s, fns: [] }).get(k)!).fns.push(fn);
      }
    }
    for (const { setting: s, fns } of off.values()) {
      const who = s.from === 'shared' ? `${s.replace.where} is ${s.text}: ${listNames(fns.map((f) => f.id))} run${fns.length === 1 ? 's' : ''} without X-Ray tracing` : `Tracing is ${s.text} for ${fns[0].id}: its requests cannot be traced across services`;
      ctx.report({ span: s.span, messageId: 'tracing-off', message: `${who}.`, fixes: replaceSetting(s, true, { id: 'enable-tracing', title: TITLE }) });
    }
    for (const { setting, fns } of groupByAnchor(missing)) {
      const names = listNames(fns.map((f) => f.id), 5);
      const t = setting.targets.find((x) => x.scope === 'function') ?? setting.targets[0];
      ctx.report({
        span: setting.anchor,
        messageId: 'tracing-unset', message: `${fns.length === 1 ? `Function ${names} runs` : `${names} run`} without X-Ray tracing.${t ? ` Set ${t.describe(true)}.` : ''}`,
        fixes: writeSetting(setting, true, { id: 'enable-tracing', title: TITLE }),
      });
    }
  },
});
