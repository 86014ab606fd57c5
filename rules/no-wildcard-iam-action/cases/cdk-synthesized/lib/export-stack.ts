import * as fs from 'node:fs';
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class ExportStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    // The template (cdk.out) shows what this statement grants: read from a file at synth time.
    // ruleid: no-wildcard-iam-action
    const exporter = new lambda.Function(this, 'Exporter', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    exporter.addToRolePolicy(iam.PolicyStatement.fromJson(JSON.parse(fs.readFileSync('policy.json', 'utf8'))));

    const archiver = new lambda.Function(this, 'Archiver', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    // The same wildcard in the source and in the template: reported once, here.
    // ruleid: no-wildcard-iam-action
    archiver.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
  }
}
