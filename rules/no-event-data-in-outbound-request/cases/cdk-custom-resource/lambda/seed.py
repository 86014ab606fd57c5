import json
import urllib.request

import requests


def handler(event, context):
    # The properties are the template author's, the response URL CloudFormation's.
    # ok: no-event-data-in-outbound-request
    data = requests.get(event["ResourceProperties"]["Url"], timeout=10).json()
    body = json.dumps({"Status": "SUCCESS", "PhysicalResourceId": "seed", "StackId": event["StackId"], "RequestId": event["RequestId"], "LogicalResourceId": event["LogicalResourceId"], "Data": {"Count": len(data)}})
    # ok: no-event-data-in-outbound-request
    urllib.request.urlopen(urllib.request.Request(event["ResponseURL"], data=body.encode(), method="PUT"))
    # A field that is not CloudFormation's: still not an attacker's (the template author wrote it).
    # ok: no-event-data-in-outbound-request
    requests.post(event["ResourceProperties"].get("Webhook", "https://hooks.example.com"), json={"seeded": True})
