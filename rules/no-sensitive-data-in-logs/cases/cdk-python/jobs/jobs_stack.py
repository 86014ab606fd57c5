import os

from aws_cdk import (
    Duration,
    Stack,
    aws_apigateway as apigw,
    aws_events as events,
    aws_events_targets as targets,
    aws_lambda as _lambda,
    aws_s3 as s3,
    aws_s3_notifications as s3n,
)
from aws_cdk.aws_lambda_python_alpha import PythonFunction
from constructs import Construct

FUNCTIONS = os.path.join(os.path.dirname(__file__), "..", "functions")


class JobsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        common = dict(runtime=_lambda.Runtime.PYTHON_3_12, timeout=Duration.seconds(30))

        # A schedule is the only trigger: its event is EventBridge's own.
        nightly = _lambda.Function(self, "Nightly", handler="nightly.handler", code=_lambda.Code.from_asset(FUNCTIONS), **common)
        events.Rule(self, "Every5Minutes", schedule=events.Schedule.rate(Duration.minutes(5)), targets=[targets.LambdaFunction(nightly)])

        # S3 notifications: metadata about the uploaded object.
        uploads = s3.Bucket(self, "Uploads")
        self.on_upload = self._function("OnUpload", "on_upload.handler")
        uploads.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(self.on_upload))

        # An API: request bodies, headers and tokens.
        orders = PythonFunction(self, "Orders", entry="functions/orders", index="app.py", handler="lambda_handler")
        apigw.LambdaRestApi(self, "Api", handler=orders)

    def _function(self, name, handler):
        return _lambda.Function(self, name, runtime=_lambda.Runtime.PYTHON_3_12, handler=handler, code=_lambda.Code.from_asset("functions"))
