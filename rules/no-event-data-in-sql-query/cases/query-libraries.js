// No config names this handler: the whole event is attacker data.
const knex = require('knex')({ client: 'pg' });
const { Sequelize, QueryTypes } = require('sequelize');
const { DataSource } = require('typeorm');
const { PrismaClient } = require('@prisma/client');
const Database = require('better-sqlite3');

const sequelize = new Sequelize(process.env.DATABASE_URL);
const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
const prisma = new PrismaClient();
const db = new Database('/tmp/cache.db');

exports.handler = async (event, context) => {
  const { name, table } = event;
  // ruleid: no-event-data-in-sql-query
  await knex.raw(`SELECT * FROM users WHERE name = '${name}'`);
  // ruleid: no-event-data-in-sql-query
  await knex('users').whereRaw("name = '" + name + "'");
  // ruleid: no-event-data-in-sql-query
  await knex.select('*').fromRaw(`(SELECT * FROM ${table}) AS t`);
  // ok: no-event-data-in-sql-query
  await knex.raw('SELECT * FROM users WHERE name = ?', [name]);
  // ok: no-event-data-in-sql-query
  await knex('users').where({ name });

  // ruleid: no-event-data-in-sql-query
  await sequelize.query(`SELECT * FROM users WHERE name = '${name}'`, { type: QueryTypes.SELECT });
  // ok: no-event-data-in-sql-query
  await sequelize.query('SELECT * FROM users WHERE name = :name', { replacements: { name }, type: QueryTypes.SELECT });

  // ruleid: no-event-data-in-sql-query
  await dataSource.query(`DELETE FROM sessions WHERE token = '${event.token}'`);
  // ok: no-event-data-in-sql-query
  await dataSource.query('DELETE FROM sessions WHERE token = $1', [event.token]);

  // ruleid: no-event-data-in-sql-query
  await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE name = '${name}'`);
  // ruleid: no-event-data-in-sql-query
  await prisma.$executeRawUnsafe('UPDATE "User" SET seen = now() WHERE name = ' + name);
  // A tagged template sends the values separately.
  // ok: no-event-data-in-sql-query
  await prisma.$queryRaw`SELECT * FROM "User" WHERE name = ${name}`;
  // ok: no-event-data-in-sql-query
  await prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE name = $1', name);

  // ruleid: no-event-data-in-sql-query
  const stmt = db.prepare(`SELECT * FROM cache WHERE key = '${name}'`);
  // ruleid: no-event-data-in-sql-query
  db.exec('DELETE FROM cache WHERE key = ' + event.key);
  // ok: no-event-data-in-sql-query
  const row = db.prepare('SELECT * FROM cache WHERE key = ?').get(name);
  return { row, all: stmt.all() };
};
