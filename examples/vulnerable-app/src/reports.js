// HTTP API: GET /reports/{name}
const fs = require('fs/promises');
const path = require('path');

const REPORTS_DIR = '/opt/reports';

module.exports.get = async (event) => {
  const name = event.pathParameters.name;
  const file = path.join(REPORTS_DIR, name);
  const body = await fs.readFile(file, 'utf8');
  return { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body };
};
