// Quick fixes: each one is built from the diagnostic's own data, never from its message.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { SOURCE, type DiagnosticData } from './convert.js';
import { SELECT_COMMAND } from './protocol.js';


export function codeActions(params: CodeActionParams, currentVersion: number | undefined): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics as Diagnostic[]) {
    if (d.source !== SOURCE || !d.data) continue;
    const data = d.data as DiagnosticData;
    // Ranges from an older version of the document would edit the wrong text.
    if (data.version !== undefined && currentVersion !== undefined && data.version !== currentVersion) continue;
    for (const fix of data.fixes ?? []) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of fix.edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.isPreferred,
        edit: { changes },
      };
      if (fix.select) action.command = { title: 'Select the reason', command: SELECT_COMMAND, arguments: [fix.select.uri, fix.select.range] };
      out.push(action);
    }
  }
  return out;
}
