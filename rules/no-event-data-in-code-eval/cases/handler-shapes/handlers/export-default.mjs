export default async function (event) {
  // ruleid: no-event-data-in-code-eval
  setInterval('tick(' + event.headers['x-tick'] + ')', 1000);
  // ok: no-event-data-in-code-eval
  setInterval('tick(1)', 1000);
  return { statusCode: 204 };
}
