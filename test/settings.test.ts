// The function-settings layer of the model: each setting set, unset (with where a fix writes it) or
// unknown, resolved the same way whatever the format, and one place that decides whether a config
// is an AWS config the rules can check.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { FunctionModel } from '../server/src/engine/model/types.js';
import type { Setting } from '../server/src/engine/model/settings.js';
import { applyEdits } from './cases.js';

const ROOT = '/ws';

function modelOf(files: Record<string, string>) {
  const map = new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]));
  const engine = new Engine({ root: ROOT, host: new MemoryHost(map), rules: [] });
  engine.discover();
  return { model: engine.model().model, map };
}

function fnOf(files: Record<string, string>, id: string): { fn: FunctionModel; map: Map<string, string> } {
  const { model, map } = modelOf(files);
  const fn = model.functions.find((f) => f.id === id);
  assert.ok(fn, `function ${id}`);
  return { fn, map };
}

const textAt = (map: Map<string, string>, s: { file: string; start: number; end: number }) => map.get(s.file)!.slice(s.start, s.end);

function value<T>(s: Setting<T>): T | 'unset' | 'unknown' {
  return s.state === 'set' ? s.value : s.state;
}

/** The file after the first target of an unset setting writes `v`. */
function written<T>(map: Map<string, string>, s: Setting<T>, v: T, file: string, target = 0): string {
  assert.equal(s.state, 'unset');
  const edits = s.state === 'unset' ? s.targets[target]?.edits(v) : undefined;
  assert.ok(edits && edits.length > 0, 'the target writes an edit');
  return applyEdits(map, edits).get(`${ROOT}/${file}`)!;
}

const SAM = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Tracing: Active
    MemorySize: 512
    LoggingConfig:
      LogFormat: JSON
    Environment:
      Variables:
        STAGE: prod
        TABLE: shared
Parameters:
  Mode:
    Type: String
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Tracing: !Ref Mode
      LoggingConfig:
        LogGroup: !Ref ApiLogs
      Environment:
        Variables:
          TABLE: mine
      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins: ['*']
          AllowCredentials: true
  Bare:
    Type: AWS::Serverless::Function
  ApiLogs:
    Type: AWS::Logs::LogGroup
