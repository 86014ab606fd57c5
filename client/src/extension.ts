// The VS Code side: start the FaaSGuard language server, and the palette commands, status bar and
// output channel around it. All analysis happens in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { createStatusBar } from './status.js';
import { showRuleDocumentation } from './docs.js';

const SCAN = 'faasguard.scanWorkspace';
const EXPORT_SARIF = 'faasguard.exportSarif';

let client: LanguageClient | undefined;

interface ScanSummary {
  cancelled: boolean;
  files: number;
  filesWithFindings: number;
  error: number;
  warning: number;
  info: number;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.stdio },
    debug: { module, args: ['lsp'], transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml,json,template,js,mjs,cjs,jsx,ts,mts,cts,tsx,py}'),
    },
    initializationOptions: { clientManagesCommands: true },
    outputChannel: output,
  };
  return new LanguageClient('faasguard', 'FaaSGuard', serverOptions, clientOptions);
}

async function scanWorkspace(): Promise<void> {
  const c = client;
  if (!c) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'FaaSGuard: scanning workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `faasguard-scan-${Date.now()}`;
      let last = 0;
      const sub = c.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind === 'end') return;
        const pct = v.percentage ?? last;
        progress.report({ message: v.message, increment: Math.max(0, pct - last) });
        last = pct;
      });
      try {
        const summary = (await c.sendRequest(ExecuteCommandRequest.type, { command: SCAN, arguments: [], workDoneToken }, token)) as ScanSummary | null;
        if (!summary) return;
        if (summary.cancelled) {
          void vscode.window.showInformationMessage('FaaSGuard: scan cancelled.');
          return;
        }
        const total = summary.error + summary.warning + summary.info;
        const text = `FaaSGuard: ${total} finding${total === 1 ? '' : 's'} (${summary.error} error, ${summary.warning} warning, ${summary.info} info) in ${summary.filesWithFindings} of ${summary.files} files.`;
        const pick = await vscode.window.showInformationMessage(text, 'Open Problems');
        if (pick) await vscode.commands.executeCommand('workbench.actions.view.problems');
      } catch (e) {
        if (!token.isCancellationRequested) void vscode.window.showErrorMessage(`FaaSGuard: scan failed: ${(e as Error).message}`);
      } finally {
        sub.dispose();
      }
    },
  );
}

async function exportSarif(): Promise<void> {
  const c = client;
  if (!c) return;
  const r = (await c.sendRequest(ExecuteCommandRequest.type, { command: EXPORT_SARIF, arguments: [] })) as { root: string; sarif: object } | null;
  if (!r) {
    void vscode.window.showWarningMessage('FaaSGuard: open a folder to export a SARIF report.');
    return;
  }
  const target = vscode.Uri.file(path.join(r.root, 'faasguard.sarif'));
  await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(r.sarif, null, 2) + '\n', 'utf8'));
  const pick = await vscode.window.showInformationMessage(`FaaSGuard: SARIF report written to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (pick) await vscode.window.showTextDocument(target);
}

function selectRange(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === vscode.Uri.parse(uri).toString());
  if (!editor) return;
  const sel = new vscode.Selection(range.start.line, range.start.character, range.end.line, range.end.character);
  editor.selection = sel;
  editor.revealRange(sel);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('FaaSGuard', { log: true });
  client = createClient(context, output);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(SCAN, scanWorkspace),
    vscode.commands.registerCommand(EXPORT_SARIF, exportSarif),
    vscode.commands.registerCommand('faasguard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('faasguard.restartServer', async () => {
      await client?.restart();
      void vscode.window.showInformationMessage('FaaSGuard: server restarted.');
    }),
    vscode.commands.registerCommand('faasguard.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand('faasguard.selectRange', selectRange),
    createStatusBar(),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
