exports.handler = async (event) => {
  // ok: no-sensitive-data-in-logs
  console.log('Triggered by the schedule', JSON.stringify(event));
  // ruleid: no-sensitive-data-in-logs
  console.log('environment', process.env);
};
