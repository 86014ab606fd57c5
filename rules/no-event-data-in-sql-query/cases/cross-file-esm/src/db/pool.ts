import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

/** Runs a statement built by the caller. */
export function exec(sql: string) {
  // ruleid: no-event-data-in-sql-query
  return pool.query(sql);
}
