// Fault injection for the tests of the analysis worker's watchdog, and nothing else: when (and only
// when) the environment variable FAASGUARD_TEST_WORKER_FAULT is `hang:<marker>` or `crash:<marker>`,
// the worker hangs or crashes as it starts on a file whose text contains the marker; when it is
// `slow:<ms>:<marker>`, each read of a file or folder whose path contains the marker takes that
// long (a model phase as long as a huge workspace's, from a few files). Unset (as everywhere but in
// those tests), this does nothing.
const spec = /^(hang|crash):(.+)$/.exec(process.env.FAASGUARD_TEST_WORKER_FAULT ?? '');
const slow = /^slow:(\d+):(.+)$/.exec(process.env.FAASGUARD_TEST_WORKER_FAULT ?? '');

export function injectedDelay(file: string): void {
  if (!slow || !file.includes(slow[2])) return;
  const until = Date.now() + Number(slow[1]);
  while (Date.now() < until) {
    // an injected slow read: the worker's thread is held, as by real work
  }
}

export function injectedFault(read: () => string | undefined): void {
  if (!spec || !read()?.includes(spec[2])) return;
  // In a worker thread, exit ends the thread (not the process): what a crash of the worker looks like.
  if (spec[1] === 'crash') process.exit(70);
  for (;;) {
    // an injected hang: only the watchdog ends it
  }
}
