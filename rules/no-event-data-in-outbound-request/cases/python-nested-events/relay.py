import json

import boto3
import requests

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        message = json.loads(record["body"])
        # An S3 event notification delivered through the queue: the bucket is the one S3 says.
        notification = message["Records"][0]["s3"]
        # ok: no-event-data-in-outbound-request
        s3.get_object(Bucket=notification["bucket"]["name"], Key=notification["object"]["key"])
        # A custom resource request relayed through the queue: its ResponseURL is CloudFormation's.
        # ok: no-event-data-in-outbound-request
        requests.put(message["ResponseURL"], data=json.dumps({"Status": "SUCCESS"}))
        # Any other field of the message is the sender's.
        # ruleid: no-event-data-in-outbound-request
        requests.get(message["callback_url"])
