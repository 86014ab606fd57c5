import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'orders' });
const noop = () => {};

export const handler = async (event: { id: string }) => {
  try {
    await work(event.id);
    // ruleid: no-swallowed-errors
  } catch (error) {
    return { statusCode: 502 };
  }

  await new Promise((resolve, reject) => {
    try {
      resolve(compute());
      // ok: no-swallowed-errors
    } catch (e) {
      reject(e);
    }
  });

  try {
    await notify(event.id);
    // ruleid: no-swallowed-errors
  } catch (e) {}

  // ok: no-swallowed-errors
  await send(event).catch((e) => logger.warn('send failed', e as Error));
  // ruleid: no-swallowed-errors
  await send(event).catch(noop);

  try {
    return { statusCode: 200, body: await render(event) };
    // The error goes back in the response.
    // ok: no-swallowed-errors
  } catch (e) {
    return { statusCode: 500, body: (e as Error).message };
  }
};
