import { pool } from './pool.js';

export async function searchProducts(term: string, category: string) {
  // ruleid: no-event-data-in-sql-query
  return pool.query(`SELECT * FROM products WHERE name ILIKE '%${term}%' AND category = $1`, [category]);
}

export async function productById(id: string) {
  // ok: no-event-data-in-sql-query
  return pool.query('SELECT * FROM products WHERE id = $1', [id]);
}

export default {
  async touch(requestId: string) {
    // ok: no-event-data-in-sql-query
    return pool.query(`UPDATE stats SET last_request = '${requestId}'`);
  },
  async rename(id: string, name: string) {
    // ruleid: no-event-data-in-sql-query
    return pool.query(`UPDATE products SET name = '${name}' WHERE id = ${id}`);
  },
};
