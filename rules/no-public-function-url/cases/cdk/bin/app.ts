import * as cdk from 'aws-cdk-lib';
import { PreviewStack } from '../lib/preview-stack';

const app = new cdk.App();
new PreviewStack(app, 'PreviewStack', { publicPreview: true });
