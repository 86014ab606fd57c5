// Query helpers shared by several handlers. Each call site decides what data arrives here.
const mysql = require('mysql');

const connection = mysql.createConnection({ host: process.env.DB_HOST });

function findByRegion(region, fallback) {
  const where = `region = '${region || fallback}'`;
  return new Promise((resolve, reject) => {
    // ruleid: no-event-data-in-sql-query
    connection.query('SELECT * FROM sales WHERE ' + where, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

function countByStatus(status, region) {
  return new Promise((resolve, reject) => {
    // ok: no-event-data-in-sql-query
    connection.query(`SELECT COUNT(*) FROM sales WHERE status = '${status}' AND region = ?`, [region], (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

function latest(limit) {
  return new Promise((resolve, reject) => {
    // ok: no-event-data-in-sql-query
    connection.query(`SELECT * FROM sales ORDER BY created DESC LIMIT ${limit}`, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

module.exports = { findByRegion, countByStatus, latest };
