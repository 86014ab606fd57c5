import os


def handler(event, context):
    # ok: no-sensitive-data-in-logs
    print("scheduled run:", event)
    # ruleid: no-sensitive-data-in-logs
    print("key", os.environ["API_SECRET"])
