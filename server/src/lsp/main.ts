// Entry of the language server's own bundle (dist/server.js), which the VS Code extension starts:
// the LSP connection and the analysis worker's client only. The engine loads in the worker
// (dist/analysis-worker.js), so this thread stays small: short garbage-collection pauses, a free
// message loop. `faasguard lsp --stdio` (dist/cli.js) starts the same server.
import { startServer } from './server.js';

startServer();
