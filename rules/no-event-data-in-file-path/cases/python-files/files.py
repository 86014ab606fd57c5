import base64
import io
import os
import shutil
import tarfile
from pathlib import Path

BASE = "/var/task/files"


def handler(event, context):
    name = event["pathParameters"]["name"]

    # ruleid: no-event-data-in-file-path
    with open(os.path.join(BASE, name)) as f:
        content = f.read()
    # ruleid: no-event-data-in-file-path
    data = (Path(BASE) / name).read_text()
    # ruleid: no-event-data-in-file-path
    shutil.copy("/tmp/" + name, "/tmp/copy")
    # ruleid: no-event-data-in-file-path
    os.remove(f"/tmp/{name}")

    # ok: no-event-data-in-file-path
    with open(os.path.join(BASE, os.path.basename(name))) as f:
        content = f.read()

    real = os.path.realpath(os.path.join(BASE, name))
    if not real.startswith(BASE + os.sep):
        return {"statusCode": 403}
    # ok: no-event-data-in-file-path
    with open(real) as f:
        content = f.read()

    resolved = (Path(BASE) / name).resolve()
    if not resolved.is_relative_to(BASE):
        return {"statusCode": 403}
    # ok: no-event-data-in-file-path
    data = resolved.read_text()

    upload = tarfile.open(fileobj=io.BytesIO(base64.b64decode(event["body"])))
    # A member named ../../var/task/app.py is written outside /tmp/out.
    # ruleid: no-event-data-in-file-path
    upload.extractall("/tmp/out")
    # ok: no-event-data-in-file-path
    upload.extractall("/tmp/out", filter="data")
    return {"statusCode": 200, "body": content + data}
