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

describe('SAM CodeUri naming one file', () => {
  it('binds the handler in that file\'s folder, so the trigger the template states is used', () => {
    const t = HEAD + '  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/function.py\n      Handler: function.lambda_handler\n      Runtime: python3.12\n      Events:\n        Trail:\n          Type: EventBridgeRule\n          Properties:\n            Pattern: { source: [aws.s3] }\n';
    const found = scan({ 'template.yaml': t, 'src/function.py': 'def lambda_handler(event, context):\n    print(event)\n' });
    const [log] = found.filter((f) => f.ruleId === 'no-sensitive-data-in-logs');
    assert.equal(log?.span.file, '/ws/src/function.py');
    assert.equal(log.message, 'Logs the whole Lambda event (event): event details end up in the logs. Log the fields you need.');
  });
});

describe('policy documents written as JSON text', () => {
  const roleWith = (doc: string) => [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  Queue:',
    '    Type: AWS::SQS::Queue',
    '  BrokerRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      Policies:',
    '        - PolicyName: access',
    `          PolicyDocument: ${doc}`,
    '',
  ].join('\n');
  const MULTI_LINE = roleWith(`!Sub '{
              "Version": "2012-10-17",
              "Statement": [
                  {
                      "Effect": "Allow",
                      "Action": [
                          "mq:*"
                      ],
                      "Resource": "arn:aws:mq:\${AWS::Region}:\${AWS::AccountId}:broker:*"
                  }
              ]
          }'`);

  it('reads a multi-line !Sub string as the corpus writes it, with the diagnostic on the token inside it', () => {
    const f = scan({ 'template.yaml': MULTI_LINE }).find((x) => x.ruleId === 'no-wildcard-iam-action')!;
    assert.equal(MULTI_LINE.slice(f.span.start, f.span.end), '"mq:*"');
    const narrowed = f.fixes!.find((x) => x.id === 'narrow-to-read')!;
    assert.deepEqual(narrowed.edits.map((e) => [MULTI_LINE.slice(e.start, e.end), e.newText]), [['"mq:*"', '"mq:Describe*", "mq:List*"']]);
  });

  it('puts the ignore comment above the string, and the suppression there covers the finding inside it', () => {
    const f = scan({ 'template.yaml': MULTI_LINE }).find((x) => x.ruleId === 'no-wildcard-iam-action')!;
    const ignore = f.fixes!.find((x) => x.id === 'ignore')!;
    const e = ignore.edits[0];
    const after = MULTI_LINE.slice(0, e.start) + e.newText.replace('reason', 'the broker manages itself') + MULTI_LINE.slice(e.end);
    assert.match(after, /\n {10}# faasguard-ignore no-wildcard-iam-action: the broker manages itself\n {10}PolicyDocument: !Sub '\{\n/);
    const again = scan({ 'template.yaml': after });
    assert.ok(again.find((x) => x.ruleId === 'no-wildcard-iam-action')?.suppressed, JSON.stringify(again.map((x) => x.ruleId)));
    assert.ok(!again.some((x) => x.ruleId === 'unused-suppression'));
  });

  it('fixes inside a JSON string of a JSON template are escaped for it, and the result is still JSON', () => {
    const doc = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    const text = JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc }] } } } }, null, 2);
    const f = scan({ 'template.json': text }).find((x) => x.ruleId === 'no-wildcard-iam-action')!;
    assert.equal(text.slice(f.span.start, f.span.end), '\\"s3:*\\"');
    const e = f.fixes!.find((x) => x.id === 'narrow-to-read')!.edits[0];
    const fixed = JSON.parse(text.slice(0, e.start) + e.newText + text.slice(e.end));
    const policy = JSON.parse(fixed.Resources.R.Properties.Policies[0].PolicyDocument);
    assert.deepEqual(policy.Statement[0].Action, ['s3:AllowVendedLogDeliveryForResource', 's3:Describe*', 's3:Get*', 's3:List*']);
  });

  it('offers no fix that would write an intrinsic function into JSON text', () => {
    const inSub = roleWith(`!Sub '{"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}'`);
    const inYaml = roleWith('{ Statement: [{ Effect: Allow, Action: "sqs:SendMessage", Resource: "*" }] }');
    const fixIds = (t: string) => scan({ 'template.yaml': t }).find((x) => x.ruleId === 'no-wildcard-iam-resource')!.fixes!.map((x) => x.id);
    assert.deepEqual(fixIds(inYaml), ['scope-to-template-resources', 'ignore']);
    assert.deepEqual(fixIds(inSub), ['ignore']);
  });

  it('a JSON string nested 20,000 levels deep is one note, not a crash', () => {
    const doc = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const text = JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc }] } } } });
    const found = scan({ 'template.json': text });
    assert.deepEqual(found.map((x) => x.ruleId), ['model-note']);
    assert.match(found[0].message, /is written as JSON text that nests deeper than 512 levels: its statements are not checked/);
  });

  it('says so when the JSON text does not parse', () => {
    const found = scan({ 'template.yaml': roleWith(`'{"Statement": [{"Effect": "Allow", "Action": "sqs:*",}'`) });
    const note = found.find((x) => x.ruleId === 'model-note')!;
    assert.match(note.message, /^The policy document of Role BrokerRole, policy access is written as JSON text that is not valid JSON \(.+\): its statements are not checked\.$/);
  });
});

describe('parameter defaults', () => {
  it('a !Ref to a parameter with a default is judged with the default, and the message says so', () => {
    const t = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Parameters:',
      '  Arn: { Type: String, Default: "*" }',
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Statement:',
      '              - { Effect: Allow, Action: "s3:GetObject", Resource: !Ref Arn }',
      '',
    ].join('\n');
    const f = scan({ 'template.yaml': t }).find((x) => x.ruleId === 'no-wildcard-iam-resource')!;
    assert.equal(f.message, "With the default value of parameter Arn ('*'): Resource '*' grants s3:GetObject on every resource (role R). These actions can be scoped: name the ARNs of the resources it needs.");
    assert.equal(t.slice(f.span.start, f.span.end), '!Ref Arn');
  });

  it('a credential default is reported once, where it is written, and never repeated in a message', () => {
    const t = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Parameters:',
      '  ApiKey: { Type: String, Default: bZh9sB22pTs4fcM6JX9g0skQEjxMz6Ym }',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: app.handler',
      '      Runtime: nodejs20.x',
      '      Environment:',
      '        Variables:',
      '          API_KEY: !Ref ApiKey',
      '',
    ].join('\n');
    const found = scan({ 'template.yaml': t }).filter((x) => x.ruleId === 'no-hardcoded-secret');
    assert.deepEqual(found.map((x) => t.slice(x.span.start, x.span.end)), ['bZh9sB22pTs4fcM6JX9g0skQEjxMz6Ym']);
    assert.equal(found[0].message, 'ApiKey holds a key written as a literal as the default of parameter ApiKey. Store it in Secrets Manager or SSM Parameter Store and reference it instead.');
  });
});
