// Runs the extension-host suite (./suite) in the extension host of code-server 4.100.3 (VS Code
// 1.100.3's server), for machines that have no desktop VS Code but have the e2e tools
// (test/e2e/install.sh). The workbench is opened in headless Chromium with the same URL payload
// VS Code uses for remote extension tests: extensionDevelopmentPath + extensionTestsPath.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

/** Resolves with { passed, failed, summarySeen } or throws; prints the suite's own lines as they come. */
export async function runInCodeServer({ tools, root, ws, work, timeoutMs = 300_000 }) {
  const require = createRequire(path.join(tools, 'package.json'));
  const { chromium } = require('playwright-core');
  const result = path.join(work, 'result.json');
  fs.mkdirSync(path.join(work, 'ud', 'User'), { recursive: true });
  fs.mkdirSync(path.join(work, 'ext'), { recursive: true });
  fs.writeFileSync(path.join(work, 'ud', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'chat.disableAIFeatures': true,
    'typescript.disableAutomaticTypeAcquisition': true, // no npm (the network) for @types of opened .js files
  }, null, 2));
  fs.writeFileSync(path.join(work, 'config.yaml'), 'auth: none\ncert: false\n');
  const port = await freePort();
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(work, 'xdg'), XDG_DATA_HOME: path.join(work, 'xdg'), FAASGUARD_VSCODE_TEST_RESULT: result };
  const server = spawn(process.execPath, [path.join(tools, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    '--config', path.join(work, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', path.join(work, 'ud'), '--extensions-dir', path.join(work, 'ext')],
  { env, detached: true, stdio: ['ignore', fs.openSync(path.join(work, 'code-server.log'), 'w'), fs.openSync(path.join(work, 'code-server.err'), 'w')] });
  let browser;
  try {
    const base = `http://127.0.0.1:${port}`;
    for (const end = Date.now() + 30_000; ;) {
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      if (Date.now() > end) throw new Error('code-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(work, 'xdg'), XDG_CACHE_HOME: path.join(work, 'xdg') } });
    const page = await browser.newPage();
    // The extension host's console reaches the page console: print the suite's lines.
    let summarySeen = false;
    page.on('console', (m) => {
      const line = m.text().replace(/^%c\s*\w+\s+color: #\w+\s*/, '');
      if (/^(ok|not ok) \d|^\s+#|^vscode: /.test(line)) console.log(line);
      if (line.startsWith('vscode: ')) summarySeen = true;
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(root)], ['extensionTestsPath', remote(path.join(root, 'test', 'vscode', 'suite', 'index.js'))]];
    await page.goto(`${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    for (const end = Date.now() + timeoutMs; !fs.existsSync(result);) {
      if (Date.now() > end) throw new Error(`the suite did not finish within ${timeoutMs / 1000}s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // The result file is written just before the last console line: let that line arrive too.
    for (const end = Date.now() + 10_000; !summarySeen && Date.now() < end;) await new Promise((r) => setTimeout(r, 100));
    return { ...JSON.parse(fs.readFileSync(result, 'utf8')), summarySeen };
  } finally {
    await browser?.close();
    try {
      process.kill(-server.pid, 'SIGTERM'); // its own process group (detached): code-server and its children
    } catch {}
  }
}
