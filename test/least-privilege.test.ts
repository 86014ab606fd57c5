// Least privilege from code: the AWS calls read from handler code, the operation -> action table,
// and the engine re-running the rules when a handler (or a module it imports) changes.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';
import { ParseCache } from '../server/src/engine/parse-cache.js';
import { buildModel } from '../server/src/engine/model/build.js';
import { callsOfFunction } from '../server/src/engine/code/aws-calls.js';
import { operationActions, serviceOfBotoName, serviceOfV2Class, serviceOfV3Package } from '../server/src/engine/iam/operations.js';
import { matchArn } from '../server/src/engine/iam/arn-match.js';

const ROOT = '/ws';

function workspace(files: Record<string, string>) {
  const host = new MemoryHost(new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v])));
  const cache = new ParseCache(host, { parses: 0 });
  const sources = Object.keys(files).flatMap((k) => {
    const d = cache.doc(`${ROOT}/${k}`);
    return d.doc && d.format ? [{ doc: d.doc, format: d.format }] : [];
  });
  const model = buildModel(sources, { load: cache.include, exists: (f) => host.version(f) !== undefined });
  const load = (f: string) => cache.code(f);
  return { model, load, calls: (id: string) => callsOfFunction(model, model.functions.find((f) => f.id === id)!, load) };
}

const sls = (fns: Record<string, string>, runtime = 'nodejs20.x') =>
  `service: s\nprovider:\n  name: aws\n  runtime: ${runtime}\n  environment:\n    TABLE: t\n    BUCKET: b\nfunctions:\n${Object.entries(fns).map(([k, h]) => `  ${k}:\n    handler: ${h}\n`).join('')}`;

const summary = (c: ReturnType<ReturnType<typeof workspace>['calls']>) => c.calls.map((x) => `${x.actions.join('+')}${x.resource ? `@${x.resource.kind}:${x.resource.kind === 'env' ? x.resource.name : x.resource.text}` : ''}`).sort();

