// The status bar item: FaaSGuard's finding counts by severity, over every file VS Code has
// FaaSGuard diagnostics for (the open files, and the whole workspace once "Scan Workspace" has run).
// Clicking it opens the Problems view.
import * as vscode from 'vscode';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface Counts {
  error: number;
  warning: number;
  info: number;
  files: number;
}

export function countFindings(): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, files: 0 };
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    let any = false;
    for (const d of diags) {
      if (d.source !== 'faasguard') continue;
      any = true;
      if (d.severity === vscode.DiagnosticSeverity.Error) c.error++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warning++;
      else c.info++;
    }
    if (any) c.files++;
  }
  return c;
}

export function createStatusBar(): { disposable: vscode.Disposable; scanned(): void } {
  const item = vscode.window.createStatusBarItem('faasguard.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'FaaSGuard';
  item.command = { title: 'Open Problems', command: 'workbench.panel.markers.view.focus' };
  let workspaceScanned = false;
  const update = () => {
    const c = countFindings();
    item.text = `$(shield) FaaSGuard $(error) ${c.error} $(warning) ${c.warning} $(info) ${c.info}`;
    const scope = workspaceScanned ? 'in this workspace' : 'in the files analysed so far (run "FaaSGuard: Scan Workspace" for every file)';
    item.tooltip = `FaaSGuard: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info in ${plural(c.files, 'file')}, ${scope}. Click to open the Problems view.`;
    item.accessibilityInformation = { label: `FaaSGuard: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info` };
  };
  update();
  item.show();
  const sub = vscode.languages.onDidChangeDiagnostics(update);
  return {
    disposable: vscode.Disposable.from(item, sub),
    scanned: () => {
      workspaceScanned = true;
      update();
    },
  };
}
