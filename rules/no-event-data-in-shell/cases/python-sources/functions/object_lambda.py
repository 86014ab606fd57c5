import os


def handler(event, context):
    ctx = event["getObjectContext"]
    # ok: no-event-data-in-shell
    os.system("curl -o /tmp/in " + ctx["inputS3Url"])
    # The caller chooses the URL it requested.
    # ruleid: no-event-data-in-shell
    os.system("echo " + event["userRequest"]["url"])
