import os


def handler(event, context):
    # ok: no-sensitive-data-in-logs
    print("scheduled run:", event)
    # A secret-named environment variable is still a secret.
    # ruleid: no-sensitive-data-in-logs
    print("key", os.environ["API_SECRET"])
