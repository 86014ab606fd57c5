// SARIF 2.1.0 output: one run, every rule as a descriptor (with its category, docs link and
// descriptions), taint flows as codeFlows, in-source suppressions as suppressions, and the
// engine's own diagnostics (parse errors, skipped files) as tool notifications.
import { pathToFileURL } from 'node:url';
import type { Rule } from '../engine/rule.js';
import { ENGINE_CODES, type Finding, type Severity } from '../engine/types.js';
import { hashText } from '../engine/host.js';
import { ruleDocMarkdown, ruleDocUri } from '../docs.js';
import type { Locator, Located, Place } from './format.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

function region(p: Place) {
  return { startLine: p.start.line + 1, startColumn: p.start.character + 1, endLine: p.end.line + 1, endColumn: p.end.character + 1 };
}

function physical(p: Place) {
  return { artifactLocation: { uri: encodeURI(p.rel), uriBaseId: '%SRCROOT%' }, region: region(p) };
}

/** `notices`: caps that dropped work for the whole workspace (engine.notices), as notifications with no location. */
export function toSarif(rules: readonly Rule[], items: Located[], loc: Locator, version: string, notices: readonly string[] = []): object {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors = rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.description },
    helpUri: ruleDocUri(r.id),
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
  }));
  const results: object[] = [];
  const notifications: object[] = notices.map((text) => ({ level: 'warning', message: { text }, descriptor: { id: ENGINE_CODES.analysisStopped } }));
  for (const i of items) {
    const f: Finding = i.finding;
    if (f.category === 'internal' || !index.has(f.ruleId)) {
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
      partialFingerprints: { 'faasguard/v1': hashText(`${f.ruleId}|${i.rel}|${f.message}`) },
      properties: { category: f.category, ...(f.properties ?? {}) },
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
        tool: { driver: { name: 'FaaSGuard', semanticVersion: version, version, informationUri: ruleDocUri(rules[0]?.id ?? '') ?? undefined, rules: descriptors } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(loc.root + '/').href } },
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
