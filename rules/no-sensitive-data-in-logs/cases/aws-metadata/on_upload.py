import json
import logging
import os

logger = logging.getLogger()


def handler(event, context):
    # An S3 notification is metadata: reported, but as a note.
    # ruleid: no-sensitive-data-in-logs
    logger.info("received %s", json.dumps(event))
    for record in event["Records"]:
        # ok: no-sensitive-data-in-logs
        print("object", record["s3"]["object"]["key"])
    # A secret is a secret whatever the trigger: a warning.
    # ruleid: no-sensitive-data-in-logs
    print("key", os.environ["SIGNING_SECRET"])
