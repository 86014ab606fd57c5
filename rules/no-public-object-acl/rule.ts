import { defineRule } from '../../server/src/engine/rule-kit.js';
import { publicWrites } from './find.js';

/** Test code and fixtures are not deployed. */
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?|mocks?)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.py$/;

export default defineRule({
  id: 'no-public-object-acl',
  scope: 'code',
  languages: ['js', 'python'],
  meta: {
    category: 'misconfiguration',
    severity: 'warning',
    title: 'Object written to S3 with a public ACL',
    description:
      "The code writes an S3 object with the canned ACL public-read or public-read-write (PutObject, Upload, CopyObject, multipart uploads; AWS SDK for JavaScript v2 and v3, boto3). Anyone on the internet can then read the object, whatever the bucket policy says, as long as the bucket allows ACLs. Buckets created since April 2023 disable ACLs, and the write fails there instead.",
    cwe: ['CWE-732', 'CWE-284'],
    owasp: ['A01:2021 Broken Access Control', 'A05:2021 Security Misconfiguration'],
    fix: 'unsafe',
    messages: {
      'public-object-acl': "Code writes an S3 object with a public canned ACL.",
    },
  },
  check(ctx) {
    // No `ACL` in the text, no public ACL: most files need no tree at all.
    if (TEST_FILE.test(ctx.code.file) || !ctx.code.text.includes('ACL')) return;
    for (const w of publicWrites(ctx.code)) {
      ctx.report({
        span: w.span,
        message: `${w.call} writes the object with ACL ${w.acl}: anyone can read it${w.acl === 'public-read-write' ? ' (and, for the bucket ACL, write)' : ''}. Remove the ACL and serve public files through CloudFront, or give readers presigned URLs.`,
        fixes: [{ id: 'remove-public-acl', title: `Remove the ${w.acl} ACL (the object stays private; changes who can read it)`, edits: [w.remove], changesBehaviour: true, isPreferred: true }],
      });
    }
  },
});
