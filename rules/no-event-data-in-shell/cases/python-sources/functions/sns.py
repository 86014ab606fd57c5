import os


def handler(event, context):
    record = event["Records"][0]
    # ruleid: no-event-data-in-shell
    os.system("notify " + record["Sns"]["Message"])
    # ok: no-event-data-in-shell
    os.system("echo " + record["Sns"]["TopicArn"])
