// S3 buckets and the settings that decide whether they are public: the canned ACL, the four public
// access block settings, website hosting, and whether a CloudFront distribution of the same config
// serves them. Read from `AWS::S3::Bucket` (CloudFormation, SAM, serverless.yml `resources`); other
// readers produce the same model.
import type { Val } from '../config/val.js';
import type { Span } from '../types.js';
import type { ResourceModel } from './types.js';
import type { Setting } from './settings.js';
import { boolCodec, fromValue, pathTarget, resolve, stringCodec, undecided } from './settings-yaml.js';
import { referencedIds } from './refs.js';

export const BLOCK_KEYS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
export type BlockKey = (typeof BLOCK_KEYS)[number];

export interface BucketModel {
  id: string;
  file: string;
  /** The bucket's logical id. */
  span: Span;
  /** `AccessControl` (a canned ACL). Unset: private. */
  acl: Setting<string>;
  /**
   * The public access block. Undefined when there is none (buckets created since April 2023 block
   * public access by default); unknown when it cannot be read. A key left out of a block that exists
   * is off (`unset` here, with a target that writes it).
   */
  publicAccessBlock?: { state: 'unknown'; span: Span } | { state: 'read'; span: Span; settings: Record<BlockKey, Setting<boolean>> };
  /** Serves a static website (`WebsiteConfiguration`). */
  website: boolean;
  /** The logical ids of CloudFront distributions of the same config that use the bucket. */
  servedBy: string[];
}

export function readBuckets(resources: ResourceModel[]): BucketModel[] {
  const out: BucketModel[] = [];
  const distributions = resources.filter((r) => r.type === 'AWS::CloudFront::Distribution');
  for (const r of resources) {
    if (r.type !== 'AWS::S3::Bucket') continue;
    const p = r.props;
    const base = p ?? r.val;
    const prefix = p ? [] : ['Properties'];
    const acl = resolve([{ base: p, path: ['AccessControl'], from: 'function', where: 'AccessControl', codec: stringCodec }], () => ({ anchor: r.keySpan, targets: [pathTarget(base, [...prefix, 'AccessControl'], stringCodec, 'AccessControl', 'function')] }));
    out.push({
      id: r.id, file: r.file, span: r.keySpan, acl,
      publicAccessBlock: readBlock(p?.get('PublicAccessBlockConfiguration'), p?.entry('PublicAccessBlockConfiguration')?.keySpan),
      website: !!p?.get('WebsiteConfiguration'),
      servedBy: distributions.filter((d) => servesBucket(d, r.id, p?.get('BucketName')?.str())).map((d) => d.id),
    });
  }
  return out;
}

/** A distribution uses the bucket: it references it, or an origin's domain names it (`my-bucket.s3.amazonaws.com`). */
function servesBucket(d: ResourceModel, id: string, name: string | undefined): boolean {
  if (referencedIds(d.props).has(id)) return true;
  if (!name) return false;
  const origins = d.props?.get('DistributionConfig')?.get('Origins')?.items() ?? [];
  return origins.some((o) => (o.get('DomainName')?.str() ?? '').startsWith(`${name}.s3`));
}

function readBlock(block: Val | undefined, keySpan: Span | undefined): BucketModel['publicAccessBlock'] {
  if (!block || !keySpan || block.kind === 'null') return undefined;
  if (undecided(block) || block.kind !== 'map') return { state: 'unknown', span: keySpan };
  const settings = {} as Record<BlockKey, Setting<boolean>>;
  for (const k of BLOCK_KEYS) {
    const v = block.get(k);
    settings[k] = v && v.kind !== 'null'
      ? fromValue(v, { from: 'function', where: `PublicAccessBlockConfiguration.${k}`, codec: boolCodec })
      : { state: 'unset', anchor: keySpan, targets: [pathTarget(block, [k], boolCodec, `PublicAccessBlockConfiguration.${k}`, 'function')] };
  }
  return { state: 'read', span: keySpan, settings };
}
