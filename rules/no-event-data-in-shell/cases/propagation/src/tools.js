// Each form of propagation, with a negative next to it. Commands run through a shell.
const { execSync } = require('child_process');

exports.handler = async (event) => {
  // Assignments and re-assignments.
  let name = event.pathParameters.name;
  let copy = name;
  // ruleid: no-event-data-in-shell
  execSync('which ' + copy);
  copy = 'ls';
  // ok: no-event-data-in-shell
  execSync(copy);

  // Destructuring: nested, with defaults and rest.
  const { options: { level = 'info', format } = {}, ...rest } = JSON.parse(event.body);
  // ruleid: no-event-data-in-shell
  execSync(`log --level ${level}`);
  // ruleid: no-event-data-in-shell
  execSync(`fmt ${rest.target}`);
  const { requestContext: { http: { sourceIp } } } = event;
  // ok: no-event-data-in-shell
  execSync(`whois ${sourceIp}`);
  const [first, , third = 'none'] = (event.queryStringParameters?.list ?? '').split(',');
  // ruleid: no-event-data-in-shell
  execSync(`echo ${third}`);

  // Object spread, and property reads and writes.
  const job = { tool: 'convert', ...JSON.parse(event.body) };
  // ruleid: no-event-data-in-shell
  execSync(`run ${job.input}`);
  // ok: no-event-data-in-shell
  execSync(`run ${job.tool}`);
  const settings = { dir: '/tmp' };
  settings.file = event.headers['x-file'];
  // ruleid: no-event-data-in-shell
  execSync(`cat ${settings.dir}/${settings.file}`);
  settings.file = 'README';
  // ok: no-event-data-in-shell
  execSync(`cat ${settings.dir}/${settings.file}`);

  // String methods, decoding and Buffer.
  const cleaned = decodeURIComponent(event.rawPath).trim().toLowerCase().slice(1).replace('/', '-');
  // ruleid: no-event-data-in-shell
  execSync('touch /tmp/' + cleaned);
  // ok: no-event-data-in-shell
  execSync('echo ' + cleaned.length + ' ' + cleaned.includes('x'));
  const decoded = Buffer.from(event.body, 'base64').toString('utf8');
  // ruleid: no-event-data-in-shell
  execSync(`sh -c ${decoded}`);
  // ok: no-event-data-in-shell
  execSync(`echo ${Buffer.from('aGVsbG8=', 'base64').toString()}`);
  const defaults = JSON.parse('{"dir":"/srv"}');
  // ok: no-event-data-in-shell
  execSync(`ls ${defaults.dir} ${decodeURIComponent('%2Ftmp')}`);

  // Array methods.
  const files = JSON.parse(event.body).files.map((f) => `/tmp/${f}`);
  // ruleid: no-event-data-in-shell
  execSync('rm ' + files.join(' '));
  const fixedFiles = ['a.txt', 'b.txt'].concat(['c.txt']).map((f) => f.toUpperCase());
  // ok: no-event-data-in-shell
  execSync('rm ' + fixedFiles.join(' '));
  const all = ['--verbose'].concat(event.multiValueQueryStringParameters.flag);
  // ruleid: no-event-data-in-shell
  execSync(`tool ${all.join(' ')}`);

  // Promises, await and closures.
  const later = await Promise.resolve(event.queryStringParameters.cmd);
  // ruleid: no-event-data-in-shell
  execSync(later);
  const viaThen = await fetchConfig().then((cfg) => `${cfg.tool} ${event.cookies[0]}`);
  // ruleid: no-event-data-in-shell
  execSync(viaThen);
  const resolved = await new Promise((resolve) => setImmediate(() => resolve(event.headers['x-job'])));
  // ruleid: no-event-data-in-shell
  execSync(`job ${resolved}`);
  const constant = await new Promise((resolve) => resolve('uptime'));
  // ok: no-event-data-in-shell
  execSync(constant);
  const run = (suffix) => {
    // ruleid: no-event-data-in-shell
    execSync(`backup ${name}${suffix}`);
  };
  run('.tar');
  const greet = () => 'hello';
  // ok: no-event-data-in-shell
  execSync(`echo ${greet()}`);

  // Helper functions in the same file, summarised once per parameter.
  // ruleid: no-event-data-in-shell
  execSync(wrap(event.headers.host, 'x'));
  // ok: no-event-data-in-shell
  execSync(wrap('localhost', event.headers.host));
  return { statusCode: 204 };
};

function wrap(value, ignored) {
  void ignored;
  return `nslookup ${value}`;
}

async function fetchConfig() {
  return { tool: 'jq' };
}
