import logging

log = logging.getLogger(__name__)


def notify(job):
    try:
        send(job)
    # ruleid: no-swallowed-errors
    except BaseException:
        pass


def send(job):
    return job
