// Config shapes the model reads: policy resources wherever they are attached, SAM `Role: null`,
// policy documents written as JSON strings, and parameter defaults. Messages say what was read.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Finding } from '../server/src/engine/types.js';
import { allRules } from '../rules/index.js';

const ROOT = '/ws';

function scan(files: Record<string, string>): Finding[] {
  const engine = new Engine({ root: ROOT, host: new MemoryHost(new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]))), rules: allRules });
  return [...engine.analyzeWorkspace().results.values()].flat();
}

const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n";

describe('policy resources', () => {
  it('says which role a policy reaches when it is attached outside the template or to nothing', () => {
    const t = HEAD + [
      '  Outside:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      PolicyName: p',
      '      Roles: [!ImportValue shared-role-name]',
      '      PolicyDocument:',
      '        Statement:',
      '          - { Effect: Allow, Action: "iam:PassRole", Resource: "*" }',
      '  Detached:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - { Effect: Allow, Action: "s3:GetObject", Resource: "*" }',
    ].join('\n') + '\n';
    const msgs = scan({ 'template.yaml': t }).filter((f) => f.category === 'permissions').map((f) => `${f.ruleId}: ${f.message}`);
    assert.ok(msgs.includes("no-privilege-escalation-action: iam:PassRole on '*' can hand any role, an administrator role included, to a service it creates (policy Outside, attached to role imported as shared-role-name, defined outside this template). Name the exact roles in Resource, or remove the action."), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith("no-wildcard-iam-resource: Resource '*' grants s3:GetObject on every resource (managed policy Detached, attached to no role of this template)")), msgs.join('\n'));
  });

  it('a managed policy that a role of the template uses is not "attached to nothing"', () => {
    const t = HEAD + [
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: app.handler',
      '      Runtime: nodejs20.x',
      '      Policies: [!Ref Shared]',
      '  Shared:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - { Effect: Allow, Action: "s3:GetObject", Resource: "*" }',
    ].join('\n') + '\n';
    const msgs = scan({ 'template.yaml': t }).filter((f) => f.ruleId === 'no-wildcard-iam-resource').map((f) => f.message);
    assert.equal(msgs.length, 1);
    assert.match(msgs[0], /\(used by Fn\)/);
  });
});

describe('SAM Role: null', () => {
  it('means the generated role: no "defined outside this template" note, and its Policies are checked', () => {
    const t = JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: { Web: { Type: 'AWS::Serverless::Function', Properties: { PackageType: 'Image', ImageUri: '', Role: null, Policies: ['AWSLambda_FullAccess'] } } } }, null, 2);
    const found = scan({ 'serverless.template': t });
    assert.deepEqual(found.filter((f) => f.ruleId === 'model-note'), []);
    assert.ok(found.some((f) => f.ruleId === 'no-admin-managed-policy' && /\(used by Web\)/.test(f.message)));
  });
});
