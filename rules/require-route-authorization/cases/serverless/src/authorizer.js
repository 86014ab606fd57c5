const jwt = require('jsonwebtoken');

exports.handler = async (event) => {
  const claims = jwt.verify(event.authorizationToken, process.env.KEY);
  return { principalId: claims.sub, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] } };
};
