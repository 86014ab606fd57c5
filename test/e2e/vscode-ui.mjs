// Driving the VS Code 1.100 workbench from Playwright: the few gestures the e2e test needs, each of
// which waits on the UI's state (a selector, a label, a file on disk), never on a fixed sleep.
// What works and why is described in ../shared/e2e-real-vscode.md.
import fs from 'node:fs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const t0 = Date.now();
export const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
export const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

/** Polls fn until it returns a truthy value, which it returns. */
export async function poll(fn, what, timeout = 30_000) {
  let last;
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    last = await fn();
    if (last) return last;
  }
  throw new Error(`timed out after ${timeout / 1000}s waiting for ${what}`);
}

export async function waitForFile(file, test, what, timeout = 30_000) {
  return poll(() => fs.existsSync(file) && test(fs.readFileSync(file, 'utf8')) && fs.readFileSync(file, 'utf8'), what, timeout);
}

export class Workbench {
  constructor(page) {
    this.page = page;
    this.quickInput = page.locator('.quick-input-widget .quick-input-box input');
    this.toasts = page.locator('.notifications-toasts .notification-toast');
    this.problemsPanel = page.locator('.markers-panel');
    this.status = page.locator('.statusbar-item[id$="faasguard.status"]');
  }

  /** The editor of the active tab. */
  get editor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /**
   * Closes the active editor (a markdown preview) and gives the keyboard back to the editor below:
   * focus would otherwise stay with the closed webview's frame, and Ctrl+P or F1 would go nowhere.
   */
  async closeWebview() {
    await this.page.keyboard.press('Control+W');
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: 'Preview' }).waitFor({ state: 'detached' });
    await this.editor.locator('.view-lines').click({ position: { x: 2, y: 2 } });
  }

  /** Ctrl+P, then the file by its workspace-relative path. */
  async openFile(rel) {
    await this.page.keyboard.press('Control+P');
    await this.quickInput.waitFor({ state: 'visible' });
    await this.quickInput.fill(rel);
    const base = rel.split('/').pop();
    // Enter picks the focused row: wait until the list has been filtered down to the file.
    await this.page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: base }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: base }).waitFor();
    await this.editor.locator('.view-lines').waitFor();
  }

  /**
   * Opens a top-level file from the Explorer. For a file created during the test: Quick Open's file
   * index may not list it yet, the Explorer (fed by the file watcher) does.
   */
  async openFromExplorer(name) {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: new RegExp(`^${name.replace(/\./g, '\\.')}`) }).first();
    await row.waitFor();
    await row.click();
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor();
    await this.editor.locator('.view-lines').waitFor();
  }

  /** F1, then the command by its palette title, e.g. "FaaSGuard: Scan Workspace". */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    await this.quickInput.waitFor({ state: 'visible' });
    await this.quickInput.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: title.split(': ').pop() }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.toasts.first().waitFor({ state: 'detached' });
  }

  toast(text) {
    return this.toasts.filter({ hasText: text }).first();
  }

  async toastTexts() {
    return (await this.toasts.allInnerTexts()).map(oneLine);
  }

  /**
   * The squiggle of `kind` (error, warning, info) on the editor line that contains `lineText`, or
   * undefined. Other rules may mark other lines; the test looks only at the line it is about.
   */
  async squiggleOn(lineText, kind) {
    // One snapshot of the DOM (squiggles come and go while the diagnostics update).
    const index = await this.editor.evaluate((ed, [text, cls]) => {
      const line = [...ed.querySelectorAll('.view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(text));
      if (!line) return -1;
      const lb = line.getBoundingClientRect();
      return [...ed.querySelectorAll(`.${cls}`)].findIndex((sq) => {
        const b = sq.getBoundingClientRect();
        return Math.abs(b.y + b.height / 2 - (lb.y + lb.height / 2)) < lb.height / 2;
      });
    }, [lineText, `squiggly-${kind}`]);
    return index < 0 ? undefined : this.editor.locator(`.squiggly-${kind}`).nth(index);
  }

  async waitForSquiggle(lineText, kind, timeout = 30_000) {
    return poll(() => this.squiggleOn(lineText, kind), `a ${kind} squiggle on the line "${lineText}"`, timeout);
  }

  async waitForNoSquiggle(lineText, kind, timeout = 30_000) {
    await poll(async () => !(await this.squiggleOn(lineText, kind)), `no ${kind} squiggle on the line "${lineText}"`, timeout);
  }

  /** Ctrl+G: the caret to a line and column (1-based). */
  async goTo(line, column) {
    await this.page.keyboard.press('Control+G');
    await this.quickInput.waitFor({ state: 'visible' });
    await this.quickInput.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
    await poll(async () => (await this.page.locator('[id="status.editor.selection"]').innerText()).includes(`Ln ${line}, Col ${column}`), `the caret at ${line}:${column}`);
  }

  /** Puts the caret at the start of the squiggle, as a click there would. */
  async caretInto(squiggle) {
    const box = await squiggle.boundingBox();
    // Squiggles sit under the text layer: a mouse click at their box, not locator.click().
    await this.page.mouse.click(box.x + 3, box.y + box.height / 2);
  }

  /**
   * Moves the mouse onto the squiggle until the hover with `text` shows. A hover that does not come
   * (the diagnostics were re-published under the mouse, which closes it) is asked for again, as a
   * user moves the mouse off and back.
   */
  async hover(squiggle, text, attempts = 4) {
    const hover = this.page.locator('.monaco-hover').filter({ hasText: text }).first();
    for (let i = 1; ; i++) {
      const box = await squiggle.boundingBox();
      const [x, y] = [box.x + Math.min(20, box.width / 2), box.y + box.height / 2];
      await this.page.mouse.move(x - 3, y);
      await this.page.mouse.move(x, y);
      try {
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        return hover;
      } catch (e) {
        if (i >= attempts) throw e;
        log(`hover: not shown after ${i} attempt(s), moving the mouse off and back`);
        await this.page.mouse.move(box.x, box.y + 200);
      }
    }
  }

  /**
   * Ctrl+. and the quick-fix menu with a row containing `title`. While a file's diagnostics are
   * still changing (the TypeScript service publishes its suggestions a few seconds after opening a
   * .js file), VS Code may re-request the code actions and answer the first Ctrl+. with "No code
   * actions available"; a user presses Ctrl+. again, and so does this.
   */
  async openQuickFixMenu(title, attempts = 10) {
    const row = this.page.locator('.action-widget .monaco-list-row.action').filter({ hasText: title }).first();
    const none = this.page.locator('.monaco-editor-overlaymessage').filter({ hasText: 'No code actions' }).first();
    for (let i = 1; i <= attempts; i++) {
      await this.page.keyboard.press('Control+.');
      await row.or(none).first().waitFor({ state: 'visible', timeout: 30_000 });
      if (await row.isVisible()) return row;
      log(`Ctrl+. attempt ${i}: "No code actions available" while the diagnostics were still updating; again`);
      await this.page.keyboard.press('Escape');
      await none.waitFor({ state: 'hidden' });
    }
    throw new Error(`the quick-fix menu never offered "${title}"`);
  }

  /** Picks a row of the open quick-fix menu (keyboard: the menu blocks pointer events at first). */
  async pickAction(row) {
    for (let i = 0; i < 20 && !(await row.getAttribute('class')).includes('focused'); i++) await this.page.keyboard.press('ArrowDown');
    if (!(await row.getAttribute('class')).includes('focused')) throw new Error('could not focus the quick fix');
    await this.page.keyboard.press('Enter');
    await row.waitFor({ state: 'hidden' });
  }

  async openProblems() {
    // Ctrl+Shift+M toggles: it would close a Problems view that is already open and focused.
    if (!(await this.problemsPanel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.problemsPanel.waitFor({ state: 'visible' });
  }

  /**
   * Every row of the Problems view, by aria-label: "3 problems in file template.yaml of folder sam"
   * for a file, "Error: <message> at line 8 and character 12. ... generated by faasguard" for a
   * finding. The list is virtual (only visible rows exist), so it is paged through.
   */
  async problemRows() {
    await this.openProblems();
    const rows = this.problemsPanel.locator('.monaco-list-row');
    const empty = this.problemsPanel.getByText('No problems have been detected in the workspace');
    await rows.first().or(empty).first().waitFor();
    if (await empty.isVisible()) return [];
    await this.problemsPanel.locator('.monaco-list').first().focus(); // a click would fold a file's row
    // The list is virtual: page through it, from the first row to the last, waiting after each
    // page for the focus to move (a busy machine renders late), until it no longer moves.
    // Read at once, never waited for: the list may have emptied meanwhile (a finding fixed), and an
    // auto-waiting read of a row that is gone waits out the 30 s default timeout (twice per call).
    const focused = () => rows.evaluateAll((els) => els.find((e) => e.classList.contains('focused'))?.getAttribute('aria-label') ?? null);
    await this.page.keyboard.press('Home');
    const seen = new Set();
    const collect = async () => {
      for (const l of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) if (l) seen.add(l);
    };
    for (let page = 0; page < 500; page++) {
      await collect();
      const before = await focused();
      await this.page.keyboard.press('PageDown');
      const moved = await poll(async () => (await focused()) !== before, 'the Problems focus to move', 2_000).then(() => true, () => false);
      if (!moved) {
        if (process.env.E2E_DEBUG) log('problemRows: stopped after', page, 'pages at', before, 'seen', seen.size);
        break;
      }
    }
    await collect();
    await this.page.keyboard.press('Home');
    return [...seen];
  }

  async statusLabel() {
    return (await this.status.getAttribute('aria-label')) ?? '';
  }

  /** The rendered text of a webview (the markdown preview): its innermost frame's body. */
  async webviewText(mustContain, timeout = 30_000) {
    return poll(async () => {
      for (const f of this.page.frames()) {
        const text = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (text.includes(mustContain) && f !== this.page.mainFrame()) return text;
      }
      return undefined;
    }, `a webview showing "${mustContain}"`, timeout);
  }
}
