// The server's hover links a finding to its rule's README as a file: URI, which every LSP editor can
// open. In VS Code the link runs "FaaSGuard: Show Rule Documentation" instead, so it opens rendered.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

const DOCS = 'faasguard.showRuleDocumentation';
const README_LINK = /\]\((?:file|vscode-remote):[^()\s]*\/rules\/([a-z0-9]+(?:-[a-z0-9]+)*)\/README\.md\)/g;

export function withRenderedDocsLinks(md: vscode.MarkdownString): vscode.MarkdownString {
  const value = md.value.replace(README_LINK, (_, id: string) => `](command:${DOCS}?${encodeURIComponent(JSON.stringify([id]))} "Open the ${id} documentation")`);
  if (value === md.value) return md;
  const out = new vscode.MarkdownString(value, md.supportThemeIcons);
  out.supportHtml = md.supportHtml;
  out.isTrusted = { enabledCommands: [DOCS] }; // this one command, nothing else
  return out;
}

export const hoverMiddleware: Middleware = {
  async provideHover(document, position, token, next) {
    const hover = await next(document, position, token);
    if (!hover) return hover;
    const contents = hover.contents.map((c) => (c instanceof vscode.MarkdownString ? withRenderedDocsLinks(c) : c));
    return new vscode.Hover(contents, hover.range);
  },
};
