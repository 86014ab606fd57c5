import os
import sqlite3

import mysql.connector
import pg8000
import psycopg
import psycopg2
import pymysql
from psycopg2 import sql
from sqlalchemy import create_engine, text
from django.db import connection
from django.db.models.expressions import RawSQL

from myapp.models import Order

ORDERS_BY_ID = "SELECT * FROM orders WHERE id = %s"
engine = create_engine(os.environ["DB_URL"])


def handler(event, context):
    q = event["queryStringParameters"]
    customer = q["customer"]
    status = q.get("status", "open")

    pg = psycopg2.connect(os.environ["PG_DSN"])
    with pg.cursor() as cur:
        # ruleid: no-event-data-in-sql-query
        cur.execute(f"SELECT * FROM orders WHERE customer = '{customer}'")
        # ruleid: no-event-data-in-sql-query
        cur.execute(f"SELECT * FROM orders WHERE note LIKE '%{q['note']}%' AND code LIKE 'A%' AND status = '{status}'")
        # ok: no-event-data-in-sql-query
        cur.execute("SELECT * FROM orders WHERE customer = %s AND status = %s", (customer, status))
        # ok: no-event-data-in-sql-query
        cur.execute(ORDERS_BY_ID, (q["id"],))
        # ruleid: no-event-data-in-sql-query
        cur.execute(sql.SQL("SELECT * FROM " + q["table"]))
        # ok: no-event-data-in-sql-query
        cur.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(q["table"])))

    my = pymysql.connect(host="db", user="app")
    c = my.cursor()
    # ruleid: no-event-data-in-sql-query
    c.execute("SELECT * FROM orders WHERE status = '%s'" % status)

    cnx = mysql.connector.connect(user="app")
    # ruleid: no-event-data-in-sql-query
    cnx.cursor().execute("DELETE FROM carts WHERE customer = '" + customer + "'")

    conn = pg8000.connect(user="app")
    # ruleid: no-event-data-in-sql-query
    conn.run("SELECT * FROM orders WHERE customer = '{}'".format(customer))

    lite = sqlite3.connect("/tmp/cache.db")
    # ruleid: no-event-data-in-sql-query
    lite.execute(f"SELECT * FROM cache WHERE k = '{customer}'")
    # ok: no-event-data-in-sql-query
    lite.execute("SELECT * FROM cache WHERE k = ?", (customer,))

    with engine.connect() as db:
        # ruleid: no-event-data-in-sql-query
        db.execute(text(f"SELECT * FROM orders WHERE customer = '{customer}'"))
        # ok: no-event-data-in-sql-query
        db.execute(text("SELECT * FROM orders WHERE customer = :c"), {"c": customer})

    # ruleid: no-event-data-in-sql-query
    Order.objects.raw("SELECT * FROM myapp_order WHERE customer = '%s'" % customer)
    # ruleid: no-event-data-in-sql-query
    Order.objects.extra(where=["customer = '" + customer + "'"])
    # ruleid: no-event-data-in-sql-query
    Order.objects.annotate(v=RawSQL("SELECT v FROM t WHERE c = '" + customer + "'", []))
    with connection.cursor() as dj:
        # ruleid: no-event-data-in-sql-query
        dj.execute(f"UPDATE myapp_order SET status = 'x' WHERE customer = '{customer}'")

    with psycopg.connect(os.environ["PG_DSN"]) as pg3:
        # ruleid: no-event-data-in-sql-query
        pg3.execute("SELECT * FROM orders WHERE customer = '" + customer + "'")
    # ruleid: no-event-data-in-sql-query
    engine.execute(f"SELECT * FROM orders WHERE customer = '{customer}'")

    limit = int(q.get("limit", "10"))
    with pg.cursor() as cur:
        # ok: no-event-data-in-sql-query
        cur.execute(f"SELECT * FROM orders LIMIT {limit}")
    return {"statusCode": 200}
