import os
import urllib.request
from urllib.parse import quote

import boto3
import httpx
import requests
import urllib3

ALLOWED_HOSTS = {"api.example.com", "cdn.example.com"}
http = urllib3.PoolManager()
s3 = boto3.client("s3")


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    url = params.get("url")
    # ruleid: no-event-data-in-outbound-request
    requests.get(url, timeout=5)
    # ruleid: no-event-data-in-outbound-request
    requests.post(url=url, json={})
    # ruleid: no-event-data-in-outbound-request
    urllib.request.urlopen(url)
    # ruleid: no-event-data-in-outbound-request
    httpx.get("https://" + params["host"] + "/status")
    # ruleid: no-event-data-in-outbound-request
    http.request("GET", url)
    # ruleid: no-event-data-in-outbound-request
    s3.generate_presigned_url("get_object", Params={"Bucket": params["bucket"], "Key": "report.csv"})
    # ruleid: no-event-data-in-outbound-request
    s3.get_object(Bucket=params["bucket"], Key="report.csv")

    # ruleid: no-event-data-in-outbound-request
    req = urllib.request.Request(url, method="HEAD")
    # The request was reported where its URL was set; the data sent is not where it goes.
    # ok: no-event-data-in-outbound-request
    urllib.request.urlopen(req)
    # ok: no-event-data-in-outbound-request
    urllib.request.urlopen(urllib.request.Request("https://api.example.com/events", data=str(params).encode()))

    # The key is data inside the function's own bucket.
    # ok: no-event-data-in-outbound-request
    s3.get_object(Bucket=os.environ["BUCKET"], Key=params["key"])
    # ok: no-event-data-in-outbound-request
    requests.get("https://api.example.com/items/" + quote(params["id"], safe=""))
    host = params.get("host")
    if host not in ALLOWED_HOSTS:
        return {"statusCode": 400}
    # ok: no-event-data-in-outbound-request
    requests.get(f"https://{host}/health")
    return {"statusCode": 200}
