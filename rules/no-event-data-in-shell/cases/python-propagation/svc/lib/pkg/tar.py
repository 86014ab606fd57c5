import os


def archive(path):
    # ruleid: no-event-data-in-shell
    os.system("tar cf out.tar " + path)
