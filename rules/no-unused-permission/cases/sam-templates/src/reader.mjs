import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});
const TABLE = process.env.TABLE;

export const handler = async (event) => {
  if (event.pathParameters?.id) {
    return client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: event.pathParameters.id } } }));
  }
  return client.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: 'all' } } }));
};
