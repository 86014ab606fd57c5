// The disk host's view for one analysis pass: one stat and one read per file while a pass runs,
// the disk as it is now outside of one, and open editor buffers always as they are now.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskHost, OverlayHost } from '../server/src/engine/host.js';

describe('disk host snapshots', () => {
  it('answers from one view of the disk during a pass, and from the disk after it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-host-'));
    const f = path.join(dir, 'a.yml');
    fs.writeFileSync(f, 'one');
    const host = new DiskHost();
    const end = host.snapshot();
    assert.equal(host.readFile(f), 'one');
    const v1 = host.version(f);
    fs.writeFileSync(f, 'three');
    assert.equal(host.readFile(f), 'one');
    assert.equal(host.version(f), v1);
    assert.equal(host.size(f), 3);
    // A nested pass shares the view; it ends with the outer one.
    const inner = host.snapshot();
    inner();
    assert.equal(host.readFile(f), 'one');
    end();
    end(); // ending twice is harmless
    assert.equal(host.readFile(f), 'three');
    assert.equal(host.size(f), 5);
    assert.equal(host.version(path.join(dir, 'missing.yml')), undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads open buffers as they are now, even during a pass', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-host-'));
    const f = path.join(dir, 'h.js');
    fs.writeFileSync(f, 'disk');
    const host = new OverlayHost(new DiskHost());
    const end = host.snapshot();
    assert.equal(host.readFile(f), 'disk');
    host.set(f, 'typed', 2);
    assert.equal(host.readFile(f), 'typed');
    assert.equal(host.version(f), 'editor:2');
    host.delete(f);
    assert.equal(host.readFile(f), 'disk');
    end();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
