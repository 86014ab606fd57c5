// API: POST /orders
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { findCustomer, insertOrder } from '../lib/db';
import { recordOrder } from '../lib/orders-table';

export const create = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { email, item } = JSON.parse(event.body ?? '{}') as { email: string; item: string };
  try {
    const customers = (await findCustomer(email)) as { id: number }[];
    await insertOrder(customers[0].id, item);
    await recordOrder(customers[0].id, item);
    return { statusCode: 201, body: JSON.stringify({ ok: true }) };
  } catch (err) {
    return { statusCode: 500, body: 'could not create the order' };
  }
};
