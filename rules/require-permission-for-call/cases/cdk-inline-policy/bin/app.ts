import * as cdk from 'aws-cdk-lib';
import { AlertStack } from '../lib/alert-stack';

new AlertStack(new cdk.App(), 'Alert');
