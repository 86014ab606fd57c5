import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-sql-query', ['sql'], {
  severity: 'error',
  title: 'Event data is concatenated into a SQL query',
  description:
    'The text of a SQL query is built from data an attacker controls instead of passing that data as bound parameters. A crafted value changes the query: it reads other rows, bypasses checks or modifies the database.',
  cwe: ['CWE-89'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'safe',
});
