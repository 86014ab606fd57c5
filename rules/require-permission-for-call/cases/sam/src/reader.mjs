import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});

export const handler = async (event) => {
  // ok: require-permission-for-call
  return db.send(new GetItemCommand({ TableName: process.env.CACHE_TABLE, Key: { url: { S: event.url } } }));
};
