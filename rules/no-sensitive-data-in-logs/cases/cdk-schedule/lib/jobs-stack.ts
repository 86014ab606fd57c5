import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';

export class JobsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const nightly = new lambda.Function(this, 'Nightly', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'nightly.handler',
      code: lambda.Code.fromAsset('src'),
    });
    const role = new iam.Role(this, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    nightly.grantInvoke(role);
    // The L1 schedule is the function's only trigger: its event is EventBridge Scheduler's own.
    new CfnSchedule(this, 'Every5Minutes', {
      flexibleTimeWindow: { mode: 'OFF' },
      scheduleExpression: 'rate(5 minutes)',
      target: { arn: nightly.functionArn, roleArn: role.roleArn },
    });
  }
}
