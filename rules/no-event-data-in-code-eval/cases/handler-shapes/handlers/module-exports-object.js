async function handler(event) {
  // ruleid: no-event-data-in-code-eval
  const fn = new Function('x', event.queryStringParameters.expr);
  // ok: no-event-data-in-code-eval
  const id = new Function('x', 'return x');
  return { statusCode: 200, body: String(fn(1) + id(1)) };
}

module.exports = { handler };
