import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const events = new EventBridgeClient({});

export const handler = async (event) => {
  // ok: require-permission-for-call
  await events.send(new PutEventsCommand({ Entries: [{ EventBusName: process.env.BUS, Source: 'orders', DetailType: 'created', Detail: JSON.stringify({ id: event.id }) }] }));
};
