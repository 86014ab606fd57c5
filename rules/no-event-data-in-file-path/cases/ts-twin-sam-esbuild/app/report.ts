import { readFile } from 'fs/promises';

// sam build bundles this file with esbuild: it is the handler the template names.
export const handler = async (event: { queryStringParameters: Record<string, string> }) => {
  // ruleid: no-event-data-in-file-path
  const body = await readFile('/tmp/reports/' + event.queryStringParameters.name, 'utf8');
  return { statusCode: 200, body };
};
