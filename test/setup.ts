// Imported first by every test file that runs the engine in-process: the tree-sitter grammars load
// asynchronously, once, before the file's tests run.
import { before } from 'node:test';
import { loadParsers } from '../server/src/engine/util/tree-sitter.js';

before(() => loadParsers());
