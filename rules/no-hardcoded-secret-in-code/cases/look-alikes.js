// Literals under secret-like names that are not secrets: names, references, ids and placeholders.
const AWS = require('aws-sdk');

const settings = {
  // Names of headers, fields and environment variables.
  // ok: no-hardcoded-secret-in-code
  tokenHeader: 'Authorization',
  // ok: no-hardcoded-secret-in-code
  credentialsFileEnv: 'AWS_SHARED_CREDENTIALS_FILE',
  // ok: no-hardcoded-secret-in-code
  output_token: 'NextToken',
  // ok: no-hardcoded-secret-in-code
  secretKey: 'AWSSecretKey',
  // ok: no-hardcoded-secret-in-code
  accessKey: 'aws_access_key_id',
  // ok: no-hardcoded-secret-in-code
  apiKeySecret: 'API_KEY_SECRET',
  // ok: no-hardcoded-secret-in-code
  tokenPath: 'latest/api/token',
  // Where the secret is kept.
  // ok: no-hardcoded-secret-in-code
  dbPassword: '/orders/prod/db-password',
  // ok: no-hardcoded-secret-in-code
  apiSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-api-Ab12Cd',
  // KMS keys, publishable keys, git SHAs, client ids.
  // ok: no-hardcoded-secret-in-code
  encryptionKey: 'alias/orders-data',
  // ok: no-hardcoded-secret-in-code
  stripeApiKey: 'pk_live_51NzQk2LmXv8RtY3wP9sUeHcJ',
  // ok: no-hardcoded-secret-in-code
  buildToken: '3f786850e387550fdab836ed7e6dc881de23001b',
  // ok: no-hardcoded-secret-in-code
  appKey: '6f1c9b1e-7d5e-4d7b-9a83-4f0c2b6e1a55',
  // Placeholders, templates, examples and local development defaults.
  // ok: no-hardcoded-secret-in-code
  apiToken: '<your-api-token>',
  // ok: no-hardcoded-secret-in-code
  sessionToken: '{aws_session_token}',
  // ok: no-hardcoded-secret-in-code
  webhookSecret: '{{webhook_secret}}',
  // ok: no-hardcoded-secret-in-code
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  // ok: no-hardcoded-secret-in-code
  databaseUrl: 'postgres://postgres:postgres@localhost:5432/orders',
  // A PEM header alone is a constant for parsing keys, not a key.
  // ok: no-hardcoded-secret-in-code
  privateKeyHeader: '-----BEGIN PRIVATE KEY-----',
};

const secrets = new AWS.SecretsManager();
module.exports = { settings, secrets };
