import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-nosql-query', ['nosql'], {
  severity: 'error',
  title: 'Event data shapes a NoSQL query or expression',
  description:
    'A DynamoDB expression or PartiQL statement is built by string building from data an attacker controls, a whole request object comes from the event, or a MongoDB query takes its operators from the request. The attacker changes which items are read, written or deleted.',
  cwe: ['CWE-943'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'safe',
});
