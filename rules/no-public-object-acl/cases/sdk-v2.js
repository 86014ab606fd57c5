const AWS = require('aws-sdk');
const s3 = new AWS.S3();

exports.handler = async (event) => {
  await s3.putObject({
    Bucket: process.env.BUCKET,
    Key: 'reports/latest.csv',
    Body: event.body,
    // ruleid: no-public-object-acl
    ACL: 'public-read',
  }).promise();
  // ruleid: no-public-object-acl
  await s3.upload({ Bucket: process.env.BUCKET, Key: 'avatar.png', Body: event.body, ACL: 'public-read-write' }).promise();
  const params = {
    Bucket: process.env.BUCKET,
    CopySource: `${process.env.BUCKET}/reports/latest.csv`,
    Key: 'archive/latest.csv',
    // ruleid: no-public-object-acl
    ACL: 'public-read',
  };
  await s3.copyObject(params).promise();
  await s3.putObject({
    Bucket: process.env.BUCKET,
    Key: 'private.csv',
    Body: event.body,
    // ok: no-public-object-acl
    ACL: 'bucket-owner-full-control',
  }).promise();
  // Not an S3 call.
  // ok: no-public-object-acl
  const options = { ACL: 'public-read', retries: 3 };
  return options.retries;
};
