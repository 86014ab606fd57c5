const fs = require('fs');
const path = require('path');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});
const WORK_DIR = '/tmp/work';

exports.handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const data = await object.Body.transformToByteArray();

    const target = path.join(WORK_DIR, key);
    // ruleid: no-event-data-in-file-path
    fs.writeFileSync(target, data);

    // Only the file name is kept.
    // ok: no-event-data-in-file-path
    fs.writeFileSync(path.join(WORK_DIR, path.basename(key)), data);

    // A resolved path checked against the base folder stays inside it.
    const resolved = path.resolve(WORK_DIR, key);
    if (!resolved.startsWith(WORK_DIR + path.sep)) {
      throw new Error(`refusing to write outside ${WORK_DIR}`);
    }
    // ok: no-event-data-in-file-path
    fs.writeFileSync(resolved, data);

    // A prefix check on the raw key proves nothing: incoming/../../var/task/index.js passes it.
    if (key.startsWith('incoming/')) {
      // ruleid: no-event-data-in-file-path
      fs.mkdirSync(`${WORK_DIR}/${key}.d`, { recursive: true });
    }

    // The bucket name is not attacker data.
    // ok: no-event-data-in-file-path
    fs.mkdirSync(path.join(WORK_DIR, bucket), { recursive: true });
  }
};
