import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const change = JSON.parse(record.body) as { sku: string; field: string; value: number; ownerId: string };
    const region = record.messageAttributes.region?.stringValue ?? 'eu';

    await ddb.send(new UpdateCommand({
      TableName: 'inventory',
      Key: { sku: change.sku },
      // ruleid: no-event-data-in-nosql-query
      ConditionExpression: "ownerId = '" + change.ownerId + "'",
    }));

    await ddb.send(new QueryCommand({
      TableName: 'inventory',
      // ruleid: no-event-data-in-nosql-query
      KeyConditionExpression: `pk = ${region}`,
      ExpressionAttributeValues: { ':now': Date.now() },
    }));

    // Values as placeholders: the expression text is constant.
    await ddb.send(new QueryCommand({
      TableName: 'inventory',
      // ok: no-event-data-in-nosql-query
      KeyConditionExpression: 'pk = :region AND sku = :sku',
      ExpressionAttributeValues: { ':region': region, ':sku': change.sku },
    }));

    // The message id and the system attributes are set by SQS.
    await ddb.send(new UpdateCommand({
      TableName: 'inventory',
      Key: { sku: 'last-message' },
      // ok: no-event-data-in-nosql-query
      UpdateExpression: `SET id = ${record.messageId}, sent = ${record.attributes.SentTimestamp}`,
    }));

    // A whole request taken from the message: the sender chooses table, filter and projection.
    // ruleid: no-event-data-in-nosql-query
    await ddb.send(new ScanCommand(JSON.parse(record.body).request));

    // PartiQL text built from the message, and the safe form with parameters.
    // ruleid: no-event-data-in-nosql-query
    await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM inventory WHERE sku = '${change.sku}'` }));
    // ok: no-event-data-in-nosql-query
    await ddb.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM inventory WHERE sku = ?', Parameters: [{ S: change.sku }] }));
  }
};
