import base64
import json
import os
import subprocess
from urllib.parse import unquote_plus

import utils
from .local_db import run_query
from lib.runner import run_tool
from lib.pkg import archive

PREFIX = "gzip "
DEFAULT_CMD = "uptime"


class Job:
    def __init__(self, target):
        self.target = target

    def command(self):
        return "tar czf out.tgz " + self.target


def build(arg):
    return "zip -r out.zip " + arg


def do_zip(path):
    # ruleid: no-event-data-in-shell
    os.system("zip -r out.zip " + path)


def do_tar(path):
    # ruleid: no-event-data-in-shell
    os.system("tar czf out.tgz " + path)


ACTIONS = {"zip": do_zip, "tar": do_tar}


def main(event, context):
    params = event.get("queryStringParameters") or {}
    raw = event["body"]
    data = json.loads(raw)
    target = data["target"]

    cmd = "ls "
    cmd += target
    # ruleid: no-event-data-in-shell
    os.system(cmd)

    first, second = target, "fixed"
    # ruleid: no-event-data-in-shell
    os.system("cat " + first)
    # ok: no-event-data-in-shell
    os.system("cat " + second)

    # ruleid: no-event-data-in-shell
    os.system("echo {}".format(params.get("q")))
    # ruleid: no-event-data-in-shell
    os.system(format(target, ">10"))
    # ruleid: no-event-data-in-shell
    os.system(" ".join(["rm", target]))
    # ruleid: no-event-data-in-shell
    os.system(target.strip().lower())

    decoded = base64.b64decode(data["blob"]).decode("utf-8")
    # ruleid: no-event-data-in-shell
    os.system("unzip " + decoded)
    # ruleid: no-event-data-in-shell
    os.system("wget " + unquote_plus(params["url"]))

    names = [t.strip() for t in target.split(",")]
    for n in names:
        # ruleid: no-event-data-in-shell
        os.system("touch " + n)
    by_key = {k: v for k, v in data.items()}
    # ruleid: no-event-data-in-shell
    os.system("echo " + by_key["x"])

    with open("/tmp/log", "w") as log:
        # ruleid: no-event-data-in-shell
        os.system("echo " + data["message"])

    wrap = lambda s: "sh -c " + s
    # ruleid: no-event-data-in-shell
    os.system(wrap(target))

    # ruleid: no-event-data-in-shell
    os.system(build(target))
    # ok: no-event-data-in-shell
    os.system(build("static.txt"))
    # ruleid: no-event-data-in-shell
    subprocess.run(Job(target).command(), shell=True)

    # A dispatch table: any of its functions may run.
    ACTIONS[data["action"]](target)
    ACTIONS.get(params.get("action"), do_zip)(target)
    utils.run_cmd(target)
    run_query(target)
    run_tool(target)
    archive(target)
    # ok: no-event-data-in-shell
    os.system(PREFIX + DEFAULT_CMD)
    return {"statusCode": 200}
