import json
import re
import uuid
from decimal import Decimal
from enum import Enum
from typing import Literal, Optional

import psycopg2
from pydantic import BaseModel, conint

conn = psycopg2.connect("dbname=reports")
SORTABLE = ("created", "total")


class Region(str, Enum):
    EU = "eu"
    US = "us"


class ReportRequest(BaseModel):
    order: Literal["asc", "desc"]
    limit: conint(gt=0, le=100)
    region: Region
    since: Optional[int] = None
    title: str


def handler(event, context):
    body = json.loads(event["body"])
    req = ReportRequest(**body)
    cur = conn.cursor()
    # ok: no-event-data-in-sql-query
    cur.execute(f"SELECT * FROM r WHERE region = '{req.region}' ORDER BY created {req.order} LIMIT {req.limit}")
    # A str field of the model is still whatever the caller sent.
    # ruleid: no-event-data-in-sql-query
    cur.execute(f"SELECT * FROM r WHERE title = '{req.title}'")
    other = ReportRequest.model_validate(body)
    # ok: no-event-data-in-sql-query
    cur.execute(f"SELECT * FROM r WHERE since > {other.since}")

    # ok: no-event-data-in-sql-query
    cur.execute(f"SELECT * FROM r WHERE id = '{uuid.UUID(body['id'])}'")
    # ok: no-event-data-in-sql-query
    cur.execute(f"SELECT * FROM r WHERE total > {Decimal(body['min'])} AND ratio < {float(body['ratio'])}")

    sort = body.get("sort")
    if sort not in SORTABLE:
        return {"statusCode": 400}
    # ok: no-event-data-in-sql-query
    cur.execute("SELECT * FROM r ORDER BY " + sort)

    code = body["code"]
    if not re.fullmatch(r"[A-Z]{3}", code):
        return {"statusCode": 400}
    # ok: no-event-data-in-sql-query
    cur.execute(f"SELECT * FROM r WHERE code = '{code}'")

    page = body["page"]
    if not isinstance(page, int):
        return {"statusCode": 400}
    # ok: no-event-data-in-sql-query
    cur.execute(f"SELECT * FROM r OFFSET {page}")

    digits = body["digits"]
    if digits.isdigit():
        # ok: no-event-data-in-sql-query
        cur.execute("SELECT * FROM r WHERE n = " + digits)
    # ruleid: no-event-data-in-sql-query
    cur.execute("SELECT * FROM r WHERE n = " + digits)

    # A check that does not anchor the pattern lets anything after the match through.
    if re.match(r"[a-z]+", body["slug"]):
        # ruleid: no-event-data-in-sql-query
        cur.execute(f"SELECT * FROM r WHERE slug = '{body['slug']}'")
    return {"statusCode": 200}
