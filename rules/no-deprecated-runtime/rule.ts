import { defineRule, type FunctionModel, listNames, replaceSetting, type SetSetting, type Severity, spanKey } from '../../server/src/engine/rule-kit.js';
import { replacementFor, RUNTIME_TABLE, runtimeStatus } from './runtimes.js';

export default defineRule({
  id: 'no-deprecated-runtime',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'Function runs on a deprecated Lambda runtime',
    description:
      "A function's runtime is past its AWS Lambda deprecation date (a warning), past the date after which Lambda blocks updates to functions that use it (an error), or deprecated within the next 90 days (information). A deprecated runtime no longer receives security patches. Dates come from a table in the repository that cites the AWS Lambda runtimes page.",
    cwe: ['CWE-1104', 'CWE-477'],
    owasp: ['A06:2021 Vulnerable and Outdated Components'],
    fix: 'unsafe',
    messages: {
      'deprecated-runtime': "A function runs on a runtime AWS Lambda deprecates soon, has deprecated, or no longer lets functions be updated on; the message says which, and what to move to.",
    },
  },
  check(ctx) {
    const today = ctx.now?.() ?? new Date();
    // A runtime written once (Globals, provider) for several functions is one finding.
    const seen = new Map<string, { s: SetSetting<string>; fns: FunctionModel[] }>();
    for (const fn of ctx.model.functions) {
      const s = fn.settings.runtime;
      if (s.state !== 'set') continue;
      const k = spanKey(s.span);
      (seen.get(k) ?? seen.set(k, { s, fns: [] }).get(k)!).fns.push(fn);
    }
    for (const { s, fns } of seen.values()) {
      const status = runtimeStatus(s.value, today);
      if (status.level === 'current') continue;
      const next = replacementFor(s.value, today);
      const who = `${fns.length === 1 ? `Function ${fns[0].id} runs` : `${listNames(fns.map((f) => f.id))} run`} on ${s.value}`;
      const move = next ? ` Move to ${next} (and test: a major version can change behaviour).` : '';
      let severity: Severity;
      let message: string;
      if (status.level === 'soon') {
        severity = 'info';
        message = `${who}, which AWS Lambda deprecates on ${status.row.deprecated}, in ${status.days} day${status.days === 1 ? '' : 's'}: it then stops receiving security patches.${move}`;
      } else if (status.level === 'deprecated') {
        severity = 'warning';
        const block = status.row.blockUpdate ? ` Lambda blocks updates to such functions from ${status.row.blockUpdate}.` : '';
        message = `${who}, deprecated by AWS Lambda since ${status.row.deprecated}: it no longer receives security patches.${block}${move}`;
      } else {
        severity = 'error';
        message = `${who}, deprecated by AWS Lambda since ${status.row.deprecated} and past the date after which Lambda blocks updates to functions that use it${status.row.blockUpdate ? ` (${status.row.blockUpdate})` : ''}: it gets no security patches, and ${fns.length === 1 ? 'the function' : 'they'} can no longer be deployed.${move}`;
      }
      ctx.report({
        span: s.span,
        severity,
        message,
        hover: `Runtime dates: ${RUNTIME_TABLE.source} (checked ${RUNTIME_TABLE.checked}).`,
        fixes: next ? replaceSetting(s, next, { id: 'upgrade-runtime', title: `Use ${next} (test the function: the language version changes)`, changesBehaviour: true }) : [],
      });
    }
  },
});
