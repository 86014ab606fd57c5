import * as cdk from 'aws-cdk-lib';
import { SeedStack } from '../lib/seed-stack';

const app = new cdk.App();
new SeedStack(app, 'Seed');
