const { findByRegion, countByStatus, latest } = require('./lib/queries');
const queries = require('./lib/queries.js');

module.exports.report = async (event) => {
  const params = event.queryStringParameters ?? {};
  const rows = await findByRegion(params.region, 'eu-west-1');
  // The helper only puts its second argument into the SQL text: a constant here.
  const counts = await countByStatus('open', params.region);
  const recent = await queries.latest(Number(params.limit));
  return { statusCode: 200, body: JSON.stringify({ rows, counts, recent, other: latest }) };
};
