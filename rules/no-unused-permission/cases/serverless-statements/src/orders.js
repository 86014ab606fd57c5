const AWS = require('aws-sdk');

const db = new AWS.DynamoDB.DocumentClient();
const TABLE = process.env.ORDERS_TABLE;

module.exports.list = async () => {
  const out = await db.query({ TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'order' } }).promise();
  return { statusCode: 200, body: JSON.stringify(out.Items) };
};

module.exports.create = async (event) => {
  await db.put({ TableName: TABLE, Item: JSON.parse(event.body) }).promise();
  return { statusCode: 201 };
};
