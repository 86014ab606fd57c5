def handler(event, context):
    # ruleid: no-sensitive-data-in-logs
    print(event)
