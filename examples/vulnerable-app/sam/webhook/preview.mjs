// Function URL: GET /?url=... returns an HTML preview of the page, cached in DynamoDB.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});

export const handler = async (event) => {
  const target = event.queryStringParameters?.url;
  const cached = await db.send(new GetItemCommand({ TableName: process.env.CACHE_TABLE, Key: { url: { S: String(target) } } }));
  if (cached.Item) return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: cached.Item.html.S };
  const page = await fetch(target);
  const title = (await page.text()).match(/<title>(.*?)<\/title>/)?.[1] ?? target;
  const html = `<h1>Preview of ${target}</h1><p>${title}</p>`;
  await db.send(new PutItemCommand({ TableName: process.env.CACHE_TABLE, Item: { url: { S: String(target) }, html: { S: html } } }));
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/html' },
    body: html,
  };
};
