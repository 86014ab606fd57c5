import settings


def lambda_handler(event, context):
    return {"statusCode": 200, "body": settings.REGION}
