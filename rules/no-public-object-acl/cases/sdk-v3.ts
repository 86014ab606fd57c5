import { S3Client, PutObjectCommand, CopyObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const client = new S3Client({});

export const handler = async (event: { body: string; acl?: string }) => {
  // ruleid: no-public-object-acl
  await client.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: 'index.html', Body: event.body, ACL: 'public-read' }));
  const upload = new Upload({
    client,
    params: {
      Bucket: process.env.BUCKET,
      Key: 'video.mp4',
      Body: event.body,
      // ruleid: no-public-object-acl
      ACL: 'public-read',
    },
  });
  await upload.done();
  // The ACL comes from the caller: not a literal, not reported.
  // ok: no-public-object-acl
  await client.send(new CopyObjectCommand({ Bucket: process.env.BUCKET, CopySource: 'a/b', Key: 'c', ACL: event.acl as 'private' }));
  // ok: no-public-object-acl
  await client.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: 'private.json', Body: '{}', ACL: 'private' }));
};
