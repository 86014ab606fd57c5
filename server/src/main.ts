// Entry of the bundled CLI (dist/cli.js): `faasguard scan`, `faasguard lsp --stdio`, ...
import { main } from './cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`faasguard: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
