const AWS = require('aws-sdk');

const db = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  const method = event.write ? 'put' : 'get';
  return db[method]({ TableName: process.env.TABLE, Key: { id: event.id } }).promise();
};
