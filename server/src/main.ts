// Entry of the bundled CLI (dist/cli.js): `faasguard scan`, `faasguard lsp --stdio`, ... The CLI
// and the language server are two adapters of the engine that share report/; this entry is what
// knows both, so neither imports the other.
import { main } from './cli/main.js';

const services = {
  async startLanguageServer(): Promise<void> {
    const { startServer } = await import('./lsp/server.js');
    startServer();
  },
};

main(process.argv.slice(2), undefined, services).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`faasguard: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
