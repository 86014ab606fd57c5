// Python CDK apps: the functions they define, the code each one runs and the triggers that invoke
// it, read statically from the app's entry file and the local modules it imports; nothing else of
// the app is judged (its config is wiring only), and a note says so.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';
import { cdkPythonEntry } from '../server/src/engine/model/cdk-python.js';

const ROOT = '/ws';

function build(files: Record<string, string>) {
  const host = new MemoryHost(new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v])));
  const engine = new Engine({ root: ROOT, host, rules: allRules });
  const findings = [...engine.analyzeWorkspace().results.values()].flat();
  const { model } = engine.model();
  const fns = Object.fromEntries(
    model.functions.map((f) => [f.id, { code: f.handler?.codeFile?.slice(ROOT.length + 1), exportPath: f.handler?.exportPath.join('.'), runtime: f.runtime?.value, triggers: f.triggers.map((t) => `${t.kind}:${t.label}`) }]),
  );
  return { model, fns, findings };
}

const HEAD = `from aws_cdk import (
    Duration,
    Stack,
    aws_apigateway as apigw,
    aws_cognito as cognito,
    aws_events as events,
    aws_events_targets as targets,
    aws_lambda as _lambda,
    aws_s3 as s3,
    aws_s3_notifications as s3n,
    aws_sns as sns,
    aws_sns_subscriptions as subs,
    custom_resources as cr,
)
from aws_cdk.aws_apigatewayv2_integrations import HttpLambdaIntegration
from aws_cdk.aws_lambda_event_sources import KinesisEventSource
`;

const fn = (id: string, handler: string, dir = 'src') => `_lambda.Function(self, "${id}", runtime=_lambda.Runtime.PYTHON_3_12, handler="${handler}", code=_lambda.Code.from_asset("${dir}"))`;

