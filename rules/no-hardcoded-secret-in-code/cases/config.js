// Credentials in code, and things that only look like them.
// ruleid: no-hardcoded-secret-in-code
const AWS_KEY = 'AKIA2IWY2SQ5LTXI5P4Y';
// ruleid: no-hardcoded-secret-in-code
const slack = 'xoxb-982147422275-5630805531476-Lky63FR5pVH6rHEMFekFRD5z';

const config = {
  // ruleid: no-hardcoded-secret-in-code
  dbPassword: 'Sup3rS3cretPassw0rd!',
  // ok: no-hardcoded-secret-in-code
  dbPasswordParam: '/orders/db-password',
  // ok: no-hardcoded-secret-in-code
  apiToken: process.env.API_TOKEN,
  // ok: no-hardcoded-secret-in-code
  tokenHeader: 'x-api-token',
  // A default for a missing environment variable is still a literal credential.
  // ruleid: no-hardcoded-secret-in-code
  signingSecret: process.env.SIGNING_SECRET || 'f3c1b2a9e8d74c6b5a4f3e2d1c0b9a8f',
};

let clientSecret;
// ruleid: no-hardcoded-secret-in-code
clientSecret = 'q8Fz2LmN7xR4vT1wY6uB9cD3eG5hJ0kP';
// ok: no-hardcoded-secret-in-code
const password = 'changeme';

module.exports = { AWS_KEY, slack, config, clientSecret, password };
