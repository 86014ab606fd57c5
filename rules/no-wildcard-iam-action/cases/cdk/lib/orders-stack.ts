import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

const QUEUE_ACTIONS = [
  // ruleid: no-wildcard-iam-action
  'sqs:*',
];

function worker(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset('lambda'),
  });
}

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const fn = worker(this, 'Worker');

    fn.addToRolePolicy(new iam.PolicyStatement({
      // ruleid: no-wildcard-iam-action
      actions: ['dynamodb:*', 'logs:PutLogEvents'],
      resources: [table.tableArn],
    }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      // ok: no-wildcard-iam-action
      actions: ['s3:Get*', 's3:List*'],
      resources: ['*'],
    }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      // ok: no-wildcard-iam-action
      actions: ['s3:*'],
      resources: ['*'],
    }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: QUEUE_ACTIONS, resources: ['*'] }));
    // A grant names the actions aws-cdk-lib adds, none of them a wildcard.
    // ok: no-wildcard-iam-action
    table.grantReadWriteData(fn);
  }
}
