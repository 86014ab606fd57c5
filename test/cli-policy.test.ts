// `faasguard policy`: the minimal policy of a function, from the bundled bin, as a user runs it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'faasguard.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('faasguard policy', () => {
  it('prints the minimal policy of a serverless.yml function as JSON, with intrinsics for the template ARNs', () => {
    const r = run(['policy', 'examples', '--function', 'createOrder']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } }],
    });
  });

  it('prints YAML with short-form intrinsics, one statement per set of resources, and says what it could not scope', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-policy-'));
    fs.writeFileSync(path.join(dir, 'template.yaml'), `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Environment:
        Variables:
          BUCKET: !Ref Uploads
  Uploads:
    Type: AWS::S3::Bucket
`);
    fs.writeFileSync(path.join(dir, 'app.py'), `import os\nimport boto3\ns3 = boto3.client("s3")\nsqs = boto3.client("sqs")\n\ndef handler(event, context):\n    s3.put_object(Bucket=os.environ["BUCKET"], Key="k", Body=b"x")\n    s3.list_objects_v2(Bucket=os.environ["BUCKET"])\n    sqs.send_message(QueueUrl=event["queue"], MessageBody="x")\n`);
    const r = run(['policy', dir, '--function', 'Fn', '--format', 'yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `Version: "2012-10-17"
Statement:
  - Effect: Allow
    Action: s3:PutObject
    Resource: !Sub '\${Uploads.Arn}/*'
  - Effect: Allow
    Action: s3:ListBucket
    Resource: !GetAtt Uploads.Arn
  - Effect: Allow
    Action: sqs:SendMessage
    Resource: '*'
`);
    assert.match(r.stderr, /the resource of sqs:SendMessage could not be resolved: granted on '\*'/);
  });

  it('exits 2 for an unknown function, naming the ones there are, and without --function', () => {
    const a = run(['policy', 'examples', '--function', 'nope']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /no function named nope in examples \(functions: PreviewFunction, aws_lambda_function\.exporter, createOrder, exportInvoices, getReport, thumbnail\)/);
    const b = run(['policy', 'examples']);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /policy needs --function NAME/);
    assert.equal(run(['policy', 'examples', '--function', 'createOrder', '--format', 'xml']).code, 2);
  });
});
