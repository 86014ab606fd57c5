const middy = require('@middy/core');
const jsonBodyParser = require('@middy/http-json-body-parser');

const baseHandler = async (event) => {
  // ruleid: no-event-data-in-code-eval
  const value = eval(`(${event.body.settings})`);
  // ok: no-event-data-in-code-eval
  const version = eval('process.version');
  return { statusCode: 200, body: JSON.stringify({ value, version }) };
};

exports.handler = middy(baseHandler).use(jsonBodyParser());
