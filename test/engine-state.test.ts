// What the engine keeps, and what it reads before the workspace is indexed: first findings for an
// opened file from the configs near it only, and per-file state dropped when the file is deleted.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';

const ROOT = '/ws';
const SLS = `service: a
provider:
  name: aws
  runtime: nodejs20.x
functions:
  api:
    handler: src/h.handler
    events:
      - httpApi: 'POST /run'
`;
const HANDLER = `const { exec } = require('child_process');\nexports.handler = async (event) => { exec(JSON.parse(event.body).cmd); };\n`;

/** A MemoryHost that records which files were read. */
function host(files: Record<string, string>) {
  const map = new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]));
  const h = new MemoryHost(map);
  const read = new Set<string>();
  const readFile = h.readFile.bind(h);
  h.readFile = (f: string) => (read.add(f.slice(ROOT.length + 1)), readFile(f));
  return { h, map, read };
}

describe('first findings before the workspace is indexed', () => {
  it('reads only the configs in the file\'s folder and its parents, and finds what analyze() finds for it', () => {
    const { h, read } = host({
      'app/serverless.yml': SLS,
      'app/src/h.js': HANDLER,
      'other/template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n',
      'other/x.js': HANDLER,
    });
    const engine = new Engine({ root: ROOT, host: h, rules: allRules });
    const file = `${ROOT}/app/src/h.js`;
    const ids = (m: Map<string, { ruleId: string; span: { start: number } }[]>) => m.get(file)!.map((f) => `${f.ruleId}:${f.span.start}`).sort();
    const first = ids(engine.analyzeNear([file]));
    assert.ok(first.includes(`no-event-data-in-shell:${HANDLER.indexOf('JSON.parse')}`), first.join(', '));
    assert.deepEqual([...read].sort(), ['app/serverless.yml', 'app/src/h.js']);
    assert.equal(engine.modelReady, false);
    engine.discover();
    assert.deepEqual(ids(engine.analyze([file])), first);
    assert.equal(engine.modelReady, true);
  });
});

describe('first findings of a Terraform module before the workspace is indexed', () => {
  it('read the local modules that the configuration in a parent folder calls, as the full model does: no grant looks unused for want of the module that defines its trigger', () => {
    const { h, read } = host({
      'main.tf': `module "fn" {
  source    = "./modules/fn"
  queue_arn = module.queue.arn
  code      = "./src/worker.py"
}

module "queue" {
  source = "./modules/queue"
}
`,
      'modules/queue/main.tf': `resource "aws_sqs_queue" "q" {
  name = "jobs"
}

output "arn" {
  value = aws_sqs_queue.q.arn
}
`,
      'modules/fn/main.tf': `variable "queue_arn" {}
variable "code" {}

data "archive_file" "zip" {
  type        = "zip"
  source_file = var.code
  output_path = "\${trimsuffix(var.code, ".py")}.zip"
}

resource "aws_iam_role" "role" {
  name               = "worker"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}

resource "aws_iam_role_policy" "queue" {
  role   = aws_iam_role.role.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource = var.queue_arn }] })
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  filename      = data.archive_file.zip.output_path
  handler       = "worker.handler"
  runtime       = "python3.12"
  role          = aws_iam_role.role.arn
  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = var.queue_arn
  function_name    = aws_lambda_function.worker.arn
}
`,
      'src/worker.py': `import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        s3.put_object(Bucket="jobs-out", Key="done", Body=record["body"])
`,
      'other/main.tf': 'resource "aws_sqs_queue" "other" {\n  name = "other"\n}\n',
    });
    const engine = new Engine({ root: ROOT, host: h, rules: allRules });
    const file = `${ROOT}/modules/fn/main.tf`;
    const ids = (m: Map<string, { ruleId: string; span: { start: number }; message: string }[]>) => m.get(file)!.map((f) => `${f.ruleId}:${f.span.start}:${f.message}`).sort();
    const first = ids(engine.analyzeNear([file]));
    assert.ok(!first.some((f) => f.startsWith('no-unused-permission')), first.join('\n'));
    assert.ok(first.some((f) => f.startsWith('require-async-failure-destination')), first.join('\n'));
    assert.ok(read.has('modules/queue/main.tf'), 'the module that main.tf calls is read');
    assert.ok(!read.has('other/main.tf'), 'nothing else');
    engine.discover();
    assert.deepEqual(ids(engine.analyze([file])), first);
  });
});

