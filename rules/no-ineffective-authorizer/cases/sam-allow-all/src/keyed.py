import os


def handler(event, context):
    key = event.get("headers", {}).get("x-api-key")
    if key == os.environ.get("EXPECTED_KEY"):
        return {"isAuthorized": True}
    return {"isAuthorized": False}
