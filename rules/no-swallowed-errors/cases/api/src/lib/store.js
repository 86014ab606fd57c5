// Imported by the handler: handler-reachable code.
const pino = require('pino');
const logger = pino({ level: 'info' });

async function readItem(id) {
  try {
    return await db.get(id);
    // ok: no-swallowed-errors
  } catch (err) {
    if (err.code === 'NotFound') return null;
    throw err;
  }
}

async function cached(id) {
  try {
    return cache.get(id);
    // ruleid: no-swallowed-errors
  } catch {
    return undefined;
  }
}

function warm() {
  // ruleid: no-swallowed-errors
  return fetchAll().catch(() => null);
}

function warmAll(callback) {
  // The error goes to the callback.
  // ok: no-swallowed-errors
  return fetchAll().then(() => callback(null), (err) => callback(err));
}

function lastError(ids) {
  let last;
  for (const id of ids) {
    try {
      return load(id);
      // Kept and rethrown after the loop.
      // ok: no-swallowed-errors
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

module.exports = { readItem, cached, warm, warmAll, lastError };
