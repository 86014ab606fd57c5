exports.handler = async (event) => {
  const claims = event.requestContext.authorizer.jwt.claims;
  return { statusCode: 200, body: JSON.stringify({ user: claims.sub }) };
};