`;

describe('function settings: SAM', () => {
  it('reads the function first, then Globals.Function, key by key (LoggingConfig is merged)', () => {
    const { fn } = fnOf({ 'template.yaml': SAM }, 'Api');
    const s = fn.settings;
    assert.equal(value(s.runtime), 'python3.12');
    assert.equal(s.runtime.state === 'set' && s.runtime.from, 'function');
    assert.equal(value(s.memory), 512);
    assert.equal(s.memory.state === 'set' && s.memory.from, 'shared');
    assert.equal(value(s.tracing), 'unknown', 'a parameter is decided at deployment');
    assert.equal(value(s.logFormat), 'JSON', 'Globals LogFormat merged with the function LogGroup');
    assert.equal(s.logGroup.kind, 'custom');
    assert.equal(s.logGroup.group?.id, 'ApiLogs');
    assert.equal(s.logGroup.retention.state, 'unset');
    assert.equal(value(s.reservedConcurrency), 'unset');
  });

  it('lists inherited environment variables, marking the ones the function overrides', () => {
    const { fn } = fnOf({ 'template.yaml': SAM }, 'Api');
    const vars = fn.settings.environment.variables.map((v) => `${v.name}:${v.from}${v.overridden ? ':overridden' : ''}:${value(v.value)}`);
    assert.deepEqual(vars, ['STAGE:shared:prod', 'TABLE:shared:overridden:shared', 'TABLE:function:mine']);
    assert.equal(fn.settings.environment.variables[0].secretReference?.target.describe('STAGE'), 'Globals.Function.Environment.Variables.STAGE: {{resolve:secretsmanager:STAGE}}');
  });

  it('reads the function URL and its CORS', () => {
    const { fn } = fnOf({ 'template.yaml': SAM }, 'Api');
    const url = fn.settings.url!;
    assert.equal(value(url.authType), 'NONE');
    assert.deepEqual(value(url.cors!.allowOrigins), ['*']);
    assert.equal(value(url.cors!.allowCredentials), true);
  });

  it('an unset setting is written in Globals (preferred) or on the function, under a new Properties when it has none', () => {
    const { fn, map } = fnOf({ 'template.yaml': SAM }, 'Bare');
    const s = fn.settings.reservedConcurrency;
    assert.equal(s.state, 'unset');
    assert.deepEqual(s.state === 'unset' && s.targets.map((t) => `${t.scope}:${t.where}`), ['function:ReservedConcurrentExecutions', 'shared:Globals.Function.ReservedConcurrentExecutions']);
    assert.match(written(map, s, 10, 'template.yaml'), /  Bare:\n    Type: AWS::Serverless::Function\n    Properties:\n      ReservedConcurrentExecutions: 10\n/);
    const ts = fn.settings.timeout;
    assert.equal(ts.state === 'unset' && ts.targets[0].scope, 'shared');
    assert.match(written(map, ts, 30, 'template.yaml'), /    MemorySize: 512\n[\s\S]*    Timeout: 30\n/);
  });

  it('a function with its own log group gets the retention fix on the group; one without, a new group', () => {
    const { fn: api, map } = fnOf({ 'template.yaml': SAM }, 'Api');
    assert.match(written(map, api.settings.logGroup.retention, 7, 'template.yaml'), /  ApiLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n/);
    const { fn: bare } = fnOf({ 'template.yaml': SAM }, 'Bare');
    const r = bare.settings.logGroup.retention;
    assert.equal(r.state === 'unset' && r.targets[0].creates, 'BareLogGroup');
    assert.match(written(map, r, 14, 'template.yaml'), /  BareLogGroup:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Sub '\/aws\/lambda\/\$\{Bare\}'\n      RetentionInDays: 14\n  Bare:/);
  });
});

const CFN = `{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Runtime": "nodejs18.x",
        "Handler": "index.handler",
        "TracingConfig": { "Mode": "PassThrough" },
        "DeadLetterConfig": { "TargetArn": { "Fn::GetAtt": ["Dlq", "Arn"] } },
        "VpcConfig": { "SubnetIds": ["a", "b"], "SecurityGroupIds": ["sg"] }
      }
    },
    "Dlq": { "Type": "AWS::SQS::Queue" },
    "FnUrl": { "Type": "AWS::Lambda::Url", "Properties": { "TargetFunctionArn": { "Fn::GetAtt": ["Fn", "Arn"] }, "AuthType": "AWS_IAM" } },
    "FnAsync": { "Type": "AWS::Lambda::EventInvokeConfig", "Properties": { "FunctionName": { "Ref": "Fn" }, "Qualifier": "$LATEST",
      "DestinationConfig": { "OnFailure": { "Destination": "arn:aws:sns:eu-west-1:123456789012:failures" } } } }
  }
}
`;

describe('function settings: CloudFormation', () => {
  it('reads the CloudFormation spellings and the resources that configure a function', () => {
    const { fn, map } = fnOf({ 'template.json': CFN }, 'Fn');
    const s = fn.settings;
    assert.equal(value(s.tracing), false);
    assert.equal(s.tracing.state === 'set' && textAt(map, s.tracing.span), '"PassThrough"');
    assert.equal(s.deadLetter.state === 'set' && s.deadLetter.value.targetId, 'Dlq');
    assert.equal(s.onFailure.state === 'set' && s.onFailure.value.text, 'arn:aws:sns:eu-west-1:123456789012:failures');
    assert.deepEqual(value(s.vpc), { subnets: 2, securityGroups: 1 });
    assert.equal(value(s.url!.authType), 'AWS_IAM');
    // A set value is rewritten in place, in JSON.
    const fixed = applyEdits(map, s.tracing.state === 'set' ? s.tracing.replace.edits(true)! : []).get(`${ROOT}/template.json`)!;
    assert.match(fixed, /"TracingConfig": \{ "Mode": "Active" \}/);
    // No Globals in CloudFormation: the function is the only place.
    assert.deepEqual(s.memory.state === 'unset' && s.memory.targets.map((t) => t.where), ['MemorySize']);
  });
});

const SLS = `service: shop
frameworkVersion: '4'
provider:
  name: aws
  runtime: nodejs20.x
  tracing:
    lambda: \${param:tracing}
  environment:
    DB_PASSWORD: hunter2hunter2
  vpc:
    subnetIds: [a]
    securityGroupIds: [b]
