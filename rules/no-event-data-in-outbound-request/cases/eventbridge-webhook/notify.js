const axios = require('axios');

const API = 'https://api.internal.example.com';

exports.handler = async (event) => {
  const { webhookUrl, orderId, customerHost } = event.detail;
  // ruleid: no-event-data-in-outbound-request
  await axios.post(webhookUrl, { orderId });
  // Encoded data in the path of a fixed host cannot change where the request goes.
  // ok: no-event-data-in-outbound-request
  await axios.get(`${API}/orders/${encodeURIComponent(orderId)}`);
  // ...but encoding does not help when the data is the host.
  // ruleid: no-event-data-in-outbound-request
  await axios.get(`https://${encodeURIComponent(customerHost)}/status`);
  // Unencoded data in the path can still add `@evil.example` or `/../`: reported.
  // ruleid: no-event-data-in-outbound-request
  await axios.get(API + '/orders/' + orderId);
  // The event's source and account are set by EventBridge.
  // ok: no-event-data-in-outbound-request
  await axios.get(`https://${event.source}.example.com/${event.account}`);
  // ruleid: no-event-data-in-outbound-request
  await axios({ method: 'post', url: webhookUrl, data: { orderId } });
};
