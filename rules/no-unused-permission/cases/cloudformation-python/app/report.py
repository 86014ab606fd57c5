import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ.get("TABLE"))


def handler(event, context):
    return {"count": len(table.scan()["Items"])}
