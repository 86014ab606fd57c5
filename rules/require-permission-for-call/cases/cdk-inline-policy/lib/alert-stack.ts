import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class AlertStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const fn = new lambda.Function(this, 'Alert', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'app.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    // A policy attached to the function's role (through `role?.`): its statements are the role's.
    fn.role?.attachInlinePolicy(
      new iam.Policy(this, 'PublishPolicy', {
        statements: [new iam.PolicyStatement({ actions: ['iot:Publish'], resources: ['arn:aws:iot:us-east-1:111122223333:topic/alerts'] })],
      }),
    );
  }
}
