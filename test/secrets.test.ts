// The language-neutral secret judgement (server/src/engine/secrets): what is and is not a credential,
// and why. Rules for every language and config format call judgeSecret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { judgeSecret, notASecret } from '../server/src/engine/secrets/judge.js';
import { detectByFormat, detectByName, detectSecret, isReference } from '../server/src/engine/secrets/detect.js';
import { classifyName } from '../server/src/engine/secrets/names.js';

describe('secret judgement: look-alikes are not secrets', () => {
  const notSecrets: [string | undefined, string, string][] = [
    ['tokenHeader', 'Authorization', 'no-secret-name'],
    ['credentialsFileEnv', 'AWS_SHARED_CREDENTIALS_FILE', 'no-secret-name'],
    ['output_token', 'NextToken', 'identifier'],
    ['SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'identifier'],
    ['secretKey', 'AWSSecretKey', 'identifier'],
    ['API_KEY', 'X-Api-Key', 'identifier'],
    ['TOKEN', 'latest/api/token', 'identifier'],
    ['DB_PASSWORD', '/orders/prod/db-password', 'reference'],
    ['DB_SECRET', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf', 'reference'],
    ['DB_PASSWORD', '{{resolve:secretsmanager:prod/db:SecretString:password}}', 'reference'],
    ['API_TOKEN', '${ssm:/orders/api-token}', 'reference'],
    ['ENCRYPTION_KEY', 'alias/orders', 'kms-key'],
    ['MASTER_KEY', 'mrk-1f2e3d4c5b6a79880f1e2d3c4b5a6978', 'kms-key'],
    ['ENCRYPTION_KEY', '0f2e9c8b-47d1-4a3e-b6f5-9d8c7b6a5e4f', 'uuid'],
    ['STRIPE_API_KEY', 'pk_live_51NzQk2LmXv8RtY3wP9sUeHcJ', 'publishable-key'],
    ['DEPLOY_TOKEN', '3f786850e387550fdab836ed7e6dc881de23001b', 'git-sha'],
    ['API_KEY', '6f1c9b1e-7d5e-4d7b-9a83-4f0c2b6e1a55', 'uuid'],
    ['API_KEY', '<your-api-key>', 'placeholder'],
    ['API_KEY', '{{api_key}}', 'placeholder'],
    ['Token', '{aws_session_token}', 'placeholder'],
    ['password', 'changeme', 'placeholder'],
    ['PRIVATE_KEY_FILE', './certs/key.pem', 'no-secret-name'],
    ['privateKey', './certs/key.pem', 'path'],
    ['token', 'refresh', 'plain-word'],
    ['password', 'Use the one in the vault please', 'not-a-credential'],
    ['token', '$$.Task.Token', 'not-a-credential'],
    ['token.$', '$.detail.tokenValue', 'not-a-credential'],
  ];
  for (const [name, value, why] of notSecrets) {
    it(`${name} = ${JSON.stringify(value)}: ${why}`, () => {
      assert.equal(judgeSecret({ name, value }), undefined);
      assert.equal(notASecret(name, value), why);
    });
  }

  it('example keys, placeholders in a provider format, bare PEM headers and local databases are not secrets', () => {
    for (const value of ['AKIAIOSFODNN7EXAMPLE', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '-----BEGIN RSA PRIVATE KEY-----', 'postgres://postgres:postgres@localhost:5432/app', 'postgres://app:${DB_PASSWORD}@db.internal/app']) {
      assert.equal(judgeSecret({ value }), undefined, value);
    }
    assert.equal(judgeSecret({ name: 'aws_secret_access_key', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }), undefined);
  });
});

describe('secret judgement: real secrets', () => {
  const secrets: [string | undefined, string, string][] = [
    [undefined, 'AKIAC36AN57RKC7UEPXC', 'an AWS access key ID'],
    ['aws_secret_access_key', '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', 'an AWS secret access key'],
    [undefined, 'sk_live_mKKC6Z3Lbzmv24KmH7ZKWX91', 'a Stripe live key'],
    [undefined, 'whsec_XG7CvUq5YSDBvPH6HjVpuNcRmP5LK1OE', 'a Stripe webhook signing secret'],
    [undefined, 'xoxb-982147422275-5630805531476-Lky63FR5pVH6rHEMFekFRD5z', 'a Slack token'],
    [undefined, 'ghp_iAILwIyFSkJCg9A1c3aCIedwfjgMD1ZFiD3B', 'a GitHub token'],
    [undefined, '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'a private key'],
    [undefined, 'https://reports:PggeUYPvupSvdSlY4Shs@reports.orders-corp.net/upload', 'a URL with a password'],
    ['SESSION_KEY', 'bZh9sB22pTs4fcM6JX9g0skQEjxMz6Ym', 'a key'],
    ['HMAC_KEY', 'b526d639ede68b306ddc62d21b8bed69', 'a key'],
    ['SIGNING_KEY', 'DSsGFG6qzCOvwUrE5C2ELEfSIUxZ', 'a key'],
    ['JWT_PRIVATE_KEY', 'Uz6Yk9MAUKeM2U1tbLuPueVzNxsMlpktgJY07doKVe8A', 'a key'],
    ['OAUTH_CLIENT_SECRET', '0b3c6f0e-9a41-4a7e-8f25-7c1d2e9b4a60', 'a secret'],
    ['BrokerPassword', 'activemqPassword123', 'a password'],
    ['GatewayToken', 'poc-microvm-token-42', 'a token'],
    ['Authorization', 'Bearer 9f8e7d6c5b4a39281716f5e4d3c2b1a0', 'a bearer token'],
  ];
  for (const [name, value, kind] of secrets) {
    it(`${name ?? '(no name)'}: ${kind}`, () => assert.equal(judgeSecret({ name, value })?.kind, kind));
  }

  it("a database's password counts whatever it looks like, and a plain word is called guessable", () => {
    const database = { id: 'Db', publiclyReachable: true };
    assert.deepEqual(judgeSecret({ name: 'MasterUserPassword', value: 'password', database }), { kind: 'a password', by: 'name', weak: true });
    assert.equal(judgeSecret({ name: 'MasterUserPassword', value: 'password' }), undefined);
    assert.equal(judgeSecret({ name: 'MasterUserPassword', value: '<PASSWORD_UPDATE_ME>', database }), undefined);
    assert.equal(judgeSecret({ name: 'MasterUserPassword', value: '{{resolve:secretsmanager:db}}', database }), undefined);
  });
});

describe('secret judgement: names', () => {
  it('classifies names as strong, weak, reference or none', () => {
    assert.equal(classifyName('DB_PASSWORD'), 'strong');
    assert.equal(classifyName('hmacKey'), 'strong');
    assert.equal(classifyName('SESSION_KEY'), 'strong');
    assert.equal(classifyName('JWT_PRIVATE_KEY'), 'strong');
    assert.equal(classifyName('apiToken'), 'weak');
    assert.equal(classifyName('API_KEY'), 'weak');
    assert.equal(classifyName('tokenHeader'), 'reference');
    assert.equal(classifyName('SECRET_ARN'), 'reference');
    assert.equal(classifyName('passwordMinLength'), 'reference');
    assert.equal(classifyName('AWS_ACCESS_KEY_ID'), 'reference');
    assert.equal(classifyName('S3_KEY'), 'none');
    assert.equal(classifyName('PARTITION_KEY'), 'none');
  });
});

describe('secret judgement: the older exports still work', () => {
  it('detectSecret, detectByName, detectByFormat and isReference', () => {
    assert.equal(detectSecret('DB_PASSWORD', 'Sup3rS3cretPassw0rd!')?.by, 'name');
    assert.equal(detectSecret(undefined, 'AKIAC36AN57RKC7UEPXC')?.by, 'format');
    assert.equal(detectSecret('tokenHeader', 'Authorization'), undefined);
    assert.equal(detectByName('HMAC_KEY', 'b526d639ede68b306ddc62d21b8bed69')?.kind, 'a key');
    assert.equal(detectByFormat('sk_live_mKKC6Z3Lbzmv24KmH7ZKWX91')?.kind, 'a Stripe live key');
    assert.ok(isReference('{{resolve:ssm:/app/key}}'));
    assert.ok(!isReference('Sup3rS3cretPassw0rd!'));
  });
});
