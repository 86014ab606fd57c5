import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const db = new DynamoDBClient({});
const sns = new SNSClient({});
const sqs = new SQSClient({});
const s3 = new S3Client({});

export const handler = async (event) => {
  const url = event.queryStringParameters.url;
  // ok: require-permission-for-call
  const hit = await db.send(new GetItemCommand({ TableName: process.env.CACHE_TABLE, Key: { url: { S: url } } }));
  if (hit.Item) return hit.Item.html.S;
  const html = `<p>${url.length}</p>`;
  // ruleid: require-permission-for-call
  await db.send(new PutItemCommand({ TableName: process.env.CACHE_TABLE, Item: { url: { S: url }, html: { S: html } } }));
  // ruleid: require-permission-for-call
  await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC, Message: url }));
  // The queue is not named in the code: the grant on Jobs may be the one it uses.
  // ok: require-permission-for-call
  await sqs.send(new SendMessageCommand({ QueueUrl: event.queueUrl, MessageBody: url }));
  // AmazonS3FullAccess allows it.
  // ok: require-permission-for-call
  await s3.send(new PutObjectCommand({ Bucket: process.env.ARCHIVE, Key: 'last.html', Body: html }));
  return html;
};
