import re

NAME = re.compile(r"^[a-z]+$")


def handler(event, context):
    q = event["queryStringParameters"]["q"]
    text = event["body"]
    # ruleid: no-event-data-in-regexp
    re.compile(q)
    # ruleid: no-event-data-in-regexp
    re.search("(" + q + ")+", text)
    # ruleid: no-event-data-in-regexp
    re.sub(pattern=q, repl="", string=text)
    # The pattern is fixed; the event data is only the text searched.
    # ok: no-event-data-in-regexp
    re.findall(r"\d+", q)
    # ok: no-event-data-in-regexp
    re.search(re.escape(q), text)
    # ok: no-event-data-in-regexp
    NAME.match(q)
    return {"statusCode": 200}
