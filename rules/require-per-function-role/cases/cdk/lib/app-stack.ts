import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    // ruleid: require-per-function-role
    const shared = new iam.Role(this, 'Shared', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    shared.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: ['*'] }));
    const create = new lambda.Function(this, 'Create', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      role: shared,
    });
    const update = new lambda.Function(this, 'Update', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      role: shared,
    });
    // Each function without a role gets its own.
    // ok: require-per-function-role
    const solo = new lambda.Function(this, 'Solo', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    solo.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: ['*'] }));
  }
}
