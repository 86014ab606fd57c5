import json
import logging
import sys
import traceback

from aws_lambda_powertools import Logger

logger = Logger()


def lambda_handler(event, context):
    body = event.get("body")
    try:
        data = json.loads(body)
    # ruleid: no-swallowed-errors
    except:
        pass

    try:
        save(data)
    # ruleid: no-swallowed-errors
    except Exception:
        return None

    try:
        save(data)
    # ruleid: no-swallowed-errors
    except Exception as e:
        return {"statusCode": 500, "body": json.dumps({"message": "internal error"})}

    try:
        save(data)
    # ruleid: no-swallowed-errors
    except (ValueError, Exception): pass

    # An expected outcome, handled: EAFP.
    try:
        value = data["key"]
    # ok: no-swallowed-errors
    except KeyError:
        value = None

    try:
        save(data)
    # ok: no-swallowed-errors
    except Exception:
        logger.exception("save failed")

    try:
        save(data)
    # ok: no-swallowed-errors
    except Exception as e:
        logging.error("save failed: %s", e)

    try:
        save(data)
    # ok: no-swallowed-errors
    except Exception:
        traceback.print_exc()

    try:
        save(data)
    # ok: no-swallowed-errors
    except Exception as e:
        raise RuntimeError("save failed") from e

    try:
        save(data)
    # ok: no-swallowed-errors
    except Exception as e:
        return {"statusCode": 500, "body": json.dumps({"error": type(e).__name__, "detail": report(e)})}

    try:
        save(data)
    # ok: no-swallowed-errors
    except Exception as e:
        print(f"save failed: {e}", file=sys.stderr)
    finally:
        try:
            data.close()
        # Best-effort cleanup.
        # ok: no-swallowed-errors
        except Exception:
            pass
    return {"statusCode": 200}


def batch(event, context):
    failures = []
    seen = []
    for record in event["Records"]:
        try:
            save(record["body"])
        # A partial batch response: Lambda retries the message, then sends it to the dead-letter queue.
        # ok: no-swallowed-errors
        except Exception:
            failures.append({"itemIdentifier": record["messageId"]})
        try:
            save(record["body"])
        # Counting is not reporting the failure.
        # ruleid: no-swallowed-errors
        except Exception:
            seen.append(1)
    return {"batchItemFailures": failures}


def parse_or_default(text):
    # Not JSON is an answer, not an incident: the clause gives the fallback value.
    try:
        value = json.loads(text)
    # ok: no-swallowed-errors
    except Exception:
        value = None
    try:
        return bool(0 == value * 0)
    # ok: no-swallowed-errors
    except:
        return False


def load_or_default(key):
    # A failed call (I/O, an AWS call) is an incident, even with a fallback.
    try:
        value = save(key)
    # ruleid: no-swallowed-errors
    except Exception:
        value = None
    return value


def save(data):
    pass


def is_number(x):
    # A probe: the try body only computes, and its failure is the answer.
    try:
        return bool(0 == x * 0)
    # ok: no-swallowed-errors
    except:
        return False


def previous_zip(physical_id):
    try:
        existing = json.loads(physical_id)
    # ok: no-swallowed-errors
    except:
        existing = ""
    return existing


def fetch(url):
    # A call that does I/O is not a probe: its failures are lost.
    try:
        return json.loads(download(url))
    # ruleid: no-swallowed-errors
    except:
        return None


def report(e):
    return "reported"
