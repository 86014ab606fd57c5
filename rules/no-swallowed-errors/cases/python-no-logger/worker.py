#!/usr/bin/env python3
"""Processes jobs."""
import json

from helpers import notify


def handler(event, context):
    for record in event["Records"]:
        try:
            job = json.loads(record["body"])
            notify(job)
        # ruleid: no-swallowed-errors
        except Exception:
            continue
