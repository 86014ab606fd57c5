const { execSync } = require('node:child_process');

exports.handler = async (event) => {
  const record = event.Records[0];
  const key = record.s3.object.key;
  // The bucket name is not attacker data for an S3 trigger (Terraform wires this one).
  // ok: no-event-data-in-shell
  execSync(`aws s3 ls s3://${record.s3.bucket.name}`);
  // ruleid: no-event-data-in-shell
  execSync(`convert /tmp/${key} /tmp/out.png`);
};