describe('operations -> IAM actions', () => {
  it('uses the action of the same name, and the checked exceptions', () => {
    assert.deepEqual(operationActions('dynamodb', 'PutItem').actions, ['dynamodb:PutItem']);
    assert.deepEqual(operationActions('s3', 'ListObjectsV2').actions, ['s3:ListBucket']);
    assert.deepEqual(operationActions('s3', 'HeadObject').actions, ['s3:GetObject']);
    assert.deepEqual(operationActions('lambda', 'Invoke').actions, ['lambda:InvokeFunction']);
    assert.deepEqual(operationActions('s3', 'PutObject', new Set(['ACL', 'Tagging'])).actions, ['s3:PutObject', 's3:PutObjectAcl', 's3:PutObjectTagging']);
    assert.deepEqual(operationActions('dynamodb', 'TransactWriteItems', new Set(), ['Put', 'ConditionCheck']).actions, ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']);
    // Content not read: nothing is surely needed, everything possibly is.
    const open = operationActions('dynamodb', 'TransactWriteItems');
    assert.deepEqual(open.actions, []);
    assert.ok(open.possible.includes('dynamodb:DeleteItem'));
    assert.equal(operationActions('s3', 'NoSuchOperation').known, false);
  });

  it('knows the services by their v2 class, v3 package and boto3 name', () => {
    assert.equal(serviceOfV2Class('DynamoDB'), 'dynamodb');
    assert.equal(serviceOfV3Package('@aws-sdk/client-sfn'), 'stepfunctions');
    assert.equal(serviceOfV3Package('@aws-sdk/client-cognito-identity-provider'), 'cognitoidentityserviceprovider');
    assert.equal(serviceOfBotoName('cognito-idp'), 'cognitoidentityserviceprovider');
    assert.equal(serviceOfBotoName('stepfunctions'), 'stepfunctions');
    assert.equal(serviceOfBotoName('ses'), 'ses');
    assert.equal(operationActions('cloudwatch', 'PutMetricData').actions[0], 'cloudwatch:PutMetricData');
  });
});

describe('AWS calls in JavaScript and TypeScript', () => {
  it('reads SDK v3 commands, aggregated clients, lib-dynamodb, lib-storage, paginators and presigners', () => {
    const w = workspace({
      'serverless.yml': sls({ f: 'h.handler' }),
      'h.mjs': `import { S3Client, GetObjectCommand, S3, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Upload } from '@aws-sdk/lib-storage';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const s3 = new S3Client({});
const agg = new S3({});
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const BUCKET = process.env.BUCKET;
export const handler = async () => {
  await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }));
  await agg.deleteObject({ Bucket: 'literal-bucket', Key: 'k' });
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: BUCKET })) void page;
  await new Upload({ client: s3, params: { Bucket: BUCKET, Key: 'k', Body: 'x' } }).done();
  await doc.send(new QueryCommand({ TableName: process.env.TABLE }));
};
`,
    });
    const c = w.calls('f');
    assert.deepEqual(c.unresolved, []);
    assert.deepEqual(summary(c), ['dynamodb:Query@env:TABLE', 's3:DeleteObject@literal:literal-bucket', 's3:GetObject@env:BUCKET', 's3:ListBucket@env:BUCKET', 's3:PutObject@env:BUCKET']);
  });

  it('reads SDK v2 clients and the DocumentClient, with or without .promise()', () => {
    const w = workspace({
      'serverless.yml': sls({ f: 'h.handler' }),
      'h.js': `const AWS = require('aws-sdk');
const S3 = require('aws-sdk/clients/s3');
const db = new AWS.DynamoDB.DocumentClient();
const s3 = new S3();
const lambda = new AWS.Lambda();
exports.handler = async () => {
  await db.batchWrite({ RequestItems: { [process.env.TABLE]: [] } }).promise();
  s3.getSignedUrl('putObject', { Bucket: process.env.BUCKET, Key: 'k' });
  await s3.upload({ Bucket: process.env.BUCKET, Key: 'k', Body: 'x' }).promise();
  await lambda.invoke({ FunctionName: 'other' }).promise();
};
`,
    });
    const c = w.calls('f');
    assert.deepEqual(c.unresolved, []);
    assert.deepEqual(summary(c), ['dynamodb:BatchWriteItem@env:TABLE', 'lambda:InvokeFunction@literal:other', 's3:PutObject@env:BUCKET', 's3:PutObject@env:BUCKET']);
  });

  it('follows clients and helpers into local modules, only the parts a handler imports', () => {
    const w = workspace({
      'serverless.yml': sls({ reader: 'src/api.read', writer: 'src/api.write' }),
      'src/api.js': `const { getOrder, putOrder } = require('../lib/db');
exports.read = async (e) => getOrder(e.id);
exports.write = async (e) => putOrder(e);
`,
      'lib/db.js': `const { ddb, TABLE } = require('./client');
const { GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
exports.getOrder = (id) => ddb.send(new GetCommand({ TableName: TABLE, Key: { id } }));
exports.putOrder = (o) => ddb.send(new PutCommand({ TableName: TABLE, Item: o }));
`,
      'lib/client.js': `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
exports.ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
exports.TABLE = process.env.TABLE;
`,
    });
    assert.deepEqual(summary(w.calls('reader')), ['dynamodb:GetItem@env:TABLE']);
    assert.deepEqual(summary(w.calls('writer')), ['dynamodb:PutItem@env:TABLE']);
    assert.deepEqual(w.calls('reader').unresolved, []);
  });

  it('says what it cannot follow: computed methods, unnamed commands, wrapper libraries, missing modules', () => {
    const w = workspace({
      'serverless.yml': sls({ a: 'a.handler', b: 'b.handler', c: 'c.handler', d: 'd.handler', e: 'e.handler', q: 'q.handler' }),
      'a.js': `const AWS = require('aws-sdk'); const s3 = new AWS.S3();\nexports.handler = async (e) => s3[e.op]({}).promise();\n`,
      'b.mjs': `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const handler = async (e) => s3.send(e.command);\n`,
      'c.js': `const dynamoose = require('dynamoose');\nexports.handler = async () => dynamoose.model('X').scan().exec();\n`,
      'd.js': `const x = require('./missing');\nexports.handler = async () => x();\n`,
      'q.js': `const { QldbDriver } = require('amazon-qldb-driver-nodejs');\nconst driver = new QldbDriver('ledger');\nexports.handler = async () => driver.executeLambda((txn) => txn.execute('SELECT * FROM t'));\n`,
      'e.mjs': `import { DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport const handler = async () => waitUntilTableExists({ client }, { TableName: 't' });\n`,
    });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'q']) assert.equal(w.calls(id).unresolved.length, 1, `${id}: ${JSON.stringify(w.calls(id).unresolved)}`);
    assert.match(w.calls('a').unresolved[0].reason, /computed name/);
    assert.match(w.calls('b').unresolved[0].reason, /cannot name/);
    assert.match(w.calls('c').unresolved[0].reason, /dynamoose/);
    assert.match(w.calls('d').unresolved[0].reason, /not in the workspace/);
    assert.match(w.calls('e').unresolved[0].reason, /waitUntilTableExists: a waiter/);
    assert.match(w.calls('q').unresolved[0].reason, /amazon-qldb-driver-nodejs/);
  });

  it('reads the Powertools parameters and idempotency utilities', () => {
    const w = workspace({
      'serverless.yml': sls({ f: 'h.handler' }),
      'h.mjs': `import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
const layer = new DynamoDBPersistenceLayer({ tableName: process.env.TABLE });
export const handler = async () => getParameter('/app/key');
`,
    });
    assert.deepEqual(summary(w.calls('f')), ['dynamodb:DeleteItem@env:TABLE', 'dynamodb:GetItem@env:TABLE', 'dynamodb:PutItem@env:TABLE', 'dynamodb:UpdateItem@env:TABLE', 'ssm:GetParameter@literal:/app/key']);
  });
});

