import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class FilesStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc');
    const fileSystem = new efs.FileSystem(this, 'Shared', { vpc });
    const accessPoint = fileSystem.addAccessPoint('Data', { path: '/data' });
    const fn = new lambda.Function(this, 'Writer', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'writer.handler',
      code: lambda.Code.fromAsset('src'),
      vpc,
      // The function mounts the file system: Lambda uses the client permissions for it.
      filesystem: lambda.FileSystem.fromEfsAccessPoint(accessPoint, '/mnt/data'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({
      // ok: no-unused-permission
      actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      resources: [fileSystem.fileSystemArn],
    }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      // ruleid: no-unused-permission
      actions: ['sqs:SendMessage'],
      resources: ['arn:aws:sqs:us-east-1:111122223333:jobs'],
    }));
  }
}
