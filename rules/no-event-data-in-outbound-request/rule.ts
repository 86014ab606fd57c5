import { defineInjectionRule } from '../../server/src/engine/rule-kit.js';

export default defineInjectionRule('no-event-data-in-outbound-request', ['ssrf'], {
  severity: 'error',
  title: 'Event data chooses where an outbound request goes',
  description:
    'The URL or host of an HTTP request the function makes comes from data an attacker controls (server-side request forgery). The attacker makes the function call internal services, other accounts\' endpoints or the Lambda runtime API, with the function\'s network position.',
  cwe: ['CWE-918'],
  owasp: ['A10:2021 Server-Side Request Forgery', 'SAS-1 Function Event-Data Injection'],
  fix: 'none',
});
