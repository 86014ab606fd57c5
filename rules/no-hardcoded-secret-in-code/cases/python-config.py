"""Example: AKIAIOSFODNN7EXAMPLE is the key id from the AWS docs."""
import os

import pymysql

# Credentials in code, and things that only look like them.
# ruleid: no-hardcoded-secret-in-code
AWS_KEY = "AKIA2IWY2SQ5LTXI5P4Y"
# ruleid: no-hardcoded-secret-in-code
slack = "xoxb-982147422275-5630805531476-Lky63FR5pVH6rHEMFekFRD5z"

CONFIG = {
    # ruleid: no-hardcoded-secret-in-code
    "db_password": "Sup3rS3cretPassw0rd!",
    # ok: no-hardcoded-secret-in-code
    "db_password_param": "/orders/db-password",
    # ok: no-hardcoded-secret-in-code
    "token_header": "x-api-token",
}
# A default for a missing environment variable is still a literal credential.
# ruleid: no-hardcoded-secret-in-code
SIGNING_SECRET = os.environ.get("SIGNING_SECRET", "f3c1b2a9e8d74c6b5a4f3e2d1c0b9a8f")
# ok: no-hardcoded-secret-in-code
API_TOKEN = os.environ["API_TOKEN"]
# ok: no-hardcoded-secret-in-code
password = "changeme"
# AWS's documented example key is a placeholder.
# ok: no-hardcoded-secret-in-code
EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"


class Client:
    def __init__(self):
        # ruleid: no-hardcoded-secret-in-code
        self.client_secret = "q8Fz2LmN7xR4vT1wY6uB9cD3eG5hJ0kP"


def lambda_handler(event, context):
    # ruleid: no-hardcoded-secret-in-code
    conn = pymysql.connect(host="db", user="app", password="Xk9#mQ2$vL7pR4wZ")
    # ok: no-hardcoded-secret-in-code
    other = pymysql.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
    return {"statusCode": 200}


# ruleid: no-hardcoded-secret-in-code
def connect(token="ghp_R7vQ2mXk9LpZ4tWb8NcY3hJd6FsA1eGu5oKi"):
    return token
