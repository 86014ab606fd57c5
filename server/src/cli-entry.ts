// Entry of dist/cli.js, the `faasguard` command. `faasguard lsp --stdio` starts the language
// server's own bundle (dist/server.js, the one the VS Code extension starts): the server thread
// holds the connection only, and the engine loads in its analysis worker alone. Loading the whole
// CLI bundle (dist/cli-main.js: the engine, TypeScript, the IAM tables) there as well cost the
// server ~90 MB of memory it never used. Every other command runs the CLI bundle.
import * as path from 'node:path';
import { badLspOption } from './cli/lsp-args.js';

const argv = process.argv.slice(2);
const lsp = argv[0] === 'lsp' && badLspOption(argv.slice(1)) === undefined;
// Paths built at run time: both are bundles beside this one, never bundled into it.
require(path.join(__dirname, lsp ? 'server.js' : 'cli-main.js'));
