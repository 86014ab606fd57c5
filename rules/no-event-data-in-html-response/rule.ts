import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-html-response', ['html'], {
  severity: 'error',
  title: 'Event data is written unescaped into an HTML response',
  description:
    'The function answers with a text/html body built from request data without HTML escaping. A crafted link makes the victim\'s browser run the attacker\'s script on the API\'s origin (reflected cross-site scripting).',
  cwe: ['CWE-79'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'none',
});
