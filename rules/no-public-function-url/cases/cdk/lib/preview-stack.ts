import { Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface PreviewProps extends StackProps {
  publicPreview: boolean;
}

/** A function with the code of this app, and nothing else set. */
function fn(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset('lambda'),
  });
}

export class PreviewStack extends Stack {
  constructor(scope: Construct, id: string, props: PreviewProps) {
    super(scope, id, props);

    fn(this, 'Preview').addFunctionUrl({
      // ruleid: no-public-function-url
      authType: lambda.FunctionUrlAuthType.NONE,
    });

    // ok: no-public-function-url
    fn(this, 'Signed').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    // ok: no-public-function-url
    fn(this, 'Defaulted').addFunctionUrl();

    new lambda.FunctionUrl(this, 'AdminUrl', {
      function: fn(this, 'Admin'),
      // ruleid: no-public-function-url
      authType: lambda.FunctionUrlAuthType.NONE,
    });
  }
}
