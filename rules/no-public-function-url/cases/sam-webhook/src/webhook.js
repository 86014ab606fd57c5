const crypto = require('crypto');

exports.handler = async (event) => {
  const sig = event.headers['x-hub-signature-256'] ?? '';
  const mac = 'sha256=' + crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(event.body).digest('hex');
  if (sig.length !== mac.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(mac))) {
    return { statusCode: 401 };
  }
  return { statusCode: 204 };
};
