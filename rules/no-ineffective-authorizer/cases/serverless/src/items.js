exports.list = async () => ({ statusCode: 200, body: '[]' });
