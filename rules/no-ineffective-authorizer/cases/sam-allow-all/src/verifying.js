const { CognitoJwtVerifier } = require('aws-jwt-verify');
const verifier = CognitoJwtVerifier.create({ userPoolId: process.env.POOL_ID, tokenUse: 'access', clientId: process.env.CLIENT_ID });

exports.handler = async (event) => {
  const claims = await verifier.verify(event.authorizationToken);
  return {
    principalId: claims.sub,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
  };
};
