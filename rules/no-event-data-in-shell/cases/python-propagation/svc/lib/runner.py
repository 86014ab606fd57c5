import os


def run_tool(name):
    # ruleid: no-event-data-in-shell
    os.popen("tool " + name)
