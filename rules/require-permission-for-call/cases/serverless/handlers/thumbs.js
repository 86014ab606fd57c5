const AWS = require('aws-sdk');

const s3 = new AWS.S3();

exports.handler = async (event) => {
  // ok: require-permission-for-call
  const src = await s3.getObject({ Bucket: process.env.UPLOADS, Key: event.key }).promise();
  // The role of thumbs only reads the bucket.
  // ruleid: require-permission-for-call
  await s3.upload({ Bucket: process.env.UPLOADS, Key: `thumbs/${event.key}`, Body: src.Body }).promise();
};
