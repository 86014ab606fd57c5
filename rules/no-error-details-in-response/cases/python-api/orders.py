import json
import logging
import traceback

from botocore.exceptions import ClientError

logger = logging.getLogger()


class OrderError(Exception):
    pass


def error_response(status, detail):
    return {"statusCode": status, "body": json.dumps({"error": detail})}


def handler(event, context):
    route = event["rawPath"]
    try:
        order = json.loads(event["body"])
        save(order)
    except OrderError as e:
        # An error raised on purpose, for the caller.
        # ok: no-error-details-in-response
        return {"statusCode": 400, "body": json.dumps({"error": str(e)})}
    except ValueError as e:
        # ok: no-error-details-in-response
        return error_response(400, f"invalid order: {e}")
    except ClientError as e:
        # ruleid: no-error-details-in-response
        return error_response(502, e.response["Error"]["Message"])
    except Exception as e:
        logger.exception("unexpected")
        if route == "/debug":
            # ruleid: no-error-details-in-response
            return {"statusCode": 500, "body": traceback.format_exc()}
        if isinstance(e, KeyError):
            # ok: no-error-details-in-response
            return {"statusCode": 400, "body": f"missing {e}"}
        # ruleid: no-error-details-in-response
        return {"statusCode": 500, "body": json.dumps({"message": "internal error", "detail": str(e)})}
    try:
        notify(order)
    except Exception as e:
        # An HTTP API sends a value with no statusCode as the body itself.
        # ruleid: no-error-details-in-response
        return {"ok": False, "reason": repr(e)}
    try:
        notify(order)
    except Exception:
        logger.exception("notify failed")
        # ok: no-error-details-in-response
        return {"statusCode": 500, "body": json.dumps({"message": "internal error", "requestId": "r-1"})}
    return {"statusCode": 200, "body": "saved"}


def save(order):
    raise OrderError("no items")


def notify(order):
    pass
