import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export class SeedStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const onEvent = new lambda.Function(this, 'Seeder', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'seed.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    const provider = new cr.Provider(this, 'SeedProvider', { onEventHandler: onEvent });
    new cdk.CustomResource(this, 'Seed', { serviceToken: provider.serviceToken, properties: { Url: 'https://seed.example.com/data.json' } });
  }
}
