import json
import subprocess
from aws_lambda_powertools.utilities.data_classes import SQSEvent


def handler(event, context):
    for record in event["Records"]:
        job = json.loads(record["body"])
        # ruleid: no-event-data-in-shell
        subprocess.run("run-job " + job["name"], shell=True)
        # ruleid: no-event-data-in-shell
        subprocess.run("tag " + record["messageAttributes"]["tag"]["stringValue"], shell=True)
        # ok: no-event-data-in-shell
        subprocess.run("ack " + record["messageId"], shell=True)
    for message in SQSEvent(event).records:
        # ruleid: no-event-data-in-shell
        subprocess.run("run-job " + message.json_body["name"], shell=True)
