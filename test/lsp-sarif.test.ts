// The editor's SARIF export (workspace/executeCommand faasguard.exportSarif, written by the client
// as JSON with two-space indent) is byte for byte the CLI's SARIF of the same folder: the same
// report/ module makes both, with the same automation id and fingerprints.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from './lsp-client.js';

const REPO = path.join(__dirname, '..', '..');

describe('SARIF export of the language server', () => {
  let ws: string;
  let client: LspClient;

  before(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-lsp-sarif-'));
    fs.cpSync(path.join(REPO, 'examples', 'vulnerable-app'), ws, { recursive: true });
    client = new LspClient();
    await client.initialize(ws);
  });

  after(() => {
    if (client.proc.exitCode === null) client.proc.kill();
  });

  it('is the CLI SARIF of the workspace folder', async () => {
    const r = await client.request<{ root: string; sarif: { runs: { automationDetails: { id: string }; results: unknown[] }[] } }>('workspace/executeCommand', { command: 'faasguard.exportSarif', arguments: [] });
    assert.equal(r.root, ws);
    const fromCli = execFileSync(process.execPath, [path.join(REPO, 'bin', 'faasguard.js'), 'scan', ws, '--format', 'sarif', '--fail-on', 'none'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.equal(JSON.stringify(r.sarif, null, 2) + '\n', fromCli);
    assert.equal(r.sarif.runs[0].automationDetails.id, `faasguard/${path.basename(ws)}/`);
    assert.ok(r.sarif.runs[0].results.length > 30);
  });
});
