// Triggers the config does not name: inferred from the event fields the code reads (JS and Python),
// said so in the message and the finding's properties, reported one level lower unless the field
// says where it comes from; triggers the config does state (custom resources, S3 Object Lambda) used
// as stated; and messages that never claim a source the trigger does not have.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Finding } from '../server/src/engine/types.js';
import { allRules } from '../rules/index.js';
import { toSarif } from '../server/src/report/sarif.js';
import { Locator } from '../server/src/report/ranges.js';
import { inferTriggerKinds } from '../server/src/engine/taint/infer.js';

const ROOT = '/ws';

function scan(files: Record<string, string>): Finding[] {
  const host = new MemoryHost(new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v])));
  return [...new Engine({ root: ROOT, host, rules: allRules }).analyzeWorkspace().results.values()].flat();
}

const only = (fs: Finding[], rule: string) => fs.filter((f) => f.ruleId === rule);

describe('triggers inferred from the code', () => {
  it('maps event reads to triggers', () => {
    assert.deepEqual(inferTriggerKinds([['body'], ['requestContext', 'http']]), ['api']);
    assert.deepEqual(inferTriggerKinds([['Records', '*', 's3', 'object', 'key']]), ['s3']);
    assert.deepEqual(inferTriggerKinds([['Records', '0', 'body']]), ['sqs']);
    assert.deepEqual(inferTriggerKinds([['detail-type'], ['detail', 'id']]), ['eventbridge']);
    assert.deepEqual(inferTriggerKinds([['RequestType'], ['ResponseURL']]), ['customResource']);
    assert.deepEqual(inferTriggerKinds([['getObjectContext', 'inputS3Url']]), ['s3ObjectLambda']);
    assert.deepEqual(inferTriggerKinds([['command']]), []);
    // API Gateway's body is text: fields read on it mean an object a direct invocation passed.
    assert.deepEqual(inferTriggerKinds([['body', 'artist'], ['body', 'title']]), []);
    assert.deepEqual(inferTriggerKinds([['body', 'length'], ['body']]), ['api']);
    assert.deepEqual(inferTriggerKinds([['body', 'artist'], ['queryStringParameters', 'q']]), ['api']);
    // A Bedrock agent's action group has an httpMethod, but is no HTTP request.
    assert.deepEqual(inferTriggerKinds([['httpMethod'], ['apiPath'], ['actionGroup']]), ['other']);
  });

  it('what the response check reads (a returned event\'s headers and body) does not count as a read of the code', () => {
    const findings = scan({ 'h.py': 'def handler(event, context):\n    print(event)\n    save(event["id"])\n    return event\n\n\ndef save(x):\n    pass\n' });
    const [log] = only(findings, 'no-sensitive-data-in-logs');
    assert.equal(log.message, 'Logs the whole Lambda event (event): the whole event payload ends up in the logs. Log the fields you need.');
  });

  it('a handler that reads fields of event["body"] itself is not taken for an HTTP one', () => {
    const findings = scan({ 'h.py': 'def handler(event, context):\n    print(event)\n    return {"artist": event["body"]["artist"]}\n' });
    const [log] = only(findings, 'no-sensitive-data-in-logs');
    assert.equal(log.message, 'Logs the whole Lambda event (event): the whole event payload ends up in the logs. Log the fields you need.');
  });

  it('the sensitive-logs message says when the trigger it names is inferred', () => {
    const findings = scan({ 'h.py': 'import json\ndef handler(event, context):\n    print(event)\n    return json.loads(event["body"])\n' });
    const [log] = only(findings, 'no-sensitive-data-in-logs');
    assert.match(log.message, /request bodies, headers, tokens and personal data end up in the logs\. Log the fields you need\. \(No config names the trigger: it is inferred from the fields the code reads\.\)$/);
  });

  it('JS: an HTTP body read by a handler no config names stays an error, said to be inferred, with SARIF properties', () => {
    const findings = scan({ 'api.js': "const { exec } = require('child_process');\nexports.handler = async (event) => { const b = JSON.parse(event.body); exec('ls ' + b.dir); return { statusCode: 200 }; };\n" });
    const [f] = only(findings, 'no-event-data-in-shell');
    assert.ok(f, JSON.stringify(findings));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^HTTP request body \(event\.body\) reaches child_process\.exec \(no config names the trigger: inferred from the event fields the code reads\)$/);
    assert.deepEqual(f.properties, { trigger: 'api', triggerInferred: true });
    const loc = new Locator(ROOT, (file) => (file === `${ROOT}/api.js` ? "const { exec } = require('child_process');\nexports.handler = async (event) => { const b = JSON.parse(event.body); exec('ls ' + b.dir); return { statusCode: 200 }; };\n" : undefined));
    const sarif = toSarif(allRules, [{ finding: f, ...loc.place(f.span) }], loc, '0') as { runs: { results: { properties: Record<string, unknown> }[] }[] };
    assert.equal(sarif.runs[0].results[0].properties.triggerInferred, true);
    assert.equal(sarif.runs[0].results[0].properties.trigger, 'api');
  });

  it('JS: an S3 key read by a handler no config names is one level lower', () => {
    const findings = scan({ 's3.js': "const { exec } = require('child_process');\nexports.handler = async (event) => { for (const r of event.Records) exec('convert ' + r.s3.object.key); };\n" });
    const [f] = only(findings, 'no-event-data-in-shell');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^S3 object key \(event\.Records\[\]\.s3\.object\.key\) reaches child_process\.exec \(no config names the trigger/);
  });

  it('JS and Python: a custom resource handler found by shape has no attacker-controlled field', () => {
    const findings = scan({
      'cr.js': "const { exec } = require('child_process');\nexports.handler = async (event) => { if (event.RequestType === 'Create') exec(event.ResourceProperties.Cmd); await fetch(event.ResponseURL, { method: 'PUT' }); };\n",
      'cr.py': 'import os, urllib.request\ndef handler(event, context):\n    if event["RequestType"] == "Create":\n        os.system(event["ResourceProperties"]["Cmd"])\n    urllib.request.urlopen(event["ResponseURL"])\n',
    });
    assert.deepEqual(findings.filter((f) => f.category === 'injection').map((f) => f.message), []);
  });

  it('an unknown event: the whole event is data, one level lower, and the message says no config names the trigger', () => {
    const findings = scan({ 'run.py': 'import os\ndef handler(event, context):\n    os.system(event["command"])\n' });
    const [f] = only(findings, 'no-event-data-in-shell');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^Lambda event data \(event\.command\) reaches os\.system \(no config names this function's trigger/);
  });

  it('Python: a Powertools route is an API source stated by the code: error, said to be inferred', () => {
    const findings = scan({ 'app.py': 'import os\nfrom aws_lambda_powertools.event_handler import APIGatewayHttpResolver\napp = APIGatewayHttpResolver()\n@app.get("/x/<name>")\ndef get(name):\n    os.system("cat " + name)\ndef lambda_handler(event, context):\n    return app.resolve(event, context)\n' });
    const [f] = only(findings, 'no-event-data-in-shell');
    assert.equal(f.severity, 'error');
    assert.equal(f.properties?.triggerInferred, true);
    assert.match(f.message, /^HTTP path parameter \(event\.pathParameters\.name\) reaches os\.system/);
  });

  it('JS: in a message a service relayed, the fields of the AWS event it carries are AWS\'s (a custom resource through SQS)', () => {
    const findings = scan({
      'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  f:\n    handler: h.handler\n    events:\n      - sqs: arn:aws:sqs:eu-west-1:123456789012:q\n',
      'h.js': "exports.handler = async (event) => { const cr = JSON.parse(event.Records[0].body); await fetch(cr.ResponseURL, { method: 'PUT' }); await fetch(cr.notify); };\n",
    });
    assert.deepEqual(only(findings, 'no-event-data-in-outbound-request').map((f) => f.message), ['SQS message body (event.Records[].body) reaches fetch']);
  });

  it('config-named triggers: full severity, not inferred', () => {
    const findings = scan({
      'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  f:\n    handler: h.handler\n    events:\n      - sqs: arn:aws:sqs:eu-west-1:123456789012:q\n',
      'h.py': 'import os\ndef handler(event, context):\n    print(event)\n    for r in event["Records"]:\n        os.system(r["body"])\n',
    });
    const [f] = only(findings, 'no-event-data-in-shell');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.properties, { trigger: 'sqs', triggerInferred: false });
    assert.equal(f.message, 'SQS message body (event.Records[].body) reaches os.system');
    // The sensitive-logs message names what an SQS event holds, not request headers and tokens.
    const [log] = only(findings, 'no-sensitive-data-in-logs');
    assert.match(log.message, /message bodies and attributes/);
    assert.doesNotMatch(log.message, /headers|tokens/);
  });

  it('config-stated custom resources and S3 Object Lambda access points decide the sources', () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: fn.handler
      Runtime: nodejs20.x
  Thing:
    Type: Custom::Thing
    Properties:
      ServiceToken: !GetAtt Fn.Arn
  Ol:
    Type: AWS::Serverless::Function
    Properties:
      Handler: ol.handler
      Runtime: nodejs20.x
  Ap:
    Type: AWS::S3ObjectLambda::AccessPoint
    Properties:
      ObjectLambdaConfiguration:
        SupportingAccessPoint: arn:aws:s3:eu-west-1:123456789012:accesspoint/x
        TransformationConfigurations:
          - Actions: [GetObject]
            ContentTransformation:
              AwsLambda:
                FunctionArn: !GetAtt Ol.Arn
`;
    const findings = scan({
      'template.yaml': template,
      'fn.js': "exports.handler = async (event) => { await fetch(event.ResponseURL, { method: 'PUT', body: event.ResourceProperties.Name }); await fetch(event.body); };\n",
      'ol.js': "exports.handler = async (event) => { const r = await fetch(event.getObjectContext.inputS3Url); await fetch(event.userRequest.url); };\n",
    });
    const ssrf = only(findings, 'no-event-data-in-outbound-request');
    assert.deepEqual(ssrf.map((f) => [f.span.file.slice(ROOT.length + 1), f.message, f.severity]), [['ol.js', 'S3 Object Lambda request URL (event.userRequest.url) reaches fetch', 'error']]);
  });
});
