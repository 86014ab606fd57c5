// Test files hold fake credentials on purpose: not reported.
// ok: no-hardcoded-secret-in-code
const fake = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
module.exports = { fake };
