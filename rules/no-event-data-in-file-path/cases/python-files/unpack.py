import io
import tarfile
from urllib.parse import unquote_plus

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    key = unquote_plus(event["Records"][0]["s3"]["object"]["key"])
    # ruleid: no-event-data-in-file-path
    with tarfile.open("/tmp/" + key) as tar:
        tar.list()
    body = s3.get_object(Bucket="uploads", Key=key)["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as archive:
        # The archive's member names are not the event's: it is the file's content, not a key.
        # ok: no-event-data-in-file-path
        archive.extractall("/tmp/out", filter="data")
