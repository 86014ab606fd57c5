import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-shell', ['shell'], {
  severity: 'error',
  title: 'Event data reaches a shell command',
  description:
    'Data an attacker controls (an API request, an S3 object key, a queue message) is used to build a command that runs in a shell. A crafted value can run any command with the function\'s permissions.',
  cwe: ['CWE-78'],
  owasp: ['A03:2021 Injection', 'SAS-1 Function Event-Data Injection'],
  fix: 'safe',
});
