import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-object-merge', ['prototype'], {
  severity: 'warning',
  title: 'Event data is deep-merged or used as a property path',
  description:
    'An object taken from the event is deep-merged into another object (`_.merge`, `defaultsDeep`, `deepmerge`), or event data names the property path of a write (`_.set`). A `__proto__` or `constructor.prototype` key then changes every object in the function (prototype pollution), which can bypass checks or crash the function.',
  cwe: ['CWE-1321'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'none',
}, ['js']);
