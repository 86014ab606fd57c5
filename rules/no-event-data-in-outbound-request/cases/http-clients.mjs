// No config names this handler: the whole event is attacker data.
import fetch from 'node-fetch';
import got from 'got';
import https from 'node:https';
import { request } from 'undici';

export const handler = async (event, context) => {
  const { target, host, id } = event;
  // ruleid: no-event-data-in-outbound-request
  await fetch(target);
  // ruleid: no-event-data-in-outbound-request
  await globalThis.fetch(new URL(target, 'https://api.example.com'));
  // ok: no-event-data-in-outbound-request
  await fetch('https://api.example.com/items?id=' + encodeURIComponent(id));
  // ruleid: no-event-data-in-outbound-request
  await got(`https://${host}/health`);
  // ok: no-event-data-in-outbound-request
  await got('https://api.example.com/health', { searchParams: { id } });
  // ruleid: no-event-data-in-outbound-request
  https.get({ hostname: host, path: '/' }, (res) => res.resume());
  // ok: no-event-data-in-outbound-request
  https.get({ hostname: 'api.example.com', path: `/items/${encodeURIComponent(id)}` }, (res) => res.resume());
  // One request is one finding: the host and the path it is sent to are one flow into one sink.
  https.request({
    method: 'GET',
    // ruleid: no-event-data-in-outbound-request
    hostname: host,
    // ok: no-event-data-in-outbound-request
    path: `/${target}`,
  }).end();
  https.request({
    hostname: 'api.example.com',
    // ruleid: no-event-data-in-outbound-request
    path: target,
  }).end();
  // ruleid: no-event-data-in-outbound-request
  await request(target);
  return { ok: true };
};
