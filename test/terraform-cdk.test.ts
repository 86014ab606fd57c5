// The Terraform and CDK readers, in-process: what they put in the model (handlers bound to their
// code, triggers, roles and grants), what they never read, and what they do with bad input.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';

function engine(files: Record<string, string>, root = '/ws') {
  return new Engine({ root, host: new MemoryHost(new Map(Object.entries(files))), rules: allRules });
}

function scan(files: Record<string, string>, root = '/ws') {
  const e = engine(files, root);
  const { results } = e.analyzeWorkspace();
  return { e, findings: [...results.values()].flat() };
}

const FN = `
resource "aws_lambda_function" "f" {
  function_name = "f"
  filename      = data.archive_file.code.output_path
  handler       = "app.handler"
  runtime       = "nodejs22.x"
  role          = aws_iam_role.r.arn
}
data "archive_file" "code" {
  type        = "zip"
  source_dir  = "\${path.module}/src"
  output_path = "build/code.zip"
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
`;

describe('Terraform reader', () => {
  it('binds the handler through archive_file, reads the trigger and the role with its policies', () => {
    const e = engine({
      '/ws/main.tf': FN + `
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_function.f.arn
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["sqs:ReceiveMessage"], Resource = aws_sqs_queue.q.arn }] })
}`,
      '/ws/src/app.js': 'exports.handler = async () => {};\n',
    });
    e.discover();
    const fn = e.model().model.functions[0];
    assert.equal(fn.id, 'aws_lambda_function.f');
    assert.equal(fn.handler?.codeFile, '/ws/src/app.js');
    assert.deepEqual(fn.triggers.map((t) => t.kind), ['sqs']);
    assert.equal(fn.role.kind, 'role');
    if (fn.role.kind === 'role') assert.deepEqual(fn.role.role.policies.flatMap((p) => p.statements.flatMap((s) => s.actions.map((a) => a.str()))), ['sqs:ReceiveMessage']);
  });

  it('never reads file() outside the workspace root', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    const tf = (p: string) => FN + `resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.r.id\n  policy = file("${p}")\n}\n`;
    const inside = scan({ '/ws/main.tf': tf('policy.json'), '/ws/policy.json': policy, '/ws/src/app.js': '' });
    assert.ok(inside.findings.some((f) => f.ruleId === 'no-wildcard-iam-action' && f.span.file === '/ws/policy.json'));
    for (const p of ['../outside/policy.json', '/outside/policy.json']) {
      const outside = scan({ '/ws/main.tf': tf(p), '/outside/policy.json': policy, '/ws/src/app.js': '' });
      assert.ok(!outside.findings.some((f) => f.ruleId === 'no-wildcard-iam-action'), p);
      assert.ok(!outside.e.model().model.filesRead.has('/outside/policy.json'), p);
    }
  });

  it('gives a file with a syntax error one parse diagnostic and reads nothing from it', () => {
    const { findings } = scan({ '/ws/main.tf': 'resource "aws_lambda_function" "f" {\n  handler = \n' });
    assert.deepEqual(findings.map((f) => f.ruleId), ['parse-error']);
  });

  it('reads a local module once per call, with its inputs, and not as a configuration of its own', () => {
    const mod = 'variable "name" {}\nresource "aws_lambda_function" "f" {\n  function_name = var.name\n  handler = "index.handler"\n  runtime = "nodejs22.x"\n  role = "arn:aws:iam::123456789012:role/x"\n  filename = "x.zip"\n}\n';
    const e = engine({
      '/ws/main.tf': 'module "a" {\n  source = "./modules/fn"\n  name = "a"\n}\nmodule "b" {\n  source = "./modules/fn"\n  name = "b"\n}\n',
      '/ws/modules/fn/main.tf': mod,
    });
    e.discover();
    const fns = e.model().model.functions;
    assert.deepEqual(fns.map((f) => [f.id, f.name]), [['module.a.aws_lambda_function.f', 'a'], ['module.b.aws_lambda_function.f', 'b']]);
  });

  it('survives deep nesting and long reference chains (values past the bounds are unknown)', () => {
    const deep = '['.repeat(5000) + '"s3:*"' + ']'.repeat(5000);
    const chain = Array.from({ length: 2000 }, (_, i) => `  l${i} = local.l${i + 1}`).join('\n');
    const { findings } = scan({
      '/ws/main.tf': FN + `locals {\n${chain}\n  l2000 = "s3:*"\n  deep = ${deep}\n}\nresource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.r.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = local.l0, Resource = local.deep }] })\n}\n`,
    });
    assert.ok(!findings.some((f) => f.ruleId === 'no-wildcard-iam-action' || f.ruleId === 'internal-error'), JSON.stringify(findings.map((f) => f.ruleId)));
  });

  it('says so, on the module block, when a local module is not read: nested too deep, or outside the workspace', () => {
    const files: Record<string, string> = { '/ws/main.tf': 'module "m0" {\n  source = "./m0"\n}\nmodule "out" {\n  source = "../outside"\n}\n', '/outside/main.tf': FN };
    let dir = '/ws';
    for (let i = 0; i < 10; i++) {
      dir += `/m${i}`;
      files[`${dir}/main.tf`] = `module "m${i + 1}" {\n  source = "./m${i + 1}"\n}\n`;
    }
    const { findings } = scan(files);
    const notes = findings.filter((f) => f.ruleId === 'model-note' && /^Module /.test(f.message));
    assert.deepEqual(notes.map((f) => [f.span.file, f.message]), [
      ['/ws/m0/m1/m2/m3/m4/m5/m6/m7/main.tf', 'Module m8: it is nested deeper than 8 modules, not read; what it defines is unknown to the analysis.'],
      ['/ws/main.tf', 'Module out: its source ../outside is outside the workspace, not read; what it defines is unknown to the analysis.'],
    ]);
  });

  it('offers no fix it cannot write in HCL (an account id with no aws_caller_identity)', () => {
    const { findings } = scan({
      '/ws/main.tf': FN + 'resource "aws_lambda_permission" "s3" {\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.f.function_name\n  principal     = "s3.amazonaws.com"\n}\n',
    });
    const f = findings.find((x) => x.ruleId === 'no-public-resource-policy');
    assert.ok(f);
    assert.deepEqual((f.fixes ?? []).map((x) => x.id), ['ignore']);
  });
});

