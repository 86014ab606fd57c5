import os


def handler(event, context):
    # ruleid: no-event-data-in-shell
    os.system("deploy " + event["detail"]["service"])
    # ok: no-event-data-in-shell
    os.system("echo " + event["source"])
