import aws_cdk as cdk
from aws_cdk import Stack, aws_lambda as lambda_, aws_sqs as sqs
from aws_cdk.aws_lambda_event_sources import SqsEventSource


class WorkerStack(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        jobs = sqs.Queue(self, "Jobs")
        worker = lambda_.Function(
            self,
            "Worker",
            runtime=lambda_.Runtime.PYTHON_3_13,
            handler="main.handler",
            code=lambda_.Code.from_asset("worker"),
        )
        worker.add_event_source(SqsEventSource(jobs, batch_size=5))


WorkerStack(cdk.App(), "Worker")
