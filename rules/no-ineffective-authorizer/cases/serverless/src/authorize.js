exports.handler = async (event) => {
  const user = event.headers?.['x-user'] ?? 'guest';
  return { isAuthorized: true, context: { user } };
};
