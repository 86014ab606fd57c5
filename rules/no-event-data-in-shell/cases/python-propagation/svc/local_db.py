import os


def run_query(q):
    # ruleid: no-event-data-in-shell
    os.system("psql -c " + q)
