import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    // ruleid: require-log-retention
    const forever = new lambda.Function(this, 'Forever', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    // ok: require-log-retention
    const kept = new lambda.Function(this, 'Kept', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      logRetention: logs.RetentionDays.ONE_MONTH,
    });
    // ok: require-log-retention
    const grouped = new lambda.Function(this, 'Grouped', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      logGroup: new logs.LogGroup(this, 'GroupedLogs', { retention: logs.RetentionDays.ONE_WEEK }),
    });
    // ok: require-log-retention
    const defaulted = new lambda.Function(this, 'Defaulted', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      logGroup: new logs.LogGroup(this, 'DefaultLogs'),
    });
    // ruleid: require-log-retention
    const audit = new logs.LogGroup(this, 'Audit', {
      retention: logs.RetentionDays.INFINITE,
    });
    const audited = new lambda.Function(this, 'Audited', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      logGroup: audit,
    });
  }
}
