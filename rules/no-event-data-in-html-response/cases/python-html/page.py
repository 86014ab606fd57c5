import html
import json

from markupsafe import escape


def handler(event, context):
    name = event["queryStringParameters"]["name"]
    if name == "json":
        # ok: no-event-data-in-html-response
        return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps({"name": name})}
    if name == "escaped":
        # ok: no-event-data-in-html-response
        return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": f"<h1>Hello {html.escape(name)}</h1>"}
    if name == "markup":
        # ok: no-event-data-in-html-response
        return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": "<p>" + escape(name) + "</p>"}
    page = "<html><body><h1>Hello " + name + "</h1></body></html>"
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        # ruleid: no-event-data-in-html-response
        "body": page,
    }
