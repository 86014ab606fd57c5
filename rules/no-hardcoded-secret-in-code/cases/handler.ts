import { Client } from 'pg';

// ruleid: no-hardcoded-secret-in-code
const client = new Client({ connectionString: 'postgres://app:Tr0ub4dor-and-3@db.internal:5432/app' });

export const handler = async (): Promise<number> => {
  // ok: no-hardcoded-secret-in-code
  const query = 'SELECT count(*) FROM tokens WHERE secret_hash = $1';
  await client.connect();
  const r = await client.query(query, ['abc']);
  return r.rowCount ?? 0;
};
