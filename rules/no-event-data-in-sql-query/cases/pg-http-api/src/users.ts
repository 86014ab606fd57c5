import { Client } from 'pg';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

const client = new Client({ connectionString: process.env.DATABASE_URL });

interface Filter {
  name: string;
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  await client.connect();
  const id = event.pathParameters!.id as string;
  const filter = <Filter>JSON.parse(event.body ?? '{}');
  // ruleid: no-event-data-in-sql-query
  const user = await client.query(`SELECT * FROM users WHERE id = '${id}'`);
  // ruleid: no-event-data-in-sql-query
  const byName = await client.query("SELECT * FROM users WHERE name LIKE '%" + filter.name + "%' AND active");
  // ruleid: no-event-data-in-sql-query
  await client.query({ text: `SELECT * FROM users WHERE name = '${filter.name}'` });
  // ok: no-event-data-in-sql-query
  const safe = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  // ok: no-event-data-in-sql-query
  await client.query({ text: 'SELECT * FROM users WHERE name = $1', values: [filter.name] });
  const page = Number(event.queryStringParameters?.page satisfies string | undefined);
  // ok: no-event-data-in-sql-query
  await client.query(`SELECT * FROM users OFFSET ${page * 20}`);
  // The HTTP method is set by API Gateway, not by the caller's data.
  // ok: no-event-data-in-sql-query
  await client.query(`INSERT INTO hits (method) VALUES ('${event.requestContext.http.method as string}')`);
  return { statusCode: 200, body: JSON.stringify({ user: user.rows, byName: byName.rows, safe: safe.rows }) };
}