describe('Python CDK apps', () => {
  it('finds the entry file cdk.json names', () => {
    assert.equal(cdkPythonEntry('/a', '{"app": "python3 app.py"}'), '/a/app.py');
    assert.equal(cdkPythonEntry('/a', '{"app": ".venv/bin/python app.py"}'), '/a/app.py');
    assert.equal(cdkPythonEntry('/a', '{"app": "python -m src.app src/app.py"}'), '/a/src/app.py');
    assert.equal(cdkPythonEntry('/a', '{"app": "npx ts-node bin/app.ts"}'), undefined);
    assert.equal(cdkPythonEntry('/a', '{"app": "mvn -e -q compile exec:java"}'), undefined);
    assert.equal(cdkPythonEntry('/a', 'not json'), undefined);
  });

  it('reads each way a function is wired to its triggers', () => {
    const { fns } = build({
      'cdk.json': '{ "app": "python3 app.py" }',
      'app.py': `import aws_cdk as cdk\nfrom stacks.main import MainStack\n\napp = cdk.App()\nMainStack(app, "Main")\napp.synth()\n`,
      'stacks/__init__.py': '',
      'stacks/main.py': `${HEAD}
class MainStack(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        nightly = ${fn('Nightly', 'jobs.nightly')}
        rule = events.Rule(self, "Every", schedule=events.Schedule.rate(Duration.hours(1)))
        rule.add_target(targets.LambdaFunction(nightly))
        audit = ${fn('Audit', 'jobs.audit')}
        events.Rule(self, "OnLogin", event_pattern=events.EventPattern(source=["my.app"]), targets=[targets.LambdaFunction(audit)])
        api_fn = ${fn('ApiFn', 'api.main')}
        api = apigw.RestApi(self, "Api")
        api.root.add_resource("items").add_method("GET", apigw.LambdaIntegration(api_fn))
        http_fn = ${fn('HttpFn', 'api.http')}
        HttpLambdaIntegration("HttpInt", http_fn)
        url_fn = ${fn('UrlFn', 'api.url')}
        url_fn.add_function_url(auth_type=_lambda.FunctionUrlAuthType.NONE)
        bucket = s3.Bucket(self, "Uploads")
        on_upload = ${fn('OnUpload', 'files.on_upload')}
        bucket.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(on_upload))
        topic = sns.Topic(self, "Alerts")
        on_alert = ${fn('OnAlert', 'files.on_alert')}
        topic.add_subscription(subs.LambdaSubscription(on_alert))
        stream_fn = ${fn('StreamFn', 'files.stream')}
        stream_fn.add_event_source(KinesisEventSource(self.stream, starting_position=_lambda.StartingPosition.LATEST))
        seeder = ${fn('Seeder', 'files.seed')}
        cr.Provider(self, "SeedProvider", on_event_handler=seeder)
        pre_sign_up = ${fn('PreSignUp', 'files.pre_sign_up')}
        cognito.UserPool(self, "Users", lambda_triggers=cognito.UserPoolTriggers(pre_sign_up=pre_sign_up))
        ${fn('Direct', 'files.direct')}
`,
      'src/jobs.py': 'def nightly(event, context):\n    pass\n\n\ndef audit(event, context):\n    pass\n',
      'src/api.py': 'def main(event, context):\n    pass\n',
      'src/files.py': 'def on_upload(event, context):\n    pass\n',
    });
    assert.deepEqual(fns.Nightly, { code: 'src/jobs.py', exportPath: 'nightly', runtime: 'python3.12', triggers: ['schedule:Every'] });
    assert.deepEqual(fns.Audit.triggers, ['eventbridge:OnLogin']);
    assert.deepEqual(fns.ApiFn.triggers, ['api:API method']);
    assert.deepEqual(fns.HttpFn.triggers, ['httpApi:HTTP API route']);
    assert.deepEqual(fns.UrlFn.triggers, ['functionUrl:UrlFn URL']);
    assert.deepEqual(fns.OnUpload.triggers, ['s3:Uploads']);
    assert.deepEqual(fns.OnAlert.triggers, ['sns:Alerts']);
    assert.deepEqual(fns.StreamFn.triggers, ['kinesis:KinesisEventSource']);
    assert.deepEqual(fns.Seeder.triggers, ['customResource:SeedProvider']);
    assert.deepEqual(fns.PreSignUp.triggers, ['cognito:Users']);
    // Invoked by no construct of the app: no trigger (the handler analysis infers one from the code).
    assert.deepEqual(fns.Direct.triggers, []);
    assert.equal(fns.Direct.code, 'src/files.py');
  });

  it('follows constants, helpers, splats, keyword ids, relative imports and the app folder', () => {
    const { fns } = build({
      'infra/cdk.json': '{ "app": "python3 app.py" }',
      'infra/app.py': 'import aws_cdk as cdk\nfrom pkg import stack\n\nstack.Stack1(cdk.App(), "S")\n',
      'infra/pkg/__init__.py': '',
      'infra/pkg/stack.py': `import os
from aws_cdk import Stack, aws_lambda as lambda_
from aws_cdk.aws_lambda_python_alpha import PythonFunction
from aws_cdk.aws_lambda_nodejs import NodejsFunction
from .settings import CODE_DIR, props


class Stack1(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        self.made = self.make("Made", "made.handler")
        lambda_.Function(scope=self, id="ByName", handler="named.handler", code=lambda_.Code.from_asset(CODE_DIR), **props)
        lambda_.Function(self, "Joined", handler="joined.handler", code=lambda_.Code.from_asset(os.path.join(os.path.dirname(__file__), "..", "..", "lambdas")), **props)
        PythonFunction(self, "Py", entry="../lambdas/py")
        NodejsFunction(self, "Node", entry="../web/handler.ts", handler="main")

    def make(self, name, handler):
        return lambda_.Function(self, name, handler=handler, code=lambda_.Code.from_asset(CODE_DIR), **props)
`,
      'infra/pkg/settings.py': 'from aws_cdk import aws_lambda\n\nCODE_DIR = "../lambdas"\nprops = dict(runtime=aws_lambda.Runtime.PYTHON_3_11)\n',
      'lambdas/made.py': 'def handler(event, context):\n    pass\n',
      'lambdas/named.py': 'def handler(event, context):\n    pass\n',
      'lambdas/joined.py': 'def handler(event, context):\n    pass\n',
      'lambdas/py/index.py': 'def handler(event, context):\n    pass\n',
      'web/handler.ts': 'export const main = async () => {};\n',
    });
    assert.deepEqual(fns.Made, { code: 'lambdas/made.py', exportPath: 'handler', runtime: 'python3.11', triggers: [] });
    assert.equal(fns.ByName.code, 'lambdas/named.py');
    assert.equal(fns.Joined.code, 'lambdas/joined.py');
    assert.deepEqual(fns.Py, { code: 'lambdas/py/index.py', exportPath: 'handler', runtime: 'python3', triggers: [] });
    assert.deepEqual(fns.Node, { code: 'web/handler.ts', exportPath: 'main', runtime: 'nodejs', triggers: [] });
  });

  it('links the handler to its trigger and judges nothing else of the app', () => {
    const { findings, model } = build({
      'cdk.json': '{ "app": "python3 app.py" }',
      'app.py': `import aws_cdk as cdk
from aws_cdk import Stack, aws_lambda as _lambda, aws_events as events, aws_events_targets as targets, aws_iam as iam


class Jobs(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        job = _lambda.Function(self, "Job", runtime=_lambda.Runtime.PYTHON_3_8, handler="job.handler", code=_lambda.Code.from_asset("src"))
        job.add_to_role_policy(iam.PolicyStatement(actions=["*"], resources=["*"]))
        events.Rule(self, "Hourly", schedule=events.Schedule.rate(cdk.Duration.hours(1)), targets=[targets.LambdaFunction(job)])


Jobs(cdk.App(), "Jobs")
`,
      'src/job.py': 'def handler(event, context):\n    print(event)\n',
    });
    // The schedule's event is logged: nothing a caller writes, not reported. Python CDK permissions
    // and settings are not read, so no rule judges the wildcard statement or the old runtime.
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.span.file.slice(ROOT.length + 1)}:${f.span.start}`), ['model-note app.py:0']);
    assert.equal(findings[0].message, 'This Python CDK app is read for its functions\u2019 code and triggers only: their permissions and settings are not checked.');
    assert.equal(model.configs[0].wiringOnly, true);
    assert.deepEqual(model.functions[0].triggers.map((t) => t.kind), ['schedule']);
  });

  it('reads nothing outside the workspace and stops on recursion and unknown imports', () => {
    const { fns, model } = build({
      'cdk.json': '{ "app": "python3 app.py" }',
      'app.py': `import aws_cdk as cdk
from aws_cdk import Stack, aws_lambda as _lambda
from missing.module import Other


def loop(n):
    return loop(n)


class S(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        loop(1)
        Other(self, "Unknown")
        _lambda.Function(self, "Out", runtime=_lambda.Runtime.PYTHON_3_12, handler="x.handler", code=_lambda.Code.from_asset("../../etc"))
        _lambda.Function(self, "Inline", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=_lambda.Code.from_inline("def handler(e, c): pass"))


S(cdk.App(), "S")
`,
    });
    assert.equal(fns.Out.code, undefined);
    assert.equal(fns.Inline.code, undefined);
    assert.equal(model.functions.length, 2);
  });
});