describe('AWS calls in Python (boto3)', () => {
  it('reads clients, resources, sub-resources, transfer helpers, presigned URLs and paginators', () => {
    const w = workspace({
      'serverless.yml': sls({ f: 'app.handler' }, 'python3.12'),
      'app.py': `import os
import boto3
from boto3 import Session
s3 = boto3.client("s3")
bucket = boto3.resource("s3").Bucket(os.environ["BUCKET"])
table = Session().resource("dynamodb").Table(os.getenv("TABLE"))
def handler(event, context):
    s3.upload_file("/tmp/x", os.environ["BUCKET"], "k")
    s3.generate_presigned_url("get_object", Params={"Bucket": "lit", "Key": "k"})
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="lit"):
        pass
    bucket.Object("k").delete()
    table.update_item(Key={"id": 1})
    return [o.key for o in bucket.objects.filter(Prefix="p/")]
def unused():
    s3.delete_bucket(Bucket="x")
`,
    });
    const c = w.calls('f');
    assert.deepEqual(c.unresolved, []);
    assert.deepEqual(summary(c), ['dynamodb:UpdateItem@env:TABLE', 's3:DeleteObject@env:BUCKET', 's3:GetObject@literal:lit', 's3:ListBucket', 's3:ListBucket@env:BUCKET', 's3:PutObject@env:BUCKET']);
  });

  it('says when the service or the method is chosen at run time', () => {
    const w = workspace({
      'serverless.yml': sls({ f: 'app.handler' }, 'python3.12'),
      'app.py': `import boto3\nc = boto3.client("sqs")\ndef handler(event, context):\n    boto3.client(event["svc"])\n    getattr(c, event["op"])()\n`,
    });
    assert.equal(w.calls('f').unresolved.length, 2);
  });
});

describe('ARN matching', () => {
  it('is sure only when it can be: yes, no or maybe', () => {
    assert.equal(matchArn('*', 'arn:aws:s3:::b/\u0000'), 'yes');
    assert.equal(matchArn('arn:aws:s3:::b/*', 'arn:aws:s3:::b/\u0000'), 'yes');
    assert.equal(matchArn('arn:aws:s3:::b', 'arn:aws:s3:::b/\u0000'), 'no');
    assert.equal(matchArn('arn:aws:s3:::b/uploads/*', 'arn:aws:s3:::b/\u0000'), 'maybe');
    assert.equal(matchArn('arn:aws:s3:::other/*', 'arn:aws:s3:::b/\u0000'), 'no');
    // `${AWS::Region}:${AWS::AccountId}` are the function's own: the region and account are not compared.
    assert.equal(matchArn('arn:aws:dynamodb:\u0000:\u0000:table/orders', 'arn:aws:dynamodb:\u0000:\u0000:table/orders'), 'yes');
    assert.equal(matchArn('arn:aws:dynamodb:*:*:table/\u0000', 'arn:aws:dynamodb:\u0000:\u0000:table/orders'), 'maybe');
    assert.equal(matchArn('arn:aws:dynamodb:*:*:table/orders', 'arn:aws:dynamodb:\u0000:\u0000:table/orders'), 'yes');
    assert.equal(matchArn('arn:aws:dynamodb:*:*:table/other', 'arn:aws:dynamodb:\u0000:\u0000:table/orders'), 'no');
    // A literal pattern against a template resource known only by its logical id: cannot tell.
    assert.equal(matchArn('arn:aws:dynamodb:*:*:table/orders', 'arn:aws:dynamodb:\u0000:\u0000:table/\u0001Orders\u0001'), 'maybe');
  });
});

