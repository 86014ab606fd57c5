// Deciding, by content and not by name, whether a YAML/JSON file is a deployment config.
import * as path from 'node:path';
import type { ConfigFormat } from '../model/types.js';
import type { Val } from './val.js';

const SLS_NAMES = new Set(['serverless.yml', 'serverless.yaml', 'serverless.json']);
/** Names that are configs by convention: checked even when their content does not look like one. */
const CONFIG_NAMES = /^(serverless\.(ya?ml|json)|template\.(ya?ml|json)|.*\.template)$/i;

/**
 * Cheap text check before parsing: could this file be a config? Files that fail it are never
 * parsed, so a random YAML file with a syntax error is not reported.
 */
export function mayBeConfig(file: string, text: string): boolean {
  if (CONFIG_NAMES.test(path.basename(file))) return true;
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  return /AWSTemplateFormatVersion|AWS::[A-Za-z0-9]+::|^["']?service["']?\s*:|^["']?provider["']?\s*:/m.test(head);
}

/** Classifies a parsed document. */
export function detectFormat(file: string, root: Val | undefined): ConfigFormat | undefined {
  if (!root || root.kind !== 'map') return undefined;
  if (root.get('service') !== undefined && root.get('provider') !== undefined) return 'serverless';
  if (SLS_NAMES.has(path.basename(file).toLowerCase()) && (root.get('functions') || root.get('provider'))) return 'serverless';
  const transform = root.get('Transform');
  const transforms = transform ? transform.list().map((t) => t.str() ?? '') : [];
  const resources = root.get('Resources');
  const isTemplate = root.get('AWSTemplateFormatVersion') !== undefined || hasAwsResource(resources);
  if (transforms.some((t) => t.startsWith('AWS::Serverless'))) return 'sam';
  if (!isTemplate) return undefined;
  if (resources && resources.entries().some((e) => (e.val.get('Type')?.str() ?? '').startsWith('AWS::Serverless::'))) return 'sam';
  return 'cloudformation';
}

function hasAwsResource(resources: Val | undefined): boolean {
  if (!resources || resources.kind !== 'map') return false;
  return resources.entries().some((e) => /^(AWS|Custom|Alexa)::/.test(e.val.get('Type')?.str() ?? ''));
}
