exports.handler = async (event) => {
  // ruleid: no-sensitive-data-in-logs
  console.log('event', JSON.stringify(event));
};
