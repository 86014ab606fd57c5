// Trust policies: who may assume each IAM role a config declares (`AssumeRolePolicyDocument` of
// `AWS::IAM::Role`, in templates and serverless.yml `resources`).
import type { Span } from '../types.js';
import type { ResourceModel, Statement } from './types.js';
import { readPolicyDocument } from './statements.js';

export interface TrustPolicyModel {
  /** The role's logical id. */
  roleId: string;
  file: string;
  span: Span;
  statements: Statement[];
}

export function readTrustPolicies(resources: ResourceModel[]): TrustPolicyModel[] {
  const out: TrustPolicyModel[] = [];
  for (const r of resources) {
    if (r.type !== 'AWS::IAM::Role') continue;
    const doc = readPolicyDocument(r.props?.get('AssumeRolePolicyDocument'), `Role ${r.id}, trust policy`);
    if (doc) out.push({ roleId: r.id, file: r.file, span: r.keySpan, statements: doc.statements });
  }
  return out;
}
