// `npm run snapshots`: regenerates rules/<id>/snapshots/<case>.snap, the expected diagnostics of each
// rule case (carets under each range, with the severity, message id and message). Run it after a
// change to a rule's findings, and review the diff. Reads the compiled rules and test helpers (out/).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { loadParsers } = require(path.join(root, 'out', 'server', 'src', 'engine', 'util', 'tree-sitter.js'));
await loadParsers();
const { allRules } = require(path.join(root, 'out', 'rules', 'index.js'));
const { loadCases } = require(path.join(root, 'out', 'test', 'cases.js'));
const { writeSnapshots } = require(path.join(root, 'out', 'test', 'snapshots.js'));

const changed = writeSnapshots(path.join(root, 'rules'), allRules, loadCases);
console.log(`snapshots: ${changed === 0 ? 'up to date' : `${changed} written or removed`}`);
