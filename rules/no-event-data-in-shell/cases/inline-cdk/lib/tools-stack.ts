import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

export class ToolsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const ping = new lambda.Function(this, 'Ping', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'index.handler',
      code: lambda.Code.fromInline(`
import subprocess
def handler(event, context):
    host = event["queryStringParameters"]["host"]
    # ruleid: no-event-data-in-shell
    out = subprocess.check_output("ping -c 1 " + host, shell=True)
    # ok: no-event-data-in-shell
    out2 = subprocess.check_output(["ping", "-c", "1", host])
    return {"statusCode": 200, "body": out + out2}
`),
    });
    new apigw.LambdaRestApi(this, 'Api', { handler: ping });
  }
}
