import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';

interface WorkerProps extends cdk.StackProps {
  codeDir: string;
}

export class WorkerStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props);
    const jobs = new sqs.Queue(this, 'Jobs');
    const worker = new lambda.Function(this, 'Convert', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'convert.handler',
      code: lambda.Code.fromAsset(props.codeDir),
    });
    worker.addEventSource(new SqsEventSource(jobs));
  }
}
