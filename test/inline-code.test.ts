// Function code written in a template (SAM InlineCode, CloudFormation Code.ZipFile): analysed as the
// function's handler, with the finding on the exact characters inside the template (through YAML
// block indentation, JSON escapes and the parts of a Fn::Join), no fix offered there, and the
// inlineCode property set.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';

const ROOT = '/ws';

function shellFindings(files: Record<string, string>) {
  const engine = new Engine({ root: ROOT, host: new MemoryHost(new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]))), rules: allRules });
  return [...engine.analyzeWorkspace().results.values()].flat().filter((f) => f.ruleId === 'no-event-data-in-shell');
}

const SQS = `
  Queue:
    Type: AWS::SQS::Queue
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Queue.Arn
`;

describe('inline function code', () => {
  it('a YAML block scalar: the span is the sink argument inside the template', () => {
    const text = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code:
        ZipFile: |
          import os
          def handler(event, context):
              for r in event["Records"]:
                  os.system("gzip " + r["body"])
${SQS}`;
    const [f] = shellFindings({ 'template.yaml': text });
    assert.ok(f, 'a finding');
    assert.equal(f.span.file, `${ROOT}/template.yaml`);
    assert.equal(text.slice(f.span.start, f.span.end), '"gzip " + r["body"]');
    assert.equal(f.message, 'SQS message body (event.Records[].body) reaches os.system');
    assert.equal(f.properties?.inlineCode, true);
    assert.equal(f.properties?.trigger, 'sqs');
    assert.deepEqual((f.fixes ?? []).map((x) => x.id).filter((id) => id !== 'ignore'), []);
  });

  it('a JSON string with escapes, and the parts of a Fn::Join', () => {
    const text = JSON.stringify({
      Resources: {
        Py: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'import os\ndef handler(event, context):\n    os.system("echo \\"" + event["cmd"] + "\\"")\n' } } },
        Js: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: { 'Fn::Join': ['\n', ["const cp = require('child_process');", 'exports.handler = async (event) => {', "  cp.execSync('ls ' + event.dir);", '};']] } } } },
      },
    }, null, 2);
    const found = shellFindings({ 'template.json': text }).map((f) => text.slice(f.span.start, f.span.end)).sort();
    // The JSON source of `"echo \"" + event["cmd"] + "\""`, its escapes included.
    assert.deepEqual(found, ["'ls ' + event.dir", String.raw`\"echo \\\"\" + event[\"cmd\"] + \"\\\"\"`]);
  });

  it('"Ignore this finding" writes its comment above the string, not inside the code', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: |
        const { execSync } = require('child_process');
        exports.handler = async (event) => execSync('ls ' + event.queryStringParameters.dir).toString();
      Events:
        Api:
          Type: HttpApi
`;
    const [f] = shellFindings({ 'template.yaml': text });
    const ignore = f?.fixes?.find((x) => x.id === 'ignore');
    assert.ok(ignore, 'an ignore fix');
    const [e] = ignore.edits;
    assert.equal(e.start, text.indexOf('      InlineCode: |'));
    assert.match(e.newText, /^      # faasguard-ignore no-event-data-in-shell: /);
  });

  it('a !Sub text keeps its ${...}; a parameter is not code', () => {
    const text = `Parameters:
  Code:
    Type: String
Resources:
  Sub:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code:
        ZipFile: !Sub |
          import os
          def handler(event, context):
              os.system("aws s3 ls s3://\${AWS::AccountId}-" + event["bucket"])
  FromParam:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code:
        ZipFile: !Ref Code
`;
    const found = shellFindings({ 'template.yaml': text });
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), ['"aws s3 ls s3://${AWS::AccountId}-" + event["bucket"]']);
  });
});
