// No config names this handler: the whole event is attacker data.
const AWS = require('aws-sdk');

const docs = new AWS.DynamoDB.DocumentClient();
const dynamodb = new AWS.DynamoDB();

exports.handler = async (event, context) => {
  const { userId, status } = event;
  // ruleid: no-event-data-in-nosql-query
  const viaDocs = await docs.query({ TableName: 'orders', KeyConditionExpression: 'userId = ' + userId }).promise();
  const viaLowLevel = await dynamodb.scan({
    TableName: 'orders',
    // ruleid: no-event-data-in-nosql-query
    FilterExpression: `orderStatus = ${status}`,
  }).promise();
  // ok: no-event-data-in-nosql-query
  const safe = await docs.query({ TableName: 'orders', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }).promise();
  await docs.update({
    TableName: 'orders',
    Key: { userId: 'summary' },
    // ruleid: no-event-data-in-nosql-query
    UpdateExpression: 'SET lastStatus = ' + status,
  }).promise();
  // The caller picks which attributes come back, including ones it must not see.
  // ruleid: no-event-data-in-nosql-query
  await docs.get({ TableName: 'orders', Key: { userId: 'summary' }, ProjectionExpression: event.fields }).promise();
  // ruleid: no-event-data-in-nosql-query
  await dynamodb.executeStatement({ Statement: "DELETE FROM orders WHERE userId = '" + userId + "'" }).promise();
  return { viaDocs, viaLowLevel, safe };
};
