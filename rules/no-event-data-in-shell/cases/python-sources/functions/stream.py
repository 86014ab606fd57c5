import os


def handler(event, context):
    for record in event["Records"]:
        image = record["dynamodb"]["NewImage"]
        # ruleid: no-event-data-in-shell
        os.system("process " + image["customer"]["S"])
        # ok: no-event-data-in-shell
        os.system("echo " + record["eventName"])
