const jwt = require('jsonwebtoken');

module.exports.handler = (event, context, callback) => {
  jwt.verify(event.authorizationToken, process.env.KEY, (err, claims) => {
    if (err) return callback('Unauthorized');
    callback(null, { principalId: claims.sub, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] } });
  });
};
