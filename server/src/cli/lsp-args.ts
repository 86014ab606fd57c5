// The options `faasguard lsp` accepts: read by the argument parser and by the entry of dist/cli.js,
// which starts the language server's own small bundle for them (cli-entry.ts). No import: the entry
// must load nothing else.

/** The first option `faasguard lsp` does not accept, if any (the server speaks over --stdio). */
export function badLspOption(rest: readonly string[]): string | undefined {
  return rest.find((a) => a !== '--stdio' && !a.startsWith('--clientProcessId'));
}
