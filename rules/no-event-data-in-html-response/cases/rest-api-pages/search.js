const escapeHtml = require('escape-html');

exports.handler = async (event) => {
  const q = event.queryStringParameters?.q ?? '';
  if (event.queryStringParameters?.format === 'json') {
    // JSON is not parsed as HTML by the browser.
    // ok: no-event-data-in-html-response
    return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q }) };
  }
  if (event.queryStringParameters?.safe) {
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      // ok: no-event-data-in-html-response
      body: `<h1>Results for ${escapeHtml(q)}</h1>`,
    };
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    // ruleid: no-event-data-in-html-response
    body: `<h1>Results for ${q}</h1>`,
  };
};
