import { exec } from 'child_process';
import { promisify } from 'util';
import { quote } from 'shell-quote';

const execAsync = promisify(exec);
const ALLOWED = new Set(['status', 'version']);

async function runTool(tool, arg) {
  // ruleid: no-event-data-in-shell
  return execAsync(`${tool} --format json ${arg}`);
}

export const handler = async (event) => {
  const body = JSON.parse(event.body ?? '{}');
  const { tool, target } = body;
  // The source IP is not attacker-controlled request data.
  // ok: no-event-data-in-shell
  await execAsync(`echo ${event.requestContext.http.sourceIp}`);
  // ok: no-event-data-in-shell
  await execAsync(`ping -c 1 ${quote([target])}`);
  const count = parseInt(event.queryStringParameters?.count ?? '1', 10);
  // ok: no-event-data-in-shell
  await execAsync(`seq ${count}`);
  if (!ALLOWED.has(tool)) {
    return { statusCode: 400, body: 'unknown tool' };
  }
  // ok: no-event-data-in-shell
  await execAsync(`mytool ${tool}`);
  return runTool('mytool', target);
};
