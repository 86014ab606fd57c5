import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-redirect', ['redirect'], {
  severity: 'warning',
  title: 'Event data chooses the target of a redirect',
  description:
    'The Location header of a response comes from request data. A link on the trusted domain then sends users to any site the attacker chooses (open redirect), which helps phishing and can leak OAuth codes and tokens.',
  cwe: ['CWE-601'],
  owasp: ['A01:2021 Broken Access Control', 'SAS-1 Function Event-Data Injection'],
  fix: 'none',
});
