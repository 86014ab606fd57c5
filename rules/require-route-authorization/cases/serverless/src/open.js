exports.list = async () => ({ statusCode: 200, body: JSON.stringify([]) });
exports.orders = async (event) => ({ statusCode: 201, body: event.body });
exports.admin = async () => ({ statusCode: 204 });
