export async function handler(event) {
  const { delay, code } = JSON.parse(event.body);
  // ruleid: no-event-data-in-code-eval
  setTimeout(code, 10);
  // A function callback is code we wrote, whatever data it uses.
  // ok: no-event-data-in-code-eval
  setTimeout(() => console.log(code), Number(delay));
  return { statusCode: 202 };
}
