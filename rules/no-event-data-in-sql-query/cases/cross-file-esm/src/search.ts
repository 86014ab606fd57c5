import type { APIGatewayProxyEvent } from 'aws-lambda';
import repo, { searchProducts, productById } from './db/products.js';
import * as audit from './db/audit.js';

export const handler = async (event: APIGatewayProxyEvent) => {
  const { term, category } = JSON.parse(event.body ?? '{}') as { term: string; category?: string };
  const found = await searchProducts(term, category ?? 'all');
  const one = await productById(event.pathParameters?.id ?? '');
  await repo.touch(event.requestContext.requestId);
  await repo.rename('42', term);
  await audit.record(event.headers['user-agent'] ?? 'unknown');
  return { statusCode: 200, body: JSON.stringify({ found, one }) };
};
