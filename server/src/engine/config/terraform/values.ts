// Facts and small helpers the Terraform evaluator (evaluate.ts) and the model reader share: which
// attributes of a resource CloudFormation's `Ref` returns, the pseudo values data sources stand for,
// and reading into evaluated nodes.
import * as YAML from 'yaml';
import type { ParsedDocument } from '../parse.js';
import { opaque } from '../synthetic.js';

/** TF attributes equal to what CloudFormation's `Ref` returns for the resource. */
export const REF_ATTRS: Record<string, string[]> = {
  aws_lambda_function: ['function_name', 'id'],
  aws_iam_role: ['name', 'id'],
  aws_iam_policy: ['arn', 'id'],
  aws_s3_bucket: ['id', 'bucket'],
  aws_sqs_queue: ['id', 'url'],
  aws_sns_topic: ['arn', 'id'],
  aws_cloudwatch_log_group: ['name', 'id'],
  aws_dynamodb_table: ['name', 'id'],
  aws_kinesis_stream: ['name'],
  aws_api_gateway_rest_api: ['id'],
  aws_apigatewayv2_api: ['id'],
  aws_secretsmanager_secret: ['arn', 'id'],
  aws_sfn_state_machine: ['arn', 'id'],
  aws_ssm_parameter: ['name'],
  aws_kms_key: ['key_id', 'id'],
  aws_cloudwatch_event_rule: ['name', 'id'],
  aws_cloudwatch_event_bus: ['name'],
};

/** `stream_arn` -> `StreamArn`. */
export function pascal(name: string): string {
  return name.split('_').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join('');
}

export const PSEUDO_DATA: Record<string, Record<string, string>> = {
  aws_caller_identity: { account_id: 'AWS::AccountId' },
  aws_region: { name: 'AWS::Region', region: 'AWS::Region', id: 'AWS::Region' },
  aws_partition: { partition: 'AWS::Partition', dns_suffix: 'AWS::URLSuffix' },
};

export function interpsIn<T extends { start: number; end: number }>(sorted: T[], start: number, end: number): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i].end <= end; i++) out.push(sorted[i]);
  return out;
}

export function jsonUnescape(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** A node's literal text, when it is a plain scalar (not an intrinsic, not opaque). */
export function literalOf(node: YAML.Node | undefined): string | undefined {
  if (!YAML.isScalar(node) || node.tag) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** `value.a[0]`: a key or index into an evaluated map or list, or opaque. */
export function traverse(node: YAML.Node, steps: (string | number)[], doc: ParsedDocument, e: { start: number; end: number }): YAML.Node {
  let cur: YAML.Node = node;
  for (const s of steps) {
    if (YAML.isMap(cur) && !cur.tag && typeof s === 'string') {
      const pair = (cur.items as YAML.Pair[]).find((p) => YAML.isScalar(p.key) && p.key.value === s);
      if (!pair || !YAML.isNode(pair.value)) return opaque(doc, e.start, e.end);
      cur = pair.value;
    } else if (YAML.isSeq(cur) && !cur.tag && typeof s === 'number') {
      const it = cur.items[s];
      if (!YAML.isNode(it)) return opaque(doc, e.start, e.end);
      cur = it;
    } else return opaque(doc, e.start, e.end);
  }
  return cur;
}
