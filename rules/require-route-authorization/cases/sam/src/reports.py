import json


def handler(event, context):
    # Checking that a header is present is not authentication.
    if event["headers"].get("authorization") is None:
        return {"statusCode": 401}
    return {"statusCode": 200, "body": json.dumps([])}
