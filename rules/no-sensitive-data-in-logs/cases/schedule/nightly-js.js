exports.handler = async (event) => {
  // ok: no-sensitive-data-in-logs
  console.log('scheduled run', JSON.stringify(event));
  // ruleid: no-sensitive-data-in-logs
  console.log('env', process.env);
};
