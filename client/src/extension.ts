// The VS Code side: start the FaaSGuard language server, and the palette commands, status bar and
// output channel around it. All analysis happens in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { createStatusBar } from './status.js';
import { showRuleDocumentation } from './docs.js';
import { hoverMiddleware } from './hover.js';
import { EXPORT_SARIF, SCAN, exportSarif, scanWorkspace } from './scan.js';
import { SELECT_COMMAND } from '../../server/src/lsp/protocol.js';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  // The language server's own bundle: the connection on its main thread, the engine in a worker.
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'javascriptreact' },
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'file', language: 'python' },
      { scheme: 'file', pattern: '**/*.template' },
      { scheme: 'file', pattern: '**/*.tf' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml,json,template,tf,js,mjs,cjs,jsx,ts,mts,cts,tsx,py}'),
    },
    initializationOptions: { clientManagesCommands: true },
    outputChannel: output,
    middleware: hoverMiddleware,
  };
  return new LanguageClient('faasguard', 'FaaSGuard', serverOptions, clientOptions);
}

/** After "Ignore this finding...": selects the placeholder reason, so typing replaces it. */
function selectRange(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): void {
  const target = vscode.Uri.parse(uri).toString();
  const editor =
    [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find((e) => e?.document.uri.toString() === target);
  if (!editor) return;
  const sel = new vscode.Selection(range.start.line, range.start.character, range.end.line, range.end.character);
  editor.selection = sel;
  editor.revealRange(sel);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('FaaSGuard', { log: true });
  client = createClient(context, output);
  const status = createStatusBar();
  context.subscriptions.push(
    output,
    status.disposable,
    vscode.commands.registerCommand(SCAN, async () => {
      const summary = await scanWorkspace(client);
      if (summary && !summary.cancelled) status.scanned();
      return summary;
    }),
    vscode.commands.registerCommand(EXPORT_SARIF, () => exportSarif(client)),
    vscode.commands.registerCommand('faasguard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('faasguard.restartServer', async () => {
      await client?.restart();
      void vscode.window.showInformationMessage('FaaSGuard: server restarted.');
    }),
    vscode.commands.registerCommand('faasguard.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand(SELECT_COMMAND, selectRange),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
