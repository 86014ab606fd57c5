import * as cdk from 'aws-cdk-lib';
import { ExportStack } from '../lib/export-stack';

new ExportStack(new cdk.App(), 'Export');
