import json
import logging

import boto3
from aws_lambda_powertools.utilities import parameters

logger = logging.getLogger()
session = boto3.session.Session()
secrets = session.client(service_name="secretsmanager")
ssm = boto3.client("ssm")


def lambda_handler(event, context):
    response = secrets.get_secret_value(SecretId="origin-verify")
    # ruleid: no-sensitive-data-in-logs
    logger.info(f"get_secret_value_response {response}")
    # ruleid: no-sensitive-data-in-logs
    print("secret", response["SecretString"])
    creds = json.loads(response["SecretString"])
    # ruleid: no-sensitive-data-in-logs
    logger.debug("password %s", creds["password"])
    # What the response says about the secret is not the secret.
    # ok: no-sensitive-data-in-logs
    logger.info("read version %s of %s", response["VersionId"], response["ARN"])
    # ruleid: no-sensitive-data-in-logs
    print(parameters.get_secret("api-key"))
    key = ssm.get_parameter(Name="/app/key", WithDecryption=True)["Parameter"]["Value"]
    # ruleid: no-sensitive-data-in-logs
    logger.info("key: " + key)
    # Not decrypted: a plain parameter's value.
    # ok: no-sensitive-data-in-logs
    print(ssm.get_parameter(Name="/app/stage")["Parameter"]["Value"])
    report("bad request", event["headers"])
    report("no headers", {})
    return {"statusCode": 200}


def report(message, headers):
    # The headers a call passes: every request header.
    # ruleid: no-sensitive-data-in-logs
    print(f"ERROR: {message} headers: {str(headers)}")
    # ok: no-sensitive-data-in-logs
    print(message)


def login(cognito, user):
    # Another function's `response`: not the secret.
    response = cognito.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", AuthParameters=user)
    expires_in = response["AuthenticationResult"]["ExpiresIn"]
    # ok: no-sensitive-data-in-logs
    print("token expires in", expires_in)


def rotate(client, arn, token):
    response = client.get_secret_value(SecretId=arn, VersionStage="AWSCURRENT")
    client.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=response["SecretString"] + "!")
    # Reassigned: what put_secret_value returns is the secret's ARN, name and version.
    response = client.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString="x")
    # ok: no-sensitive-data-in-logs
    print(response)
