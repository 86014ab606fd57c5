import os
import jwt


def handler(event, context):
    token = event["headers"].get("authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, os.environ["PUBLIC_KEY"], algorithms=["RS256"], audience="shop")
    return {"statusCode": 200, "body": claims["sub"]}
