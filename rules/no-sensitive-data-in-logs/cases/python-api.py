import json
import logging
import os

from aws_lambda_powertools import Logger

logger = Logger()
log = logging.getLogger()
API_TOKEN = os.environ["API_TOKEN"]
TABLE_NAME = os.environ.get("TABLE_NAME")


@logger.inject_lambda_context(
    # ruleid: no-sensitive-data-in-logs
    log_event=True,
)
def lambda_handler(event, context):
    # ruleid: no-sensitive-data-in-logs
    print(event)
    # ruleid: no-sensitive-data-in-logs
    logger.info(json.dumps(event, indent=2))
    # ruleid: no-sensitive-data-in-logs
    log.info("received %s", event)
    # ok: no-sensitive-data-in-logs
    logger.info("path %s request %s", event["rawPath"], context.aws_request_id)
    headers = event["headers"]
    # ruleid: no-sensitive-data-in-logs
    logger.debug(f"headers: {headers}")
    # ruleid: no-sensitive-data-in-logs
    logging.warning("auth %s", event["headers"].get("Authorization"))
    # ok: no-sensitive-data-in-logs
    logger.info("content type", extra={"type": headers.get("content-type")})
    # ruleid: no-sensitive-data-in-logs
    print(dict(os.environ))
    # ruleid: no-sensitive-data-in-logs
    logger.info("calling the API with " + API_TOKEN)
    # ruleid: no-sensitive-data-in-logs
    print("db password", os.getenv("DB_PASSWORD"))
    # A secret's ARN or a table name is not a secret.
    # ok: no-sensitive-data-in-logs
    print("table", TABLE_NAME, os.environ["DB_SECRET_ARN"])
    body = json.loads(event["body"])
    # A value parsed from the body is not the whole event.
    # ok: no-sensitive-data-in-logs
    logger.info("order", extra={"order": body})
    # ok: no-sensitive-data-in-logs
    logger.info("keys %s", list(redact(event)))
    return {"statusCode": 204}


def redact(event):
    return {k: "***" for k in event}
