import json
import os

import boto3
from aws_lambda_powertools.utilities import parameters

s3 = boto3.client("s3")
events = boto3.client("events")
jobs = boto3.resource("dynamodb").Table(os.environ["JOBS_TABLE"])
BUCKET = os.environ["REPORTS"]


def handler(event, context):
    # ok: require-permission-for-call
    key = parameters.get_secret(os.environ["SECRET_ID"])
    # ok: require-permission-for-call
    listing = s3.list_objects_v2(Bucket=BUCKET, Prefix="daily/")
    # ok: require-permission-for-call
    pending = jobs.query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": "pending"})
    # ruleid: require-permission-for-call
    body = s3.get_object(Bucket=BUCKET, Key=listing["Contents"][0]["Key"])["Body"].read()
    # ruleid: require-permission-for-call
    s3.put_object(Bucket=BUCKET, Key="exports/latest.json", Body=json.dumps({"jobs": pending["Items"], "size": len(body), "k": len(key)}))
    # ruleid: require-permission-for-call
    jobs.delete_item(Key={"pk": "pending"})
    # ok: require-permission-for-call
    events.put_events(Entries=[{"EventBusName": os.environ["BUS"], "Source": "exports", "DetailType": "done", "Detail": "{}"}])
    return {"ok": True}
