import { Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface PreviewProps extends StackProps {
  publicPreview: boolean;
}

export class PreviewStack extends Stack {
  constructor(scope: Construct, id: string, props: PreviewProps) {
    super(scope, id, props);

    const preview = new lambda.Function(this, 'Preview', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });

    preview.addFunctionUrl({
      // ruleid: no-public-function-url
      authType: lambda.FunctionUrlAuthType.NONE,
    });

    // ok: no-public-function-url
    preview.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    // ok: no-public-function-url
    preview.addFunctionUrl();

    new lambda.FunctionUrl(this, 'AdminUrl', {
      function: preview,
      // ruleid: no-public-function-url
      authType: lambda.FunctionUrlAuthType.NONE,
    });
  }
}
