// Resources that Terraform splits off and CloudFormation writes inside the resource they configure,
// folded into that resource's view: a bucket's ACL, public access block, website and notifications;
// a REST API method's integration; a stage's method settings. The folded values are the other
// resource's nodes, so a finding on them lands in that resource and a fix edits it there.
import * as YAML from 'yaml';
import type { Val } from '../val.js';
import type { ParsedDocument } from '../parse.js';
import { addEntry, map, scalar, seq, setEditInfo } from '../synthetic.js';

export interface Foldable {
  id: string;
  tfType: string;
  props: Val;
  /** The name label of the resource block (the key span of what is folded in). */
  label: { start: number; end: number };
  doc: ParsedDocument;
}

/** A value as something to compare: the id it references, or its literal text. */
function identity(v: Val | undefined): string | undefined {
  if (!v) return undefined;
  const t = v.refTarget();
  if (t) return `ref:${t.id}${t.attr ? `.${t.attr}` : ''}`;
  const s = v.str();
  return s !== undefined ? `lit:${s}` : undefined;
}

function refId(v: Val | undefined): string | undefined {
  return v?.refTarget()?.id;
}

function add(target: Foldable, from: Foldable, key: string, value: YAML.Node): void {
  const m = target.props.node as YAML.YAMLMap;
  if ((m.items as YAML.Pair[]).some((p) => YAML.isScalar(p.key) && p.key.value === key)) return;
  addEntry(m, from.doc, { key, keyStart: from.label.start, keyEnd: from.label.end, value });
}

export function foldResources(all: Foldable[]): void {
  const byId = new Map(all.map((r) => [r.id, r]));
  const buckets = (r: Foldable) => {
    const b = byId.get(refId(r.props.get('Bucket')) ?? '');
    return b?.tfType === 'aws_s3_bucket' ? b : undefined;
  };
  const lists = new Map<Foldable, YAML.Node[]>();
  for (const r of all) {
    const p = r.props;
    switch (r.tfType) {
      case 'aws_s3_bucket_acl': {
        const b = buckets(r);
        const acl = p.get('Acl');
        if (b && acl?.node) add(b, r, 'AccessControl', acl.node);
        break;
      }
      case 'aws_s3_bucket_public_access_block': {
        const b = buckets(r);
        if (b) add(b, r, 'PublicAccessBlockConfiguration', p.node as YAML.Node);
        break;
      }
      case 'aws_s3_bucket_website_configuration': {
        const b = buckets(r);
        if (b) add(b, r, 'WebsiteConfiguration', p.node as YAML.Node);
        break;
      }
      case 'aws_s3_bucket_notification': {
        const b = buckets(r);
        // `lambda_function { lambda_function_arn = ... }` -> NotificationConfiguration.LambdaConfigurations[].Function
        if (!b) break;
        const configs = (p.get('LambdaFunction')?.list() ?? []).flatMap((l) => (l.kind === 'seq' ? l.items() : [l]));
        const items = configs.map((c) => {
          const fn = c.get('LambdaFunctionArn');
          const m = map(r.doc, fn?.node ? [{ key: 'Function', keyStart: fn.keySpan?.start ?? fn.span.start, keyEnd: fn.keySpan?.end ?? fn.span.end, value: fn.node as YAML.Node }] : [], c.span.start, c.span.end);
          setEditInfo(m, { kind: 'read-only' });
          return m;
        });
        const list = seq(r.doc, items, r.label.start, r.label.end);
        setEditInfo(list, { kind: 'read-only' });
        const nc = map(r.doc, [{ key: 'LambdaConfigurations', keyStart: r.label.start, keyEnd: r.label.end, value: list }], p.span.start, p.span.end);
        setEditInfo(nc, { kind: 'read-only' });
        add(b, r, 'NotificationConfiguration', nc);
        break;
      }
      case 'aws_api_gateway_integration': {
        // The method with the same API, resource and HTTP method (or the one its http_method names).
        const byRef = byId.get(refId(p.get('HttpMethod')) ?? '');
        const method = byRef?.tfType === 'aws_api_gateway_method' ? byRef : all.find((m) =>
          m.tfType === 'aws_api_gateway_method' && identity(m.props.get('RestApiId')) === identity(p.get('RestApiId')) &&
          identity(m.props.get('ResourceId')) === identity(p.get('ResourceId')) && identity(m.props.get('HttpMethod')) === identity(p.get('HttpMethod')));
        if (method) add(method, r, 'Integration', p.node as YAML.Node);
        break;
      }
      case 'aws_api_gateway_method_settings': {
        // `stage_name = aws_api_gateway_stage.s.stage_name`, or the same API and stage name.
        const byRef = byId.get(refId(p.get('StageName')) ?? '');
        const stage = byRef?.tfType === 'aws_api_gateway_stage' ? byRef : all.find((s) =>
          s.tfType === 'aws_api_gateway_stage' && identity(s.props.get('RestApiId')) === identity(p.get('RestApiId')) && identity(s.props.get('StageName')) === identity(p.get('StageName')));
        if (!stage) break;
        const settings = p.get('Settings');
        const path = p.get('MethodPath')?.str();
        // `*/*` is every method: ResourcePath '/*', HttpMethod '*'.
        const slash = path?.lastIndexOf('/') ?? -1;
        const entries = (settings?.kind === 'map' ? settings.entries() : []).map((e) => ({ key: e.key, keyStart: e.keySpan.start, keyEnd: e.keySpan.end, value: e.val.node as YAML.Node }));
        const item = map(r.doc, entries, p.span.start, p.span.end);
        if (path !== undefined && slash > 0) {
          const rp = path.slice(0, slash);
          addEntry(item, r.doc, { key: 'ResourcePath', keyStart: r.label.start, keyEnd: r.label.end, value: synthetic(r.doc, rp === '*' ? '/*' : `/${rp.replace(/~1/g, '/')}`, r.label) });
          addEntry(item, r.doc, { key: 'HttpMethod', keyStart: r.label.start, keyEnd: r.label.end, value: synthetic(r.doc, path.slice(slash + 1), r.label) });
        }
        setEditInfo(item, { kind: 'read-only' });
        (lists.get(stage) ?? lists.set(stage, []).get(stage)!).push(item);
        break;
      }
    }
  }
  for (const [stage, items] of lists) {
    const list = seq(stage.doc, items, stage.label.start, stage.label.end);
    setEditInfo(list, { kind: 'read-only' });
    add(stage, stage, 'MethodSettings', list);
  }
}

function synthetic(doc: ParsedDocument, value: string, at: { start: number; end: number }): YAML.Node {
  const s = scalar(doc, value, at.start, at.end);
  setEditInfo(s, { kind: 'read-only' });
  return s;
}
