import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-unsafe-deserialization', ['deserialization'], {
  severity: 'error',
  title: 'Event data is deserialised by an unsafe deserialiser',
  description:
    'Data an attacker controls is passed to a deserialiser that can create functions or run code (node-serialize `unserialize`, js-yaml with a schema that has JavaScript types, Python pickle or yaml.load), or to an XML parser that expands entities. A crafted payload runs code in the function as soon as it is read, or reads its files (XXE) and exhausts its memory.',
  cwe: ['CWE-502', 'CWE-611', 'CWE-776'],
  owasp: ['A08:2021 Software and Data Integrity Failures', 'SAS-1 Function Event-Data Injection'],
  fix: 'unsafe',
});
