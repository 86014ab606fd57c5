import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const logger = new Logger();

const lambdaHandler = async (req: APIGatewayProxyEvent) => {
  // The handler's first parameter is the event, whatever its name.
  // ruleid: no-sensitive-data-in-logs
  logger.info('incoming', { req });
  // ok: no-sensitive-data-in-logs
  logger.info('incoming', { path: req.path, method: req.httpMethod });
  return { statusCode: 200, body: '{}' };
};

export const handler = middy(lambdaHandler)
  // ruleid: no-sensitive-data-in-logs
  .use(injectLambdaContext(logger, { logEvent: true }));
