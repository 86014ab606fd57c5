const vm = require('node:vm');
const { unmarshall } = require('@aws-sdk/util-dynamodb');

exports.handler = async (event) => {
  for (const record of event.Records) {
    // The images hold what users wrote to the table.
    const rule = unmarshall(record.dynamodb.NewImage);
    // ruleid: no-event-data-in-code-eval
    vm.runInNewContext(rule.condition, { order: {} });
    // ruleid: no-event-data-in-code-eval
    const previous = eval(record.dynamodb.OldImage.condition.S);
    console.log('previous rule', previous);
    // The event name and sequence number are set by DynamoDB.
    // ok: no-event-data-in-code-eval
    vm.runInNewContext(`log("${record.eventName} ${record.dynamodb.SequenceNumber}")`, { log: console.log });
  }
};
