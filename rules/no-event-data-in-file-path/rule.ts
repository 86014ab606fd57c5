import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-file-path', ['path'], {
  severity: 'error',
  title: 'Event data is used as a file system path',
  description:
    'A file path passed to the fs module is built from data an attacker controls. With `../` segments or an absolute path, the attacker reads or overwrites files outside the intended folder, such as the function code or /proc/self/environ with its credentials.',
  cwe: ['CWE-22'],
  owasp: ['A01:2021 Broken Access Control', 'SAS-1 Function Event-Data Injection'],
  fix: 'unsafe',
});
