// The orders table: a counter per customer, and one item per order.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.ORDERS_TABLE;

export async function recordOrder(customerId: number, item: string) {
  const last = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id: `count-${customerId}` } }));
  const n = ((last.Item?.n as number | undefined) ?? 0) + 1;
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id: `${customerId}-${n}`, item } }));
}