describe('keystrokes in handlers after a scan', () => {
  it('re-run the code-reading model rules only for the config whose function read the handler, with the findings a fresh engine gives', () => {
    const sls = (name: string) => `service: ${name}
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
  api:
    handler: h.handler
    events:
      - httpApi: 'POST /x'
`;
    const code = `const AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();\nexports.handler = async (e) => db.get({ TableName: process.env.TABLE, Key: { id: e.id } }).promise();\n`;
    const files: Record<string, string> = {};
    for (const d of ['a', 'b', 'c']) {
      files[`${d}/serverless.yml`] = sls(d);
      files[`${d}/h.js`] = code;
    }
    const { h, map } = host(files);
    const engine = new Engine({ root: ROOT, host: h, rules: allRules });
    const all = Object.keys(files).map((f) => `${ROOT}/${f}`);
    const ids = (m: Map<string, { ruleId: string; span: { start: number }; message: string }[]>) => all.map((f) => `${f}: ${m.get(f)!.map((x) => `${x.ruleId}:${x.span.start}:${x.message}`).join(' ; ')}`);
    engine.analyzeWorkspace();
    const edits = [code.replace('db.get(', 'db.put('), code.replace('db.get(', 'db.put(') + '// typing\n', code.replace('db.get(', 'db.delete('), code];
    for (const [i, text] of edits.entries()) {
      map.set(`${ROOT}/b/h.js`, text);
      const before = { ...engine.stats };
      const got = ids(engine.analyze(all));
      const fresh = new Engine({ root: ROOT, host: h, rules: allRules });
      fresh.discover();
      assert.deepEqual(got, ids(fresh.analyze(all)), `edit ${i}`);
      assert.equal(engine.stats.modelBuilds, before.modelBuilds, `edit ${i}: the model is not rebuilt`);
      // The first edit splits the code-reading rules by config (every config once); later ones re-run b's only.
      // (require-permission-for-call, no-unused-permission and require-route-authorization read h.js.)
      if (i > 0) assert.equal(engine.stats.modelRuleRuns - before.modelRuleRuns, 3, `edit ${i}`);
    }
  });
});

describe('the model key', () => {
  it('takes in files read lazily after the model was built (a missing ${file()} read when a rule asks), so that a handler edit does not rebuild the model', () => {
    const sls = SLS + `resources:
  Resources:
    Api:
      Type: AWS::ApiGatewayV2::Api
      Properties:
        Body: \${file(./api.json)}
`;
    const { h, map } = host({ 'app/serverless.yml': sls, 'app/src/h.js': HANDLER });
    const engine = new Engine({ root: ROOT, host: h, rules: allRules });
    engine.analyzeWorkspace();
    engine.analyzeWorkspace();
    const builds = engine.stats.modelBuilds;
    map.set(`${ROOT}/app/src/h.js`, HANDLER + '// typing\n');
    engine.analyze([`${ROOT}/app/src/h.js`, `${ROOT}/app/serverless.yml`]);
    assert.equal(engine.stats.modelBuilds, builds);
    // The include appearing is a change the model sees.
    map.set(`${ROOT}/app/api.json`, '{"openapi": "3.0.1"}');
    engine.analyze([`${ROOT}/app/serverless.yml`]);
    assert.equal(engine.stats.modelBuilds, builds + 1);
  });
});

describe('per-file state', () => {
  it('is dropped for a deleted file at the next discovery, and a file created again is analysed afresh', () => {
    const { h, map } = host({ 'app/serverless.yml': SLS, 'app/src/h.js': HANDLER, 'app/src/g.js': HANDLER });
    const engine = new Engine({ root: ROOT, host: h, rules: allRules });
    engine.analyzeWorkspace();
    const kept = engine as unknown as { codeResults: Map<string, unknown>; finished: Map<string, unknown>; parsed: { files(): string[] } };
    const g = `${ROOT}/app/src/g.js`;
    assert.ok(kept.codeResults.has(g) && kept.finished.has(g) && kept.parsed.files().includes(g));
    map.delete(g);
    engine.discover();
    assert.ok(!kept.codeResults.has(g) && !kept.finished.has(g) && !kept.parsed.files().includes(g));
    assert.ok(kept.codeResults.has(`${ROOT}/app/src/h.js`));
    map.set(g, '// empty now\n');
    engine.discover();
    assert.deepEqual(engine.analyze([g]).get(g), []);
  });
});
