import json
import os
import urllib.request


def handler(event, context):
    # The properties come from the template's author, the URL from CloudFormation.
    # ok: no-event-data-in-shell
    os.system(event["ResourceProperties"]["Cmd"])
    body = json.dumps({"Status": "SUCCESS", "RequestId": event["RequestId"], "StackId": event["StackId"]})
    # ok: no-event-data-in-shell
    os.system("curl -X PUT " + event["ResponseURL"] + " -d '" + body + "'")