const CDK = {
  '/ws/cdk.json': '{ "app": "npx ts-node --prefer-ts-exts bin/app.ts" }',
  '/ws/bin/app.ts': "import * as cdk from 'aws-cdk-lib';\nimport { Api } from '../lib/api';\nnew Api(new cdk.App(), 'Api', { table: 'orders' });\n",
  '/ws/lib/api.ts': `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class Api extends cdk.Stack {
  constructor(scope: any, id: string, props: { table: string }) {
    super(scope, id);
    const table = new dynamodb.Table(this, 'Orders', { tableName: props.table, partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const fn = new NodejsFunction(this, 'Create', { entry: 'src/create.ts' });
    table.grantReadWriteData(fn);
    new apigw.LambdaRestApi(this, 'Rest', { handler: fn });
  }
}
`,
  '/ws/src/create.ts': 'export const handler = async (event: any) => ({ statusCode: 200 });\n',
};

describe('CDK reader', () => {
  it('follows constructor props, binds the entry file, reads API triggers and the grant into the generated role', () => {
    const e = engine(CDK);
    e.discover();
    const { model } = e.model();
    const fn = model.functions.find((f) => f.format === 'cdk')!;
    assert.equal(fn.id, 'Create');
    assert.equal(fn.handler?.codeFile, '/ws/src/create.ts');
    assert.deepEqual(fn.handler?.exportPath, ['handler']);
    assert.deepEqual([...new Set(fn.triggers.map((t) => t.kind))], ['api']);
    const table = model.configs[0].resources.find((r) => r.id === 'Orders');
    assert.equal(table?.props?.get('TableName')?.str(), 'orders');
    assert.equal(fn.role.kind, 'role');
    if (fn.role.kind !== 'role') return;
    assert.equal(fn.role.role.origin, 'cdk-generated');
    assert.deepEqual(fn.role.role.managedPolicies.map((m) => m.name), ['AWSLambdaBasicExecutionRole']);
    const actions = fn.role.role.policies.flatMap((p) => p.statements.flatMap((s) => s.actions.map((a) => a.str())));
    // From aws-cdk-lib's own grant (scripts/gen-cdk-grants.mjs), not a hand-written list.
    for (const a of ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DeleteItem']) assert.ok(actions.includes(a), a);
    assert.ok(!actions.includes('dynamodb:DeleteTable'));
  });

  it('binds an ES module stack\'s entry: __dirname from fileURLToPath(import.meta.url), with named path imports', () => {
    const stack = `import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cdk from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

const __filename = fileURLToPath(import.meta.url);
const __dirname = dirname(__filename);

export class Api extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new NodejsFunction(this, 'Hello', { handler: 'handler', entry: join(__dirname, '../src/hello.ts') });
  }
}
`;
    const e = engine({ ...CDK, '/ws/lib/api.ts': stack, '/ws/src/hello.ts': 'export const handler = async () => ({ statusCode: 200 });\n' });
    e.discover();
    const fn = e.model().model.functions.find((f) => f.format === 'cdk');
    assert.equal(fn?.id, 'Hello');
    assert.equal(fn?.handler?.codeFile, '/ws/src/hello.ts');
    assert.deepEqual(fn?.handler?.exportPath, ['handler']);
  });

  it('reads the rule a construct makes with on*() and a function wired in a loop over a Set', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';

export class Api extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    const project = new codebuild.Project(this, 'Build', {});
    const comment = new lambda.Function(this, 'Comment', { code: lambda.Code.fromAsset('src'), handler: 'comment.handler', runtime: lambda.Runtime.NODEJS_22_X });
    project.onBuildFailed('OnFailed', { target: new targets.LambdaFunction(comment) });
    project.onBuildSucceeded('OnSucceeded');
    const table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const streamFn = new lambda.Function(this, 'Stream', { code: lambda.Code.fromAsset('src'), handler: 'stream.handler', runtime: lambda.Runtime.NODEJS_22_X });
    const tables = new Set([table]);
    tables.forEach((t) => streamFn.addEventSource(new DynamoEventSource(t, { startingPosition: lambda.StartingPosition.LATEST })));
    new lambda.Function(this, 'Direct', { code: lambda.Code.fromAsset('src'), handler: 'direct.handler', runtime: lambda.Runtime.NODEJS_22_X });
  }
}
`;
    const e = engine({ ...CDK, '/ws/lib/api.ts': stack, '/ws/src/comment.js': 'exports.handler = async () => {};\n', '/ws/src/stream.js': 'exports.handler = async () => {};\n', '/ws/src/direct.js': 'exports.handler = async () => {};\n' });
    e.discover();
    const kinds = Object.fromEntries(e.model().model.functions.filter((f) => f.format === 'cdk').map((f) => [f.id, f.triggers.map((t) => t.kind)]));
    assert.deepEqual(kinds, { Comment: ['eventbridge'], Stream: ['dynamodb'], Direct: [] });
  });

  it('reads the statements of a policy attached with fn.role?.attachInlinePolicy(), also those added later', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';

export class Api extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Detect', { code: lambda.Code.fromAsset('src'), handler: 'app.handler', runtime: lambda.Runtime.PYTHON_3_13 });
    const policy = new iam.Policy(this, 'DetectPolicy', { statements: [new iam.PolicyStatement({ actions: ['rekognition:DetectProtectiveEquipment'], resources: ['*'] })] });
    policy.addStatements(new iam.PolicyStatement({ actions: ['iot:Publish'], resources: ['*'] }));
    fn.role?.attachInlinePolicy(policy);
  }
}
`;
    const e = engine({ ...CDK, '/ws/lib/api.ts': stack, '/ws/src/app.py': 'def handler(event, context):\n    return None\n' });
    e.discover();
    const fn = e.model().model.functions.find((f) => f.id === 'Detect')!;
    assert.equal(fn.role.kind, 'role');
    if (fn.role.kind !== 'role') return;
    const actions = fn.role.role.policies.flatMap((p) => p.statements.flatMap((s) => s.actions.map((a) => a.str())));
    assert.deepEqual(actions.filter((a) => !a?.startsWith('logs:')), ['rekognition:DetectProtectiveEquipment', 'iot:Publish']);
  });

  it('reports an unused CDK grant once, naming the actions it stands for', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';

export class Api extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    const bucket = new s3.Bucket(this, 'Reports');
    const fn = new lambda.Function(this, 'Hello', { code: lambda.Code.fromAsset('src'), handler: 'hello.handler', runtime: lambda.Runtime.NODEJS_22_X });
    bucket.grantRead(fn);
  }
}
`;
    const { findings } = scan({ ...CDK, '/ws/lib/api.ts': stack, '/ws/src/hello.js': 'exports.handler = async () => ({ statusCode: 200 });\n' });
    const unused = findings.filter((f) => f.ruleId === 'no-unused-permission');
    assert.equal(unused.length, 1, JSON.stringify(unused.map((f) => f.message)));
    const line = stack.slice(0, unused[0].span.start).split('\n').length;
    assert.equal(line, 10);
    assert.match(unused[0].message, /^\d+ actions \(s3:[^,]+, s3:[^,]+, s3:[^ ]+ and \d+ more\) are granted here but no code of Hello needs them: /);
  });

  it('binds nothing and runs nothing outside the app: an import that leaves the root is not read', () => {
    const e = engine({ ...CDK, '/ws/bin/app.ts': "import { Api } from '../../elsewhere/api';\nimport * as cdk from 'aws-cdk-lib';\nnew Api(new cdk.App(), 'Api');\n", '/elsewhere/api.ts': CDK['/ws/lib/api.ts'] });
    e.discover();
    const { model } = e.model();
    assert.equal(model.functions.length, 0);
    assert.ok(!model.filesRead.has('/elsewhere/api.ts'));
  });
});
