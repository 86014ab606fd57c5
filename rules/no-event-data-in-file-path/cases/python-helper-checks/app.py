import os

ROOT = "/var/task/public"
ALLOWED = {"index.html", "about.html"}


def is_inside(p):
    """True when p is in the public folder."""
    return p.startswith(ROOT + os.sep)


def check_inside(p):
    if not p.startswith(ROOT + os.sep) or "\0" in p:
        raise ValueError("outside the public folder")


def log_only(p):
    if not p.startswith(ROOT):
        return


def safe_path(name):
    resolved = os.path.realpath(os.path.join(ROOT, name))
    if not resolved.startswith(ROOT + os.sep) and resolved != ROOT:
        raise ValueError(f"outside the public folder: {name}")
    return resolved


def leaky_path(name, debug):
    resolved = os.path.realpath(os.path.join(ROOT, name))
    if not resolved.startswith(ROOT + os.sep) and not debug:
        raise ValueError("outside the public folder")
    return resolved


def not_a_path_check(p):
    return len(p) > 0


def handler(event, context):
    params = event["queryStringParameters"]
    name = params["file"]

    resolved = os.path.realpath(os.path.join(ROOT, name))
    if not resolved.startswith(ROOT + os.sep) or "\0" in resolved:
        raise ValueError("bad path")
    # ok: no-event-data-in-file-path
    a = open(resolved).read()

    normal = os.path.normpath(os.path.join(ROOT, name))
    if not is_inside(normal):
        return {"statusCode": 403}
    # ok: no-event-data-in-file-path
    b = open(normal).read()

    checked = os.path.abspath(os.path.join(ROOT, name))
    check_inside(checked)
    # ok: no-event-data-in-file-path
    c = open(checked).read()

    allowed = name in ALLOWED
    if not allowed:
        return {"statusCode": 404}
    # ok: no-event-data-in-file-path
    d = open(ROOT + "/" + name).read()

    flat = params["report"].replace("/", "_")
    # ok: no-event-data-in-file-path
    with open(f"/tmp/reports/{flat}.json", "w") as f:
        f.write("{}")

    # ok: no-event-data-in-file-path
    open(safe_path(params["e"])).read()
    # With debug on, the check is skipped.
    # ruleid: no-event-data-in-file-path
    open(leaky_path(params["f"], True)).read()

    # The helper returns on a failed check instead of raising: the caller goes on either way.
    unchecked = os.path.realpath(os.path.join(ROOT, params["a"]))
    log_only(unchecked)
    # ruleid: no-event-data-in-file-path
    open(unchecked).read()

    raw = params["b"]
    if not is_inside(raw):
        return {"statusCode": 403}
    # A prefix check on a path that was never resolved does not contain `../`.
    # ruleid: no-event-data-in-file-path
    open(raw).read()

    not_checked = params["c"]
    ok = not_a_path_check(not_checked)
    if not ok:
        return {"statusCode": 400}
    # ruleid: no-event-data-in-file-path
    open(ROOT + "/" + not_checked).read()

    # The checked name is replaced after the check: the stored result says nothing about the new one.
    picked = params["g"]
    known = picked in ALLOWED
    picked = params["h"]
    if not known:
        return {"statusCode": 404}
    # ruleid: no-event-data-in-file-path
    open(ROOT + "/" + picked).read()

    # Only the first "/" is replaced.
    once = params["d"].replace("/", "_", 1)
    # ruleid: no-event-data-in-file-path
    open(ROOT + "/" + once).read()

    return {"statusCode": 200, "body": a + b + c + d}
