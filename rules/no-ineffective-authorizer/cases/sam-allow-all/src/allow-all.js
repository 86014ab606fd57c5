// A placeholder authorizer: it logs the token and lets the request through.
const policy = (principalId, effect, resource) => ({
  principalId,
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
});

exports.handler = async (event) => {
  console.log('token', event.authorizationToken ? 'present' : 'missing');
  if (!event.authorizationToken) {
    return policy('anonymous', 'Allow', event.methodArn);
  }
  return policy('user', 'Allow', event.methodArn);
};
