// "FaaSGuard: Show Rule Documentation": the rule's README, rendered. The rule comes from the
// argument (hover links pass it), the diagnostic under the cursor, or a pick list of every rule
// shipped with the extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

function ruleUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const pos = editor.selection.active;
  const d = vscode.languages.getDiagnostics(editor.document.uri).find((x) => x.source === 'faasguard' && x.range.contains(pos));
  const code = d?.code;
  return typeof code === 'object' ? String(code.value) : code !== undefined ? String(code) : undefined;
}

/** The README's one-line summary: its first paragraph after the `# <id>` title. */
function summaryOf(readme: string): string {
  const para = readme.split(/\r?\n\r?\n/).find((p) => p.trim() && !p.startsWith('#'));
  return para?.replace(/\s+/g, ' ').trim() ?? '';
}

export async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId?: string): Promise<void> {
  const rulesDir = context.asAbsolutePath('rules');
  let id = typeof ruleId === 'string' ? ruleId : ruleUnderCursor();
  if (!id) {
    const ids = fs.existsSync(rulesDir) ? fs.readdirSync(rulesDir).filter((d) => fs.existsSync(path.join(rulesDir, d, 'README.md'))).sort() : [];
    const items = ids.map((label) => ({ label, detail: summaryOf(fs.readFileSync(path.join(rulesDir, label, 'README.md'), 'utf8')) }));
    id = (await vscode.window.showQuickPick(items, { placeHolder: 'FaaSGuard rule', matchOnDetail: true }))?.label;
    if (!id) return;
  }
  const file = path.join(rulesDir, id, 'README.md');
  if (!fs.existsSync(file)) {
    void vscode.window.showWarningMessage(`FaaSGuard: no documentation for ${id}.`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(file));
}
