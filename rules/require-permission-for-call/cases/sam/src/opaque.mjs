import { DynamoDBClient, DeleteItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});

export const handler = async (event) => {
  // ok: require-permission-for-call
  await db.send(new DeleteItemCommand({ TableName: process.env.CACHE_TABLE, Key: { url: { S: event.url } } }));
};
