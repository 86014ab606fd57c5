// No config names this handler: the whole event is attacker data.
const { exec, execSync } = require('child_process');

exports.handler = async (event, context) => {
  const name = event.name;
  // ruleid: no-event-data-in-shell
  exec(`convert ${name} -resize 100x100 /tmp/thumb.png`, (err) => {
    if (err) console.error(err);
  });
  // ruleid: no-event-data-in-shell
  const listing = execSync('ls -la /tmp/' + name);
  // ok: no-event-data-in-shell
  execSync('ls -la /tmp');
  const FIXED = 'uptime';
  // ok: no-event-data-in-shell
  execSync(FIXED);
  return { listing: String(listing) };
};
