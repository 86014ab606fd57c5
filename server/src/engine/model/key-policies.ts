// Policies on keys and secrets: `KeyPolicy` of `AWS::KMS::Key` and `AWS::SecretsManager::ResourcePolicy`.
// Kept apart from the other resource policies: the default key policy grants `kms:*` to the
// account root, which is how KMS delegates to IAM, not an over-grant for the wildcard rules.
import type { ResourceModel, ResourcePolicyModel } from './types.js';
import { readPolicyDocument } from './statements.js';

export function readKeyPolicies(resources: ResourceModel[]): ResourcePolicyModel[] {
  const out: ResourcePolicyModel[] = [];
  for (const r of resources) {
    const p = r.props;
    if (!p) continue;
    if (r.type === 'AWS::KMS::Key') {
      const doc = readPolicyDocument(p.get('KeyPolicy'), `key policy of ${r.id}`);
      if (doc) out.push({ kind: 'kms-key-policy', resource: r, statements: doc.statements, targetId: r.id });
    } else if (r.type === 'AWS::SecretsManager::ResourcePolicy') {
      const doc = readPolicyDocument(p.get('ResourcePolicy'), `${r.type} ${r.id}`);
      if (doc) out.push({ kind: 'secret-policy', resource: r, statements: doc.statements, targetId: p.get('SecretId')?.refTarget()?.id });
    }
  }
  return out;
}