functions:
  api:
    handler: src/api.handler
    memorySize: 256
    events:
      - http: GET /items
  worker:
    handler: src/worker.handler
    tracing: PassThrough
    url:
      cors: true
    onError: arn:aws:sns:eu-west-1:123456789012:dlq
`;

describe('function settings: serverless.yml', () => {
  it('reads the function, then provider; a provider value that is a variable is unknown', () => {
    const { fn } = fnOf({ 'serverless.yml': SLS }, 'api');
    const s = fn.settings;
    assert.equal(value(s.runtime), 'nodejs20.x');
    assert.equal(value(s.memory), 256);
    assert.equal(value(s.tracing), 'unknown');
    assert.deepEqual(value(s.vpc), { subnets: 1, securityGroups: 1 });
    assert.equal(value(s.logFormat), 'unset');
    assert.equal(s.environment.variables[0].secretReference?.store, 'SSM Parameter Store');
  });

  it('missing settings are written under provider, and reported there', () => {
    const { fn, map } = fnOf({ 'serverless.yml': SLS }, 'api');
    const r = fn.settings.logGroup.retention;
    assert.equal(r.state === 'unset' && textAt(map, r.anchor), 'provider');
    assert.match(written(map, r, 30, 'serverless.yml'), /    securityGroupIds: \[b\]\n  logRetentionInDays: 30\n/);
  });

  it('reads the per-function settings: tracing, URL and its CORS, dead-letter target', () => {
    const { fn } = fnOf({ 'serverless.yml': SLS }, 'worker');
    const s = fn.settings;
    assert.equal(value(s.tracing), false);
    assert.equal(value(s.url!.authType), 'unset', 'no authorizer: the URL is public');
    assert.deepEqual(value(s.url!.cors!.allowOrigins), ['*']);
    assert.equal(value(s.url!.cors!.allowCredentials), 'unset');
    assert.equal(s.deadLetter.state === 'set' && s.deadLetter.value.text, 'arn:aws:sns:eu-west-1:123456789012:dlq');
  });

  it('a whole provider that cannot be read makes every inherited setting unknown', () => {
    const { fn } = fnOf({ 'serverless.yml': 'service: s\nprovider: ${file(./missing.yml)}\nfunctions:\n  f:\n    handler: h.f\n    tracing: PassThrough\n' }, 'f');
    assert.equal(value(fn.settings.runtime), 'unknown');
    assert.equal(value(fn.settings.logGroup.retention), 'unknown');
    assert.equal(value(fn.settings.tracing), false, 'the function\'s own value is still read');
  });
});

describe('configs for another cloud', () => {
  it('contribute nothing to the model, and get one informational note', () => {
    const { model } = modelOf({ 'serverless.yml': 'service: g\nprovider:\n  name: google\n  runtime: nodejs20\nfunctions:\n  hello:\n    handler: hello\n    environment:\n      DB_PASSWORD: hunter2hunter2\n' });
    assert.equal(model.configs.length, 0);
    assert.equal(model.functions.length, 0);
    assert.equal(model.notes.length, 1);
    assert.match(model.notes[0].message, /deploys to google, not AWS/);
  });
});
