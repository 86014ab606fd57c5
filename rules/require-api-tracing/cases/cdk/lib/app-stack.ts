import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    // ruleid: require-api-tracing
    const api = new apigw.RestApi(this, 'Shop', { restApiName: 'shop' });
    api.root.addResource('items').addMethod('GET', new apigw.LambdaIntegration(handler));
    // ok: require-api-tracing
    new apigw.LambdaRestApi(this, 'Traced', {
      handler,
      deployOptions: { tracingEnabled: true, loggingLevel: apigw.MethodLoggingLevel.ERROR },
    });
  }
}
