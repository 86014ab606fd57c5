// The status bar item: FaaSGuard's finding counts for the workspace, by severity. Clicking it opens
// the Problems view.
import * as vscode from 'vscode';

export function createStatusBar(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('faasguard.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'FaaSGuard';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    let error = 0;
    let warning = 0;
    let info = 0;
    for (const [, diags] of vscode.languages.getDiagnostics()) {
      for (const d of diags) {
        if (d.source !== 'faasguard') continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) error++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warning++;
        else info++;
      }
    }
    item.text = `$(shield) FaaSGuard $(error) ${error} $(warning) ${warning} $(info) ${info}`;
    item.tooltip = `FaaSGuard findings in this workspace: ${error} error, ${warning} warning, ${info} info. Click to open the Problems view.`;
    item.accessibilityInformation = { label: `FaaSGuard: ${error} errors, ${warning} warnings, ${info} info` };
  };
  update();
  item.show();
  const sub = vscode.languages.onDidChangeDiagnostics(update);
  return vscode.Disposable.from(item, sub);
}
