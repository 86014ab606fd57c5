import json
import os

import boto3

from shared.store import save_all

s3 = boto3.client("s3")
BUCKET = os.environ["BUCKET"]


def handler(event, context):
    body = s3.get_object(Bucket=BUCKET, Key=event["key"])["Body"].read()
    save_all(json.loads(body))
    return {"ok": True}
