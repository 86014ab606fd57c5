import base64
import os


def handler(event, context):
    for record in event["Records"]:
        payload = base64.b64decode(record["kinesis"]["data"]).decode()
        # ruleid: no-event-data-in-shell
        os.system("ingest " + payload)
        # ok: no-event-data-in-shell
        os.system("echo " + record["eventID"])
