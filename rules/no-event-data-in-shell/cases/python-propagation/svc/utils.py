import subprocess


def run_cmd(value):
    # ruleid: no-event-data-in-shell
    subprocess.call("echo " + value, shell=True)


def unused(value):
    # ok: no-event-data-in-shell
    subprocess.call("echo " + value, shell=True)
