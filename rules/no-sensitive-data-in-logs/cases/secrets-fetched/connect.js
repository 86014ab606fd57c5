const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');

const client = new SecretsManagerClient({});
const ssm = new SSMClient({});

exports.handler = async () => {
  const data = await client.send(new GetSecretValueCommand({ SecretId: 'db' }));
  // ruleid: no-sensitive-data-in-logs
  console.log('secret response', data);
  const creds = JSON.parse(data.SecretString);
  // ruleid: no-sensitive-data-in-logs
  console.log(`connecting as ${creds.username} with ${creds.password}`);
  // ok: no-sensitive-data-in-logs
  console.log('using version', data.VersionId);
  const param = await ssm.send(new GetParameterCommand({ Name: '/app/key', WithDecryption: true }));
  // ruleid: no-sensitive-data-in-logs
  console.log('key', param.Parameter.Value);
  const plain = await ssm.send(new GetParameterCommand({ Name: '/app/stage' }));
  // ok: no-sensitive-data-in-logs
  console.log('stage', plain.Parameter.Value);
  return { statusCode: 200 };
};
