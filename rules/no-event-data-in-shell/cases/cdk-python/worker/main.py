import subprocess


def handler(event, context):
    for record in event["Records"]:
        # ruleid: no-event-data-in-shell
        subprocess.run("convert " + record["body"], shell=True)
        # The message id is SQS's own.
        # ok: no-event-data-in-shell
        subprocess.run("echo " + record["messageId"], shell=True)
