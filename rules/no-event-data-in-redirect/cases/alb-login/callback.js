const ALLOWED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);

exports.handler = async (event) => {
  const next = event.queryStringParameters.next;
  const mode = event.queryStringParameters.mode;
  if (mode === 'direct') {
    // ruleid: no-event-data-in-redirect
    return { statusCode: 302, headers: { Location: next } };
  }
  if (mode === 'relative') {
    // `/` followed by `/evil.example` is another host.
    // ruleid: no-event-data-in-redirect
    return { statusCode: 302, headers: { location: '/' + next } };
  }
  if (mode === 'app') {
    // A path under a fixed folder stays on this site.
    // ok: no-event-data-in-redirect
    return { statusCode: 302, headers: { location: `/app/${next}` } };
  }
  if (mode === 'health') {
    // The target group is set by the load balancer, not by the caller.
    // ok: no-event-data-in-redirect
    return { statusCode: 302, headers: { Location: `https://status.example.com/?tg=${event.requestContext.elb.targetGroupArn}` } };
  }
  if (mode === 'multi') {
    // ruleid: no-event-data-in-redirect
    return { statusCode: 302, multiValueHeaders: { Location: [next] } };
  }
  const url = new URL(next, 'https://app.example.com');
  if (!ALLOWED_ORIGINS.has(url.origin)) {
    return { statusCode: 400, body: 'unknown origin' };
  }
  // ok: no-event-data-in-redirect
  return { statusCode: 302, headers: { Location: url.href } };
};
