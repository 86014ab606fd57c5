import {
  BLOCK_KEYS,
  type BlockKey,
  type BucketModel,
  defineRule,
  mergeInsertions,
  replaceSetting,
  type Severity,
  writeSetting,
} from '../../server/src/engine/rule-kit.js';

const PUBLIC_ACLS: Record<string, string> = {
  PublicRead: 'anyone can list and read its objects',
  PublicReadWrite: 'anyone can list, read, write and delete its objects',
  AuthenticatedRead: 'any AWS account can list and read its objects',
};

const WHAT_OFF: Record<BlockKey, string> = {
  BlockPublicAcls: 'public ACLs can be put on the bucket and its objects',
  IgnorePublicAcls: 'public ACLs on the bucket and its objects take effect',
  BlockPublicPolicy: 'a bucket policy that makes it public can be attached',
  RestrictPublicBuckets: 'a public bucket policy lets anyone in',
};

/** A website bucket with nothing in front of it is public on purpose: say so, at information level. */
function websiteNote(b: BucketModel): string | undefined {
  if (!b.website) return undefined;
  return b.servedBy.length === 0
    ? ` It hosts a static website (WebsiteConfiguration) served straight from S3, so it is meant to be public: keep only public content in it, or serve it through CloudFront with origin access control and block public access.`
    : ` It hosts a website, but CloudFront (${b.servedBy.join(', ')}) serves it: with origin access control the bucket itself need not be public.`;
}

const intended = (b: BucketModel) => b.website && b.servedBy.length === 0;

export default defineRule({
  id: 'no-public-bucket',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'S3 bucket made public by its ACL or its public access block',
    description:
      'A bucket with a public canned ACL (PublicRead, PublicReadWrite, AuthenticatedRead), or a public access block that turns off one of its four settings, can expose every object to the internet. Buckets created since April 2023 block public access by default; writing these settings undoes that. A bucket with no block configuration at all is not reported.',
    cwe: ['CWE-284', 'CWE-732'],
    owasp: ['A01:2021 Broken Access Control', 'A05:2021 Security Misconfiguration'],
    fix: 'unsafe',
    messages: {
      'public-acl': "A bucket has a canned ACL that makes it public.",
      'block-off': "A bucket's public access block turns a setting off.",
      'block-omitted': "A bucket's public access block leaves settings out, which are then off.",
    },
  },
  check(ctx) {
    for (const b of ctx.model.buckets) {
      const note = websiteNote(b) ?? '';
      const acl = b.acl;
      if (acl.state === 'set' && PUBLIC_ACLS[acl.value]) {
        const severity: Severity | undefined = intended(b) ? 'info' : acl.value === 'PublicReadWrite' ? 'error' : undefined;
        ctx.report({
          span: acl.span,
          severity,
          messageId: 'public-acl', message: `Bucket ${b.id} has the canned ACL ${acl.value}: ${PUBLIC_ACLS[acl.value]}.${note || ' Remove it (buckets are private by default) and grant access to the principals that need it.'}`,
          fixes: replaceSetting(acl, 'Private', { id: 'make-bucket-private', title: 'Make the bucket private (changes who can read it)', changesBehaviour: true }),
        });
      }
      const block = b.publicAccessBlock;
      if (block?.state !== 'read') continue;
      const omitted: BlockKey[] = [];
      for (const k of BLOCK_KEYS) {
        const s = block.settings[k];
        if (s.state === 'unset') omitted.push(k);
        if (s.state !== 'set' || s.value) continue;
        ctx.report({
          span: s.span,
          severity: intended(b) ? 'info' : undefined,
          messageId: 'block-off', message: `The public access block of bucket ${b.id} turns ${k} off: ${WHAT_OFF[k]}.${note || ` Set ${k}: true.`}`,
          fixes: replaceSetting(s, true, { id: 'block-public-access', title: `Turn ${k} on (changes who can read the bucket)`, changesBehaviour: true }),
        });
      }
      if (omitted.length === 0) continue;
      // A key left out of the configuration is off: the configuration replaces the default.
      const fixes = omitted.flatMap((k) => {
        const s = block.settings[k];
        return s.state === 'unset' ? writeSetting(s, true, { id: 'block-public-access', title: `Turn ${k} on (changes who can read the bucket)`, changesBehaviour: true }) : [];
      });
      ctx.report({
        span: block.span,
        severity: intended(b) ? 'info' : undefined,
        messageId: 'block-omitted', message: `The public access block of bucket ${b.id} leaves out ${omitted.join(', ')}, which are then off: ${omitted.map((k) => WHAT_OFF[k]).join('; ')}.${note || ` Set ${omitted.length === 1 ? 'it' : 'them'} to true.`}`,
        fixes: fixes.length > 0 ? [{ ...fixes[0], title: `Turn on ${omitted.join(', ')} (changes who can read the bucket)`, edits: mergeInsertions(fixes.flatMap((f) => f.edits)) }] : [],
      });
    }
  },
});
