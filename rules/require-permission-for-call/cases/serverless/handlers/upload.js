const { S3 } = require('@aws-sdk/client-s3');
const { DynamoDBDocument } = require('@aws-sdk/lib-dynamodb');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');

const s3 = new S3({});
const docs = DynamoDBDocument.from(new DynamoDBClient({}));

exports.handler = async (event) => {
  const id = event.requestContext.requestId;
  // ok: require-permission-for-call
  await s3.putObject({ Bucket: process.env.UPLOADS, Key: `raw/${id}`, Body: event.body });
  // An ACL on the object needs s3:PutObjectAcl as well.
  // ruleid: require-permission-for-call
  await s3.putObject({ Bucket: process.env.UPLOADS, Key: `public/${id}`, Body: event.body, ACL: 'public-read' });
  // ok: require-permission-for-call
  const prev = await docs.get({ TableName: process.env.MEDIA_TABLE, Key: { id } });
  // ruleid: require-permission-for-call
  await docs.update({ TableName: process.env.MEDIA_TABLE, Key: { id }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': (prev.Item?.n ?? 0) + 1 } });
  return { statusCode: 201 };
};