describe('the engine re-runs the least-privilege rules when code changes', () => {
  it('re-checks the role when the handler, or a module it imports, is edited', () => {
    const files = new Map<string, string>([
      [`${ROOT}/serverless.yml`, `service: s
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    TABLE: orders
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem]
          Resource: arn:aws:dynamodb:*:*:table/orders
functions:
  f:
    handler: h.handler
`],
      [`${ROOT}/h.js`, `const { get } = require('./db');\nexports.handler = async (e) => get(e.id);\n`],
      [`${ROOT}/db.js`, `const AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();\nexports.get = (id) => db.get({ TableName: process.env.TABLE, Key: { id } }).promise();\n`],
    ]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(files), rules: allRules.filter((r) => r.id === 'no-unused-permission' || r.id === 'require-permission-for-call') });
    const ids = () => [...engine.analyzeWorkspace().results.values()].flat().map((f) => `${f.ruleId}@${f.span.file.slice(ROOT.length + 1)}`).sort();
    assert.deepEqual(ids(), []);
    // The module now writes: the write is not allowed, and GetItem is no longer used.
    files.set(`${ROOT}/db.js`, files.get(`${ROOT}/db.js`)!.replace('db.get(', 'db.put('));
    assert.deepEqual(ids(), ['no-unused-permission@serverless.yml', 'require-permission-for-call@db.js']);
    // The handler stops importing it: no call at all, the grant is unused.
    files.set(`${ROOT}/h.js`, `exports.handler = async () => 1;\n`);
    assert.deepEqual(ids(), ['no-unused-permission@serverless.yml']);
  });
});

describe('hover on a grant', () => {
  it('lists the code that uses each action, and says why unused grants are not reported for a role', () => {
    const files = new Map<string, string>([
      [`${ROOT}/serverless.yml`, `service: s
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    TABLE: orders
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem, dynamodb:PutItem]
          Resource: arn:aws:dynamodb:*:*:table/orders
functions:
  f:
    handler: h.handler
  g:
    handler: g.handler
`],
      [`${ROOT}/h.js`, `const AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();\nexports.handler = async (e) => db.get({ TableName: process.env.TABLE, Key: { id: e.id } }).promise();\n`],
      [`${ROOT}/g.js`, `const AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();\nexports.handler = async (e) => db[e.m]({}).promise();\n`],
    ]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(files), rules: allRules });
    engine.discover();
    const text = files.get(`${ROOT}/serverless.yml`)!;
    const md = engine.hoverAt(`${ROOT}/serverless.yml`, text.indexOf('Effect: Allow'));
    assert.ok(md);
    assert.match(md, /^- `dynamodb:GetItem`: `db.get` at h.js:3$/m);
    assert.match(md, /^- `dynamodb:PutItem`: no code$/m);
    assert.match(md, /Unused grants are not reported for this role: not every call of g is known: db\[e.m\]: a method chosen by a computed name/);
    assert.equal(engine.hoverAt(`${ROOT}/serverless.yml`, text.indexOf('service')), undefined);
  });
});

describe('customer-managed keys', () => {
  it('a call on a resource that a KMS key of the template encrypts needs the key too', () => {
    const files = new Map<string, string>([
      [`${ROOT}/template.yaml`, `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: h.handler
      Environment:
        Variables:
          BUCKET: !Ref Vault
      Policies:
        - S3ReadPolicy:
            BucketName: !Ref Vault
  Vault:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt VaultKey.Arn
  VaultKey:
    Type: AWS::KMS::Key
`],
      [`${ROOT}/h.mjs`, `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const handler = async () => s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: 'k' }));\n`],
    ]);
    const engine = new Engine({ root: ROOT, host: new MemoryHost(files), rules: allRules.filter((r) => r.id === 'require-permission-for-call') });
    const found = [...engine.analyzeWorkspace().results.values()].flat().filter((f) => f.ruleId === 'require-permission-for-call');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /GetObjectCommand needs kms:Decrypt on key VaultKey \(it encrypts bucket Vault\)/);
    const fix = found[0].fixes?.find((f) => f.id === 'add-permission');
    assert.ok(fix?.changesBehaviour);
    assert.match(fix.edits[0].newText, /Action: kms:Decrypt, Resource: !GetAtt VaultKey.Arn/);
  });
});
