exports.handler = function (event, context, callback) {
  // ruleid: no-event-data-in-code-eval
  const result = eval(event.body);
  // ok: no-event-data-in-code-eval
  const two = eval('1 + 1');
  callback(null, { statusCode: 200, body: String(result + two) });
};
