import * as cdk from 'aws-cdk-lib';
import { JobsStack } from '../lib/jobs-stack';

new JobsStack(new cdk.App(), 'Jobs');
