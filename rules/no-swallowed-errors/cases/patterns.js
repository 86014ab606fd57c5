// Error handlers that do something with the error (ok) and ones that drop it (ruleid).
exports.handler = (event, context, callback) => {
  // ok: no-swallowed-errors
  try { check(event); } catch (e) { if (e instanceof NotFound) return callback(null, { statusCode: 404 }); throw e; }
  // ok: no-swallowed-errors
  try { check(event); } catch (e) { return Promise.reject(e); }
  // ok: no-swallowed-errors
  try { check(event); } catch (e) { span.recordException(e); }
  // ok: no-swallowed-errors
  try { check(event); } catch (e) { queue.send({ body: JSON.stringify({ failed: e.message }) }); }
  // ok: no-swallowed-errors
  try { check(event); } catch (e) { const msg = String(e); return callback(null, { statusCode: 500, body: msg }); }
  // ok: no-swallowed-errors
  try { check(event); } catch (e) { console.log('check failed'); }
  // A callback without the error: the cause is dropped.
  // ruleid: no-swallowed-errors
  try { check(event); } catch (e) { callback(null, { statusCode: 500 }); }
  // Counting a failure is not recording it.
  // ruleid: no-swallowed-errors
  try { check(event); } catch (e) { metrics.addMetric('Failed', 1); }
  // ruleid: no-swallowed-errors
  load().then(done, () => {});
  // A partial batch response: Lambda retries the message, then sends it to the dead-letter queue.
  const batchItemFailures = [];
  // ok: no-swallowed-errors
  try { check(event); } catch (e) { batchItemFailures.push({ itemIdentifier: event.messageId }); }
  // ruleid: no-swallowed-errors
  try { check(event); } catch (e) { seen.push(1); }
  // Not a promise handler (zod's .catch takes a default value).
  // ok: no-swallowed-errors
  const schema = z.string().catch('default');
  // ok: no-swallowed-errors
  load().catch(console.error);
  return schema;
};
