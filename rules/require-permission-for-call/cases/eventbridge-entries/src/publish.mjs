import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const events = new EventBridgeClient({});

export const handler = async () => {
  const detail = JSON.stringify({ status: 'DELIVERED' });
  // ok: require-permission-for-call
  await events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'orders', Source: 'shop', DetailType: 'Delivered', Detail: detail }] }));
  // The bus comes from a parameter: which bus it is is not known here, so no claim is made.
  // ok: require-permission-for-call
  await events.send(new PutEventsCommand({ Entries: [{ EventBusName: process.env.BUS_ARN, Source: 'shop', DetailType: 'Delivered', Detail: detail }] }));
  // No bus named: the default bus, which the policy does not cover.
  // ruleid: require-permission-for-call
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Delivered', Detail: detail }] }));
};
