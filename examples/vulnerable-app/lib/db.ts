// Database helpers shared by the handlers.
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', password: process.env.DB_PASSWORD, database: 'orders' });

export async function findCustomer(email: string) {
  const [rows] = await pool.query(`SELECT id, name FROM customers WHERE email = '${email}'`);
  return rows;
}

export async function insertOrder(customerId: number, item: string) {
  // Placeholders and a values array: safe.
  await pool.query('INSERT INTO orders (customer_id, item) VALUES (?, ?)', [customerId, item]);
}
