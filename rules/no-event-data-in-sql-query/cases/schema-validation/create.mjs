import { z } from 'zod';
import Joi from 'joi';
import Ajv from 'ajv';
import mysql from 'mysql2/promise';

const db = await mysql.createConnection({ host: process.env.DB_HOST });
const ItemSchema = z.object({ sku: z.string().regex(/^[A-Z0-9-]{3,16}$/), qty: z.number().int() });
const joiSchema = Joi.object({ tag: Joi.string().alphanum().max(20) });
const ajv = new Ajv();
const validateNote = ajv.compile({ type: 'object', properties: { note: { type: 'string', pattern: '^[a-z ]*$' } } });

export const handler = async (event) => {
  const raw = JSON.parse(event.body);
  // zod: the parsed value is what the schema allows.
  const item = ItemSchema.parse(raw);
  // ok: no-event-data-in-sql-query
  await db.query(`INSERT INTO items (sku, qty) VALUES ('${item.sku}', ${item.qty})`);
  // The unvalidated original is still attacker data.
  // ruleid: no-event-data-in-sql-query
  await db.query(`INSERT INTO raw_items (sku) VALUES ('${raw.sku}')`);

  // joi: use the validated value.
  const { value, error } = joiSchema.validate(raw);
  if (error) {
    return { statusCode: 400, body: error.message };
  }
  // ok: no-event-data-in-sql-query
  await db.query(`INSERT INTO tags (tag) VALUES ('${value.tag}')`);

  // ajv: a compiled validator or ajv.validate checked before use.
  if (!validateNote(raw)) {
    return { statusCode: 400, body: 'bad note' };
  }
  // ok: no-event-data-in-sql-query
  await db.query(`INSERT INTO notes (note) VALUES ('${raw.note}')`);
  const meta = JSON.parse(event.headers['x-meta'] ?? '{}');
  if (!ajv.validate({ type: 'object', properties: { source: { enum: ['web', 'app'] } } }, meta)) {
    return { statusCode: 400, body: 'bad meta' };
  }
  // ok: no-event-data-in-sql-query
  await db.query(`INSERT INTO sources (source) VALUES ('${meta.source}')`);
  const weight = parseFloat(event.queryStringParameters?.weight ?? '0');
  // ok: no-event-data-in-sql-query
  await db.query(`UPDATE items SET weight = ${weight} WHERE sku = 'x'`);
  return { statusCode: 201 };
};
