// Lambda@Edge: the viewer sends the URI, query string, headers and body; the origin and the
// distribution's config come from CloudFront.
exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  const origin = request.origin.custom.domainName;
  // ok: no-event-data-in-outbound-request
  await fetch(`https://${origin}/health`);
  // ok: no-event-data-in-outbound-request
  await fetch(`https://${event.Records[0].cf.config.distributionDomainName}/status`);
  // ruleid: no-event-data-in-outbound-request
  await fetch(`https://${request.headers['x-backend'][0].value}/items`);
  // ruleid: no-event-data-in-outbound-request
  await fetch(new URL(request.querystring.replace(/^url=/, '')));
  return request;
};
