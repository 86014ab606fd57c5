import os
import boto3

s3 = boto3.client("s3")
bucket = boto3.resource("s3").Bucket(os.environ["BUCKET"])


def handler(event, context):
    s3.put_object(
        Bucket=os.environ["BUCKET"],
        Key="reports/latest.csv",
        Body=event["body"],
        # ruleid: no-public-object-acl
        ACL="public-read",
    )
    # ruleid: no-public-object-acl
    s3.upload_file("/tmp/out.png", os.environ["BUCKET"], "out.png", ExtraArgs={"ACL": "public-read", "ContentType": "image/png"})
    # ruleid: no-public-object-acl
    bucket.Object("page.html").put(Body=event["body"], ACL="public-read-write")
    # ok: no-public-object-acl
    s3.put_object(Bucket=os.environ["BUCKET"], Key="private.csv", Body=event["body"], ACL="private")
    # ok: no-public-object-acl
    s3.upload_file("/tmp/out.png", os.environ["BUCKET"], "out.png", ExtraArgs={"ContentType": "image/png"})
    return {"statusCode": 204}
