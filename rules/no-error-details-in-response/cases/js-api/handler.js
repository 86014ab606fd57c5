const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});

class ValidationError extends Error {}

exports.create = async (event) => {
  try {
    const order = JSON.parse(event.body);
    if (!order.items) throw new ValidationError('no items');
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: order.id } } }));
    return { statusCode: 201, body: '' };
  } catch (err) {
    if (err instanceof ValidationError) {
      // ok: no-error-details-in-response
      return { statusCode: 400, body: JSON.stringify({ error: err.message }) };
    }
    if (err.name === 'ConditionalCheckFailedException') {
      // ok: no-error-details-in-response
      return { statusCode: 409, body: err.message };
    }
    if (process.env.DEBUG) {
      // ruleid: no-error-details-in-response
      return { statusCode: 500, body: JSON.stringify({ error: err.message, stack: err.stack }) };
    }
    // JSON.stringify of an Error is "{}": its message and stack are not enumerable.
    // ok: no-error-details-in-response
    console.error(JSON.stringify(err));
    // ruleid: no-error-details-in-response
    return { statusCode: 500, body: `Failed: ${err}` };
  }
};
