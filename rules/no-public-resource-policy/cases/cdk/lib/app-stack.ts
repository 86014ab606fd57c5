import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const hook = new lambda.Function(this, 'Hook', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    hook.addPermission('Anyone', {
      // ruleid: no-public-resource-policy
      principal: new iam.AnyPrincipal(),
    });
    hook.addPermission('S3', {
      // ruleid: no-public-resource-policy
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
    });
    hook.addPermission('S3Scoped', {
      // ok: no-public-resource-policy
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
      sourceAccount: this.account,
    });
    const bucket = new s3.Bucket(this, 'Site', {
      // ruleid: no-public-resource-policy
      publicReadAccess: true,
    });
  }
}
