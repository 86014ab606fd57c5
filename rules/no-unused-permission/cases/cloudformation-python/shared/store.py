import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def save_all(items):
    with table.batch_writer() as batch:
        for item in items:
            batch.put_item(Item=item)


def delete_one(key):
    table.delete_item(Key=key)
