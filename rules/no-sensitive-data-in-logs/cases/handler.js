const { Logger } = require('@aws-lambda-powertools/logger');

const logger = new Logger({ serviceName: 'orders' });
const { DB_PASSWORD, TABLE_NAME } = process.env;
const apiToken = process.env.API_TOKEN || '';

exports.handler = async (event, context) => {
  // ruleid: no-sensitive-data-in-logs
  console.log('Received event:', JSON.stringify(event, null, 2));
  // ok: no-sensitive-data-in-logs
  console.log('path', event.rawPath, 'request', context.awsRequestId, event.headers['content-type']);
  // ruleid: no-sensitive-data-in-logs
  logger.info('request headers', { headers: event.headers });
  // ruleid: no-sensitive-data-in-logs
  logger.debug(`auth: ${event.headers.Authorization}`);
  const { authorization } = event.headers;
  // ruleid: no-sensitive-data-in-logs
  console.debug('token', authorization);
  // ruleid: no-sensitive-data-in-logs
  console.log({ ...process.env });
  // ruleid: no-sensitive-data-in-logs
  console.log('connecting with', DB_PASSWORD);
  // A secret's ARN or a table name is not a secret.
  // ok: no-sensitive-data-in-logs
  console.log('table', TABLE_NAME, process.env.DB_SECRET_ARN);
  // ruleid: no-sensitive-data-in-logs
  logger.warn('calling the API with ' + apiToken);
  // ok: no-sensitive-data-in-logs
  console.log('event keys', Object.keys(event), redact(event));
  const dbConfig = { host: process.env.DB_HOST, password: process.env.DB_PASSWORD };
  // ruleid: no-sensitive-data-in-logs
  console.log('db config', dbConfig);
  const record = JSON.parse(event.body);
  // A value parsed from the body is not the whole event.
  // ok: no-sensitive-data-in-logs
  console.log('record', record);
  // Not a log: the token goes where it belongs.
  // ok: no-sensitive-data-in-logs
  await fetch('https://api.example.com', { headers: { Authorization: apiToken } });
  return { statusCode: 204 };
};
