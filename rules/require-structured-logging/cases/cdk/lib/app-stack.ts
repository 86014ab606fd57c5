import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    // ruleid: require-structured-logging
    const plain = new lambda.Function(this, 'Plain', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    const text = new lambda.Function(this, 'Text', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      // ruleid: require-structured-logging
      loggingFormat: lambda.LoggingFormat.TEXT,
    });
    // ok: require-structured-logging
    const json = new lambda.Function(this, 'Json', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      loggingFormat: lambda.LoggingFormat.JSON,
    });
  }
}
