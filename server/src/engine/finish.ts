// The last step for a file's findings: severity settings, suppression comments (and the findings
// about them), and the "ignore" quick fix. The line index and suppressions of a file are kept per
// version, only for files that have something to report or a suppression comment.
import type { FileHost } from './host.js';
import type { Rule } from './rule.js';
import type { Settings } from './settings.js';
import type { Finding } from './types.js';
import { LineIndex } from './util/lines.js';
import { applySuppressions, ignoreFix, parseSuppressions, type Suppression } from './suppress.js';
import { toRel } from './workspace.js';

export class Finisher {
  private readonly textInfos = new Map<string, { version: string | undefined; lines: LineIndex; suppressions: Suppression[] }>();

  constructor(
    private readonly root: string,
    private readonly host: FileHost,
    private readonly rules: readonly Rule[],
    private readonly ruleIds: ReadonlySet<string>,
  ) {}

  /** Line index and suppression comments of a file, cached by version. */
  private textInfo(file: string, text: string): { lines: LineIndex; suppressions: Suppression[] } {
    const version = this.host.version(file);
    const cached = this.textInfos.get(file);
    if (cached && cached.version === version && cached.lines.text === text) return cached;
    const lines = new LineIndex(text);
    const info = { version, lines, suppressions: parseSuppressions(file, lines) };
    this.textInfos.set(file, info);
    return info;
  }

  /** The line index this finisher last used for a file with findings (or a suppression comment). */
  linesOf(file: string): LineIndex | undefined {
    return this.textInfos.get(file)?.lines;
  }

  /** Forgets the files (deleted, or no longer in the workspace). */
  forgetWhere(gone: (file: string) => boolean): void {
    for (const f of [...this.textInfos.keys()]) if (gone(f)) this.textInfos.delete(f);
  }

  finish(file: string, findings: Finding[], settings: Settings): Finding[] {
    const rel = toRel(this.root, file);
    const text = this.host.readFile(file);
    const configured: Finding[] = [];
    for (const f of findings) {
      if (f.category === 'internal') {
        configured.push(f);
        continue;
      }
      const sev = settings.severityFor(f.ruleId, rel, f.severity);
      if (sev === 'off') continue;
      configured.push({ ...f, severity: sev });
    }
    if (text === undefined) return configured;
    // Nothing to report and no suppression comment: no line index needed.
    if (configured.length === 0 && !text.includes('faasguard-ignore')) {
      this.textInfos.delete(file);
      return configured;
    }
    const { lines, suppressions } = this.textInfo(file, text);
    const sups = suppressions.map((x) => ({ ...x, used: false }));
    const ran = new Set(this.rules.filter((r) => settings.severityFor(r.id, rel, r.meta.severity) !== 'off').map((r) => r.id));
    const meta = sups.length > 0 ? applySuppressions(configured, sups, lines, this.ruleIds, ran) : [];
    for (const f of configured) {
      if (f.category === 'internal' || f.suppressed) continue;
      const fix = ignoreFix(f, lines);
      if (fix) f.fixes = [...(f.fixes ?? []), fix];
    }
    return [...configured, ...meta].sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  }
}
