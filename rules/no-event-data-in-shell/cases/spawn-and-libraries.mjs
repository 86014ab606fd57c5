// No config names this handler: the whole event is attacker data.
import { spawn, execFile } from 'node:child_process';
import shell from 'shelljs';
import { execa, execaCommand } from 'execa';

export async function handler(event, context) {
  const { repo, branch } = event;
  // A shell started by hand is still a shell.
  // ruleid: no-event-data-in-shell
  spawn('bash', ['-c', `git clone ${repo}`]);
  // The data is an argument of a script, not a command.
  // ok: no-event-data-in-shell
  spawn('bash', ['./clone.sh', repo]);
  // A command taken from the event.
  // ruleid: no-event-data-in-shell
  execFile(event.tool, ['--version']);
  // ok: no-event-data-in-shell
  execFile('git', ['checkout', branch], { cwd: '/tmp/repo' });
  // ruleid: no-event-data-in-shell
  execFile('git', ['checkout', branch], { cwd: '/tmp/repo', shell: true });
  // ok: no-event-data-in-shell
  execFile('git', ['checkout', branch], { shell: false });

  // ruleid: no-event-data-in-shell
  shell.exec(`git log ${branch}`);
  // ok: no-event-data-in-shell
  shell.exec('git log -1');

  // ruleid: no-event-data-in-shell
  await execaCommand(`git fetch ${repo}`);
  // ok: no-event-data-in-shell
  await execa('git', ['fetch', repo]);
  // ruleid: no-event-data-in-shell
  await execa('git', ['fetch', repo], { shell: true });
  return { ok: true };
}
