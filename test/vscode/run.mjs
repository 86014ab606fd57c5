// `npm run test:vscode`: the @vscode/test-electron suite (./suite) inside a real desktop VS Code,
// against a fresh copy of examples/vulnerable-app. Which VS Code:
//   VSCODE_EXECUTABLE=/path/to/code   a VS Code you already have (no download);
//   otherwise a copy cached in .vscode-test/, or one downloaded there (VSCODE_VERSION, default
//   "stable"), after a 5-second reachability check instead of a long network timeout.
// When no desktop VS Code can be had: the same suite runs in code-server's extension host if the
// e2e tools are installed (test/e2e/install.sh; FAASGUARD_NO_CODE_SERVER=1 turns this off), and
// otherwise it is SKIPPED with a message and exit code 0.
// On Linux, Electron needs a display: DISPLAY, or xvfb-run (used automatically when installed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const cachePath = path.join(root, '.vscode-test');
const version = process.env.VSCODE_VERSION ?? 'stable';
const PROBE = 'https://update.code.visualstudio.com/api/releases/stable';

function skip(why) {
  console.log(`SKIPPED: the VS Code extension-host tests did not run: ${why}`);
  console.log('  To run them: set VSCODE_EXECUTABLE to a VS Code executable, or allow downloads from update.code.visualstudio.com');
  console.log('  (the copy is cached in .vscode-test/). The code-server e2e test (test/e2e/) covers the same features offline.');
  console.log('vscode: 0 passed, 0 failed, 1 skipped');
  process.exit(0);
}

async function reachable(url, ms) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(ms) });
    return r.ok;
  } catch {
    return false;
  }
}

// Electron on Linux without a display: re-run under xvfb-run when it is there.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.FAASGUARD_UNDER_XVFB) {
  const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
  if (hasXvfb) {
    const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, FAASGUARD_UNDER_XVFB: '1' } });
    process.exit(r.status ?? 1);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'faasguard-vscode-test-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
const ws = path.join(work, 'vulnerable-app');
fs.cpSync(path.join(root, 'examples', 'vulnerable-app'), ws, { recursive: true });

/** No desktop VS Code: the same suite in code-server's extension host, when the e2e tools are installed. */
async function fallbackOrSkip(why) {
  const tools = process.env.E2E_TOOLS ?? path.join(root, '.vscode-e2e');
  const haveTools = fs.existsSync(path.join(tools, 'node_modules', 'code-server', 'out', 'node', 'entry.js')) && fs.existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium');
  if (!haveTools || process.env.FAASGUARD_NO_CODE_SERVER) skip(`${why}; and the code-server tools (test/e2e/install.sh) are not installed either`);
  console.log(`No desktop VS Code (${why}).`);
  console.log("Running the suite in code-server's extension host instead (VS Code 1.100.3 server, test/e2e/install.sh).");
  const { runInCodeServer } = await import('./code-server-host.mjs');
  try {
    const { passed, failed, summarySeen } = await runInCodeServer({ tools, root, ws, work: path.join(work, 'code-server') });
    if (!summarySeen) console.log(`vscode: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  } catch (e) {
    console.error(`VS Code tests failed in code-server: ${e.message}`);
    for (const f of ['code-server.log', 'code-server.err']) {
      const file = path.join(work, 'code-server', f);
      if (fs.existsSync(file)) console.error(`--- ${f}\n${fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n')}`);
    }
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  }
}

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
if (vscodeExecutablePath && !fs.existsSync(vscodeExecutablePath)) {
  console.error(`VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist`);
  process.exit(1);
}
const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
if (!vscodeExecutablePath) {
  const cached = fs.existsSync(cachePath) && fs.readdirSync(cachePath).some((d) => d.startsWith('vscode-'));
  if (!cached && !(await reachable(PROBE, 5_000))) await fallbackOrSkip('no VSCODE_EXECUTABLE, no cached copy in .vscode-test/, and VS Code cannot be downloaded from here');
  try {
    // With a cached copy and no network, test-electron falls back to the cached version.
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath, timeout: 15_000 });
  } catch (e) {
    await fallbackOrSkip(`VS Code could not be downloaded (${e.message})`);
  }
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  await fallbackOrSkip('no display for Electron (set DISPLAY, or install xvfb so that xvfb-run is on PATH)');
}

const resultFile = path.join(work, 'result.json');
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(here, 'suite', 'index.js'),
    extensionTestsEnv: { FAASGUARD_VSCODE_TEST_RESULT: resultFile },
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(work, 'user-data')],
  });
} catch (e) {
  console.error(`VS Code tests failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (fs.existsSync(resultFile)) {
    const { passed, failed } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    console.log(`vscode: ${passed} passed, ${failed} failed`);
  }
}
