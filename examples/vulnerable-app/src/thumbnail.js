// S3-triggered: makes a thumbnail of every uploaded image.
const { exec } = require('child_process');

exports.handler = async (event) => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    await new Promise((resolve, reject) => {
      exec(`convert /tmp/${key} -resize 128x128 /tmp/thumb-${key}`, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    });
  }
  return { done: event.Records.length };
};
