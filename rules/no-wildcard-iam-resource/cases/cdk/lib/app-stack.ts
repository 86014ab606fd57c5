import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const api = new lambda.Function(this, 'Api', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    api.addToRolePolicy(new iam.PolicyStatement({
      actions: ['dynamodb:PutItem'],
      // ruleid: no-wildcard-iam-resource
      resources: ['*'],
    }));
    api.addToRolePolicy(new iam.PolicyStatement({
      actions: ['xray:PutTraceSegments'],
      // ok: no-wildcard-iam-resource
      resources: ['*'],
    }));
    // ok: no-wildcard-iam-resource
    table.grantReadData(api);
  }
}
