import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const billing = new lambda.Function(this, 'Billing', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      environment: {
        // ruleid: no-hardcoded-secret
        DB_PASSWORD: 'Sup3rS3cretPassw0rd!',
        // ok: no-hardcoded-secret
        TABLE_NAME: 'billing',
      },
    });
  }
}
