import os
from urllib.parse import unquote_plus


def handler(event, context):
    for record in event["Records"]:
        key = unquote_plus(record["s3"]["object"]["key"])
        bucket = record["s3"]["bucket"]["name"]
        # ruleid: no-event-data-in-shell
        os.system(f"aws s3 cp s3://{bucket}/{key} /tmp/")
        # The bucket name is the function's own bucket, not an attacker's choice.
        # ok: no-event-data-in-shell
        os.system("echo " + bucket)
