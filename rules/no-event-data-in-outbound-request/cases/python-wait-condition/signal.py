import json
import urllib.request


def handler(event, context):
    # The wait-condition handle's URL, a presigned URL CloudFormation issued, passed in by the template.
    url = event["ResourceProperties"]["WaitHandleUrl"]
    signal = json.dumps({"Status": "SUCCESS", "Reason": "ready", "UniqueId": event["RequestId"], "Data": "ready"})
    # ok: no-event-data-in-outbound-request
    urllib.request.urlopen(urllib.request.Request(url, data=signal.encode(), method="PUT"))
    response = json.dumps({"Status": "SUCCESS", "PhysicalResourceId": "signal", "StackId": event["StackId"], "RequestId": event["RequestId"], "LogicalResourceId": event["LogicalResourceId"]})
    # ok: no-event-data-in-outbound-request
    urllib.request.urlopen(urllib.request.Request(event["ResponseURL"], data=response.encode(), method="PUT"))
