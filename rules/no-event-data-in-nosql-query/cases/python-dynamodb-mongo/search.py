import json
import os

import boto3
import pymongo
from boto3.dynamodb.conditions import Attr, Key

dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ["TABLE"])
client = boto3.client("dynamodb")
mongo = pymongo.MongoClient(os.environ["MONGO_URL"])
orders = mongo.shop.orders


def handler(event, context):
    body = json.loads(event["body"])
    status = body["status"]

    # ruleid: no-event-data-in-nosql-query
    table.scan(FilterExpression=f"status = {status}")
    # ruleid: no-event-data-in-nosql-query
    client.query(TableName="orders", KeyConditionExpression="pk = " + body["pk"])
    # ruleid: no-event-data-in-nosql-query
    client.execute_statement(Statement=f"SELECT * FROM orders WHERE pk = '{body['pk']}'")
    # The whole request comes from the caller: it picks the table, the key and the filter.
    # ruleid: no-event-data-in-nosql-query
    table.query(**body)

    # ok: no-event-data-in-nosql-query
    table.scan(FilterExpression=Attr("status").eq(status))
    # ok: no-event-data-in-nosql-query
    table.query(KeyConditionExpression=Key("pk").eq(body["pk"]))
    # ok: no-event-data-in-nosql-query
    client.query(TableName="orders", KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": {"S": body["pk"]}})
    # ok: no-event-data-in-nosql-query
    client.execute_statement(Statement="SELECT * FROM orders WHERE pk = ?", Parameters=[{"S": body["pk"]}])

    # ruleid: no-event-data-in-nosql-query
    orders.find({"$where": "this.total > " + body["min"]})
    # A filter parsed from the body can hold operators ({"$ne": null}).
    # ruleid: no-event-data-in-nosql-query
    orders.find_one(json.loads(event["body"]))
    # ok: no-event-data-in-nosql-query
    orders.find_one({"customer": str(body["customer"])})
    return {"statusCode": 200}
