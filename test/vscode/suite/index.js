// Runs inside the VS Code extension host (--extensionTestsPath): a small sequential runner over
// ./extension.test.js, with TAP-like lines and a closing "N passed, N failed" line. Resolves when
// every test passed, rejects otherwise (VS Code then exits with a non-zero code).
// If FAASGUARD_VSCODE_TEST_RESULT is set, the counts are also written there as JSON.
const fs = require('node:fs');
const { tests } = require('./extension.test.js');

const TIMEOUT_MS = Number(process.env.FAASGUARD_VSCODE_TEST_TIMEOUT ?? 60_000);

async function run() {
  let passed = 0;
  let failed = 0;
  for (const [i, t] of tests.entries()) {
    const start = Date.now();
    let timer;
    try {
      await Promise.race([
        t.fn(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS))),
      ]);
      passed++;
      console.log(`ok ${i + 1} - ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok ${i + 1} - ${t.name}\n${String(e && e.stack ? e.stack : e).replace(/^/gm, '  # ')}`);
    } finally {
      clearTimeout(timer);
    }
  }
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  if (process.env.FAASGUARD_VSCODE_TEST_RESULT) fs.writeFileSync(process.env.FAASGUARD_VSCODE_TEST_RESULT, JSON.stringify({ passed, failed }) + '\n');
  if (failed) throw new Error(`${failed} of ${passed + failed} VS Code tests failed`);
}

module.exports = { run };
