import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-regexp', ['regex'], {
  severity: 'warning',
  title: 'Event data is compiled as a regular expression',
  description:
    'A regular expression is built from data an attacker controls. A pattern such as `(a+)+$` backtracks for minutes on a short input, keeping the function busy until it times out (regular expression denial of service), and the caller pays for every second.',
  cwe: ['CWE-1333', 'CWE-400'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'none',
});
