import os
from aws_lambda_powertools.utilities.data_classes import S3Event, event_source


@event_source(data_class=S3Event)
def handler(event: S3Event, context):
    for record in event.records:
        # ruleid: no-event-data-in-shell
        os.system("file /tmp/" + record.s3.get_object.key)
    # ruleid: no-event-data-in-shell
    os.system("file /tmp/" + event.object_key)
    # ok: no-event-data-in-shell
    os.system("echo " + event.bucket_name)
    again = S3Event(event.raw_event)
    # ruleid: no-event-data-in-shell
    os.system("file /tmp/" + again.records[0].s3.get_object.key)
