def handler(event, context):
    # The message says what an SQS event holds, not request headers and tokens.
    # ruleid: no-sensitive-data-in-logs
    print("batch:", event)
    for record in event["Records"]:
        # ok: no-sensitive-data-in-logs
        print("message", record["messageId"])
