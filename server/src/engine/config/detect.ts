// Deciding, by content and not by name, whether a YAML/JSON file is a deployment config.
import * as path from 'node:path';
import type { ConfigFormat } from '../model/types.js';
import type { Val } from './val.js';

const SLS_NAMES = new Set(['serverless.yml', 'serverless.yaml', 'serverless.json']);
/** Names that are configs by convention: checked even when their content does not look like one. */
const CONFIG_NAMES = /^(serverless\.(ya?ml|json)|template\.(ya?ml|json))$/i;
/** How far into a file the cheap content check looks. */
const HEAD = 200_000;

/**
 * A CloudFormation resource type: `AWS::S3::Bucket`, a registry type of any publisher
 * (`Alexa::ASK::Skill`, `MongoDB::Atlas::Cluster`, `My::Module::Thing::MODULE`), or `Custom::X`.
 */
const RESOURCE_TYPE = /^(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::MODULE)?|Custom::[A-Za-z0-9_@-]+)$/;
/** The same, as a `Type:` line of YAML or JSON (for the text check before parsing). */
const TYPE_LINE = /^[ \t]*["']?Type["']?[ \t]*:[ \t]*["']?(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+|Custom::[A-Za-z0-9_@-]+)\b/m;

/**
 * Cheap text check before parsing: could this file be a config? Files that fail it are never
 * parsed, so a random YAML file with a syntax error is not reported. A `*.template` file is a
 * config only by its content: it is also the extension of mail, HTML and code templates.
 */
export function mayBeConfig(file: string, text: string): boolean {
  if (CONFIG_NAMES.test(path.basename(file))) return true;
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  if (/AWSTemplateFormatVersion|AWS::[A-Za-z0-9]+::/.test(head) || TYPE_LINE.test(head)) return true;
  if (path.extname(file).toLowerCase() === '.template') return false;
  return /^["']?service["']?\s*:|^["']?provider["']?\s*:/m.test(head);
}

/** Classifies a parsed document. */
export function detectFormat(file: string, root: Val | undefined): ConfigFormat | undefined {
  if (!root || root.kind !== 'map') return undefined;
  if (root.get('service') !== undefined && root.get('provider') !== undefined) return 'serverless';
  if (SLS_NAMES.has(path.basename(file).toLowerCase()) && (root.get('functions') || root.get('provider'))) return 'serverless';
  const transform = root.get('Transform');
  const transforms = transform ? transform.list().map((t) => t.str() ?? '') : [];
  const resources = root.get('Resources');
  const isTemplate = root.get('AWSTemplateFormatVersion') !== undefined || hasResourceTypes(resources);
  if (transforms.some((t) => t.startsWith('AWS::Serverless'))) return 'sam';
  if (!isTemplate) return undefined;
  if (resources && resources.entries().some((e) => (e.val.get('Type')?.str() ?? '').startsWith('AWS::Serverless::'))) return 'sam';
  return 'cloudformation';
}

/** `Resources` holds CloudFormation resources: AWS ones or not (a template of only `Alexa::ASK::Skill` is one). */
function hasResourceTypes(resources: Val | undefined): boolean {
  if (!resources || resources.kind !== 'map') return false;
  return resources.entries().some((e) => RESOURCE_TYPE.test(e.val.get('Type')?.str() ?? ''));
}
