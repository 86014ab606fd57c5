import json


def lambda_handler(event, context):
    # ruleid: no-sensitive-data-in-logs
    print(json.dumps(event))
    return {"statusCode": 200, "body": "{}"}
