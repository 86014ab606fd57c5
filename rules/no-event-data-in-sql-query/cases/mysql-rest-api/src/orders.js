'use strict';
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
const SORTABLE = ['created_at', 'total'];

exports.handler = async (event) => {
  const { customer, status = 'open' } = event.queryStringParameters || {};
  // ruleid: no-event-data-in-sql-query
  const [rows] = await pool.query("SELECT * FROM orders WHERE customer = '" + customer + "' AND status = '" + status + "'");

  // ruleid: no-event-data-in-sql-query
  await pool.execute(`DELETE FROM carts WHERE customer = ${customer}`);

  // Bound parameters: the data never becomes SQL text.
  // ok: no-event-data-in-sql-query
  const [same] = await pool.query('SELECT * FROM orders WHERE customer = ? AND status = ?', [customer, status]);

  // A number cannot carry SQL.
  const limit = parseInt(event.queryStringParameters?.limit ?? '20', 10);
  // ok: no-event-data-in-sql-query
  await pool.query(`SELECT * FROM orders LIMIT ${limit}`);

  // Who called is not request data.
  // ok: no-event-data-in-sql-query
  await pool.query(`INSERT INTO audit (ip) VALUES ('${event.requestContext.identity.sourceIp}')`);

  // An allow-list check that throws: only known column names get through.
  const sort = event.queryStringParameters?.sort;
  if (!SORTABLE.includes(sort)) {
    throw new Error('bad sort column');
  }
  // ok: no-event-data-in-sql-query
  await pool.query('SELECT * FROM orders ORDER BY ' + sort);

  // The connection settings come from the environment, not the event.
  // ok: no-event-data-in-sql-query
  await pool.query(`USE ${process.env.DB_NAME}`);

  return { statusCode: 200, body: JSON.stringify({ rows, same }) };
};
