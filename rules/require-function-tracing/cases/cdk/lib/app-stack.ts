import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    // ruleid: require-function-tracing
    const untraced = new lambda.Function(this, 'Untraced', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    const passthrough = new lambda.Function(this, 'Passthrough', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      // ruleid: require-function-tracing
      tracing: lambda.Tracing.PASS_THROUGH,
    });
    // ok: require-function-tracing
    const traced = new lambda.Function(this, 'Traced', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      tracing: lambda.Tracing.ACTIVE,
    });
  }
}
