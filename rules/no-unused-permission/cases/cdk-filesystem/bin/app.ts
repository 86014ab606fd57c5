import * as cdk from 'aws-cdk-lib';
import { FilesStack } from '../lib/files-stack';

new FilesStack(new cdk.App(), 'Files');
