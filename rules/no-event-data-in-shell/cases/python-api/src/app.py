import os
import pty
import re
import shlex
import subprocess
import json
from subprocess import Popen, getoutput

from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

ALLOWED_FORMATS = {"png", "jpeg", "webp"}
TOOL = "convert"


def lambda_handler(event, context):
    body = json.loads(event["body"])
    name = body["name"]
    fmt = body.get("format", "png")
    width = body.get("width")

    # ruleid: no-event-data-in-shell
    os.system("convert /tmp/" + name + " out.png")
    # ruleid: no-event-data-in-shell
    os.popen(f"identify {name}").read()
    # ruleid: no-event-data-in-shell
    subprocess.run(f"convert {name} out.png", shell=True, check=True)
    # ruleid: no-event-data-in-shell
    subprocess.check_output("file %s" % name, shell=True)
    # ruleid: no-event-data-in-shell
    getoutput("du -sh " + name)
    # ruleid: no-event-data-in-shell
    subprocess.run(["bash", "-c", "gzip " + name])
    # ruleid: no-event-data-in-shell
    Popen(name)
    # ruleid: no-event-data-in-shell
    pty.spawn(["sh", "-c", name])
    api = APIGatewayProxyEvent(event)
    # ruleid: no-event-data-in-shell
    os.system("echo " + api.body)
    # ruleid: no-event-data-in-shell
    os.system("echo " + api.get_header_value("x-name"))
    # ok: no-event-data-in-shell
    os.system("echo " + api.request_context.request_id)

    # An argument list without a shell: the arguments are not parsed by a shell.
    # ok: no-event-data-in-shell
    subprocess.run(["convert", name, "out.png"], check=True)
    # ok: no-event-data-in-shell
    subprocess.run("convert " + shlex.quote(name) + " out.png", shell=True)
    # ok: no-event-data-in-shell
    os.system("convert in.png -resize %dx out.png" % int(width))
    # ok: no-event-data-in-shell
    subprocess.run(f"{TOOL} --version", shell=True)

    if fmt not in ALLOWED_FORMATS:
        return {"statusCode": 400, "body": "unsupported format"}
    # ok: no-event-data-in-shell
    os.system(f"convert in.png out.{fmt}")

    if not re.fullmatch(r"[a-z0-9_-]+", name):
        return {"statusCode": 400, "body": "bad name"}
    # ok: no-event-data-in-shell
    os.system("convert /tmp/" + name + " out.png")
    return {"statusCode": 200, "body": "converted"}
