import json

import boto3

iot = boto3.client("iot-data")
sns = boto3.client("sns")


def handler(event, context):
    # ok: require-permission-for-call
    iot.publish(topic="alerts", payload=json.dumps({"alert": True}))
    # ruleid: require-permission-for-call
    sns.publish(TopicArn="arn:aws:sns:us-east-1:111122223333:alerts", Message="alert")
    return {"ok": True}
