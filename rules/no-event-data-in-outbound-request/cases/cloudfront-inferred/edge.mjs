// No config names this function: `Records[].cf` says it is a Lambda@Edge handler.
export const handler = async (event) => {
  const { request } = event.Records[0].cf;
  // ok: no-event-data-in-outbound-request
  await fetch(`https://${request.origin.custom.domainName}/health`);
  // ruleid: no-event-data-in-outbound-request
  await fetch(`https://${request.headers.host[0].value}/items`);
  return request;
};
