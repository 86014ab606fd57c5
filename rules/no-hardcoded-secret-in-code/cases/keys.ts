// The key names real apps use, and provider formats whatever the name.
import { createHmac } from 'node:crypto';

// ruleid: no-hardcoded-secret-in-code
const SESSION_KEY = 'bZh9sB22pTs4fcM6JX9g0skQEjxMz6Ym';
// ruleid: no-hardcoded-secret-in-code
const HMAC_KEY = 'b526d639ede68b306ddc62d21b8bed69';
// ruleid: no-hardcoded-secret-in-code
const signingKey = 'DSsGFG6qzCOvwUrE5C2ELEfSIUxZ';
// ruleid: no-hardcoded-secret-in-code
const JWT_PRIVATE_KEY = 'Uz6Yk9MAUKeM2U1tbLuPueVzNxsMlpktgJY07doKVe8A';

const credentials = {
  // ruleid: no-hardcoded-secret-in-code
  accessKeyId: 'AKIAC36AN57RKC7UEPXC',
  // ruleid: no-hardcoded-secret-in-code
  secretAccessKey: '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',
};

export async function notify(body: string): Promise<Response> {
  const signature = createHmac('sha256', HMAC_KEY).update(body).digest('hex');
  return fetch('https://api.partner.net/events', {
    method: 'POST',
    headers: {
      // ruleid: no-hardcoded-secret-in-code
      Authorization: 'Bearer 9f8e7d6c5b4a39281716f5e4d3c2b1a0',
      // ok: no-hardcoded-secret-in-code
      'X-Signature': signature,
    },
    body,
  });
}

// ruleid: no-hardcoded-secret-in-code
export const stripeWebhook = 'whsec_XG7CvUq5YSDBvPH6HjVpuNcRmP5LK1OE';

export { SESSION_KEY, signingKey, JWT_PRIVATE_KEY, credentials };
