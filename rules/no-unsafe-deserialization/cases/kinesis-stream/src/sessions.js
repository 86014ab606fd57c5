const serialize = require('node-serialize');

exports.handler = async (event) => {
  const sessions = [];
  for (const record of event.Records) {
    const payload = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
    // ruleid: no-unsafe-deserialization
    sessions.push(serialize.unserialize(payload));
    // JSON.parse builds plain data: no functions, no code.
    // ok: no-unsafe-deserialization
    sessions.push(JSON.parse(payload));
    // The partition key and sequence number are not the record's data.
    // ok: no-unsafe-deserialization
    sessions.push(serialize.unserialize(`{"key":"${record.kinesis.partitionKey}","seq":"${record.kinesis.sequenceNumber}"}`));
  }
  return sessions;
};
