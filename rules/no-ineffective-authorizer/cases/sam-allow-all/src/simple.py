def handler(event, context):
    print("authorizing", event.get("routeArn"))
    return {"isAuthorized": True, "context": {"user": "anyone"}}
