import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-template', ['template'], {
  severity: 'error',
  title: 'Event data is compiled as a template',
  description:
    'The template text given to a template engine (EJS, Handlebars, Pug, lodash.template, Mustache) comes from data an attacker controls. Template languages can run code, so this is server-side template injection: the attacker runs code in the function.',
  cwe: ['CWE-1336', 'CWE-94'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'none',
});
