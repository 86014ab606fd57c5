import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-code-eval', ['code'], {
  severity: 'error',
  title: 'Event data is run as code',
  description:
    'Data an attacker controls reaches eval, the Function constructor, the vm module or a timer given a string. The attacker then runs their own JavaScript inside the function, with its credentials and everything its role allows.',
  cwe: ['CWE-94', 'CWE-95'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'unsafe',
});
