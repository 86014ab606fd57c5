const winston = require('winston');
const log = winston.createLogger({ level: 'info' });

// A logger passed in counts as logging.
function processRecords(records, logger) {
  for (const r of records) {
    try {
      handle(r);
      // ok: no-swallowed-errors
    } catch (e) {
      logger.error('record failed', { id: r.id, e });
    }
  }
}

exports.handler = async (event) => {
  processRecords(event.Records, log);
  try {
    await flush();
    // ruleid: no-swallowed-errors
  } catch (e) {
    // best effort
  }
  return { batchItemFailures: [] };
};
