"""Exports a customer's invoices as a zipped CSV file."""
import csv
import json
import sqlite3
import subprocess

DB_PATH = "/tmp/invoices.db"


def handler(event, context):
    body = json.loads(event["body"])
    customer = body["customer"]
    conn = sqlite3.connect(DB_PATH)
    rows = conn.execute(f"SELECT id, total FROM invoices WHERE customer = '{customer}'").fetchall()
    with open("/tmp/invoices.csv", "w", newline="") as out:
        csv.writer(out).writerows(rows)
    try:
        subprocess.run(f"zip /tmp/{customer}.zip /tmp/invoices.csv", shell=True, check=True)
    except Exception:
        pass
    return {"statusCode": 200, "body": json.dumps({"invoices": len(rows)})}
