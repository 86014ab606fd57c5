from urllib.parse import quote


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    target = params.get("next", "/")
    if params.get("mode") == "safe":
        # ok: no-event-data-in-redirect
        return {"statusCode": 302, "headers": {"Location": "/app/" + quote(target)}}
    if params.get("mode") == "multi":
        # ruleid: no-event-data-in-redirect
        return {"statusCode": 302, "multiValueHeaders": {"Location": [target]}}
    # ruleid: no-event-data-in-redirect
    return {"statusCode": 302, "headers": {"Location": target}}
