import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    const logs = new cdk.aws_logs.LogGroup(this, 'AccessLogs');
    // ruleid: require-api-access-logging
    new apigw.LambdaRestApi(this, 'Unlogged', { handler });
    // ok: require-api-access-logging
    new apigw.LambdaRestApi(this, 'Logged', {
      handler,
      deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(logs) },
    });
  }
}
