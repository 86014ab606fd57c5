// SARIF 2.1.0 output: one run, every rule as a descriptor (with its category, docs and
// descriptions), taint flows as codeFlows, in-source suppressions as suppressions, and the
// engine's own diagnostics (parse errors, skipped files) as tool notifications. Links point at the
// tool's public repository when package.json names one, else are left out: never at local files.
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Rule } from '../engine/rule.js';
import { ENGINE_CODES, type Finding, type Severity } from '../engine/types.js';
import { ruleDocMarkdown } from '../docs.js';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint.js';
import type { Located } from './locate.js';
import type { Locator, Place } from './ranges.js';
import { ruleHelpUrl, toolRepositoryUrl } from './repository.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export interface SarifOptions {
  /** The repository's web URL (default: package.json's `repository`); null: none. */
  repositoryUrl?: string | null;
  /**
   * `runs[0].automationDetails.id`: `<category>/` tells scans of one repository apart (one per
   * service folder). Default: `faasguard/<the scanned folder's name>/`.
   */
  automationId?: string;
  /** Caps that dropped work for the whole workspace (engine.notices): notifications with no location. */
  notices?: readonly string[];
}

function region(p: Place) {
  return { startLine: p.start.line + 1, startColumn: p.start.character + 1, endLine: p.end.line + 1, endColumn: p.end.character + 1 };
}

function physical(p: Place) {
  return { artifactLocation: { uri: encodeURI(p.rel), uriBaseId: '%SRCROOT%' }, region: region(p) };
}

/** `faasguard/<folder>/` for a scanned folder given relative to where the scan ran ('.' for there). */
export function automationIdFor(relFolder: string): string {
  const clean = relFolder.split(path.sep).join('/').replace(/^\.\/?/, '').replace(/\/+$/, '');
  return `faasguard/${clean ? clean + '/' : ''}`;
}

export function toSarif(rules: readonly Rule[], items: Located[], loc: Locator, version: string, opts: SarifOptions = {}): object {
  const web = opts.repositoryUrl === null ? undefined : (opts.repositoryUrl ?? toolRepositoryUrl());
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors = rules.map((r) => {
    const helpUri = ruleHelpUrl(web, r.id);
    return {
      id: r.id,
      name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: r.meta.title },
      fullDescription: { text: r.meta.description },
      ...(helpUri ? { helpUri } : {}),
      help: { text: r.meta.description, markdown: ruleDocMarkdown(r.id) ?? r.meta.description },
      defaultConfiguration: { level: LEVEL[r.meta.severity] },
      properties: {
        category: r.meta.category,
        tags: ['security', r.meta.category, ...r.meta.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
        'security-severity': SECURITY_SEVERITY[r.meta.severity],
        cwe: r.meta.cwe,
        owasp: r.meta.owasp,
        fix: r.meta.fix,
      },
    };
  });
  const results: object[] = [];
  const notifications: object[] = (opts.notices ?? []).map((text) => ({ level: 'warning', message: { text }, descriptor: { id: ENGINE_CODES.analysisStopped } }));
  const ruleItems = items.filter((i) => i.finding.category !== 'internal' && index.has(i.finding.ruleId));
  const prints = new Map(ruleItems.map((i, n) => [i, n]));
  const fp = fingerprints(ruleItems, loc);
  for (const i of items) {
    const f: Finding = i.finding;
    const n = prints.get(i);
    if (n === undefined) {
      notifications.push({
        level: LEVEL[f.severity],
        message: { text: f.message },
        descriptor: { id: f.ruleId },
        locations: [{ physicalLocation: physical(i) }],
      });
      continue;
    }
    const related = f.related ?? [];
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: physical(i) }],
      partialFingerprints: { [FINGERPRINT_KEY]: fp[n] },
      properties: { category: f.category, ...(f.messageId ? { messageId: f.messageId } : {}), ...(f.properties ?? {}) },
    };
    if (related.length) {
      const places = related.map((r) => ({ r, p: loc.place(r.span) }));
      result.relatedLocations = places.map(({ r, p }, id) => ({ id, physicalLocation: physical(p), message: { text: r.message } }));
      if (f.category === 'injection') {
        result.codeFlows = [{ threadFlows: [{ locations: places.map(({ r, p }) => ({ location: { physicalLocation: physical(p), message: { text: r.message } } })) }] }];
      }
    }
    if (f.suppressed) result.suppressions = [{ kind: 'inSource', justification: f.suppressed.reason }];
    results.push(result);
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'FaaSGuard', semanticVersion: version, version, ...(web ? { informationUri: web } : {}), rules: descriptors } },
        automationDetails: { id: opts.automationId ?? automationIdFor(path.basename(loc.root)) },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(loc.root + '/').href } },
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
