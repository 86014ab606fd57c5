const vm = require('vm');

module.exports.handler = async (event) => {
  const sandbox = { result: 0 };
  // ruleid: no-event-data-in-code-eval
  vm.runInNewContext(`result = ${event.body}`, sandbox);
  // ok: no-event-data-in-code-eval
  vm.runInNewContext('result = 6 * 7', sandbox);
  return { statusCode: 200, body: String(sandbox.result) };
};
