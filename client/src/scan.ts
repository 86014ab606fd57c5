// "FaaSGuard: Scan Workspace" and "FaaSGuard: Export SARIF Report". The server does the work; this
// side shows it: a cancellable progress notification with the file count, then a summary that does
// not hold the progress notification open while it waits for a click.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

import { EXPORT_SARIF_COMMAND as EXPORT_SARIF, SCAN_COMMAND as SCAN, type ScanSummary } from '../../server/src/lsp/protocol.js';

export { EXPORT_SARIF, SCAN };


const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryText(s: ScanSummary): string {
  const total = s.error + s.warning + s.info;
  return `FaaSGuard: ${plural(total, 'finding')} (${s.error} error, ${s.warning} warning, ${s.info} info) in ${s.filesWithFindings} of ${plural(s.files, 'file')}.`;
}

/** Runs the scan; resolves with its summary (also for tests), or undefined when there is no server. */
export async function scanWorkspace(client: LanguageClient | undefined): Promise<ScanSummary | undefined> {
  if (!client) return undefined;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'FaaSGuard: scanning workspace', cancellable: true },
    async (progress, token): Promise<ScanSummary | undefined> => {
      const workDoneToken = `faasguard-scan-${Date.now()}`;
      let last = 0;
      // The server reports "Analysing 12/340 files" with a percentage; VS Code wants increments.
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind === 'end') return;
        const pct = v.percentage ?? last;
        progress.report({ message: v.message, increment: Math.max(0, pct - last) });
        last = pct;
      });
      try {
        return (await client.sendRequest(ExecuteCommandRequest.type, { command: SCAN, arguments: [], workDoneToken }, token)) as ScanSummary | null ?? undefined;
      } catch (e) {
        if (token.isCancellationRequested) return { cancelled: true, files: 0, filesWithFindings: 0, error: 0, warning: 0, info: 0 };
        void vscode.window.showErrorMessage(`FaaSGuard: scan failed: ${(e as Error).message}`);
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
  if (!summary) return undefined;
  if (summary.cancelled) {
    void vscode.window.showInformationMessage('FaaSGuard: scan cancelled.');
    return summary;
  }
  // Not awaited: the command finishes when the scan does, whether or not anyone clicks.
  void vscode.window.showInformationMessage(summaryText(summary), 'Open Problems').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.panel.markers.view.focus');
  });
  return summary;
}

/** Writes faasguard.sarif (the CLI's SARIF) to the first workspace folder; resolves with its URI. */
export async function exportSarif(client: LanguageClient | undefined): Promise<vscode.Uri | undefined> {
  if (!client) return undefined;
  const r = (await client.sendRequest(ExecuteCommandRequest.type, { command: EXPORT_SARIF, arguments: [] })) as
    | { root: string; sarif: { runs?: { results?: unknown[] }[] } }
    | { error: string }
    | null;
  if (!r) {
    void vscode.window.showWarningMessage('FaaSGuard: open a folder to export a SARIF report.');
    return undefined;
  }
  if ('error' in r) {
    void vscode.window.showErrorMessage(`FaaSGuard: SARIF export failed: ${r.error}`);
    return undefined;
  }
  const target = vscode.Uri.file(path.join(r.root, 'faasguard.sarif'));
  await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(r.sarif, null, 2) + '\n', 'utf8'));
  const results = r.sarif.runs?.[0]?.results?.length ?? 0;
  void vscode.window
    .showInformationMessage(`FaaSGuard: SARIF report (${plural(results, 'result')}) written to ${target.fsPath}`, 'Open')
    .then((pick) => {
      if (pick) void vscode.window.showTextDocument(target);
    });
  return target;
}
