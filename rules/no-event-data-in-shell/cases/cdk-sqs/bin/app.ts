import * as cdk from 'aws-cdk-lib';
import { WorkerStack } from '../lib/worker-stack';

const app = new cdk.App();
new WorkerStack(app, 'Worker', { codeDir: 'lambda' });
