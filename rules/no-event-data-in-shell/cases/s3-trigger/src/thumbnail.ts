import * as cp from 'node:child_process';
import type { S3Event } from 'aws-lambda';

export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const bucket = record.s3.bucket.name;
    // ruleid: no-event-data-in-shell
    cp.execSync(`aws s3 cp s3://${bucket}/${key} /tmp/in`);
    // The bucket name is not attacker data for an S3 trigger.
    // ok: no-event-data-in-shell
    cp.execSync('echo ' + bucket);
    // Arguments without a shell are safe.
    // ok: no-event-data-in-shell
    cp.execFileSync('identify', [key]);
    // ...unless a shell is asked for.
    // ruleid: no-event-data-in-shell
    cp.spawnSync('identify', [key as string], { shell: true });
  }
};
