// Terraform configurations into the application model. A folder's `.tf` files are one
// configuration (with the local modules it calls); its resources are read as the CloudFormation
// resources they create (config/terraform/views.ts), so the CloudFormation readers of roles,
// functions' triggers, resource policies and API stages apply unchanged. What Terraform writes as
// separate resources and CloudFormation does not (role policy attachments, S3 bucket notifications,
// EventBridge targets, target group attachments) is read here. A function's code is found from its
// `filename` / `s3_key`, through `data "archive_file"` (`source_dir` / `source_file`) and
// `aws_s3_object` uploads.
import * as path from 'node:path';
import type * as YAML from 'yaml';
import { Val } from '../config/val.js';
import type { ParsedDocument } from '../config/parse.js';
import { makeDoc, map, ref, setEditInfo, setRoot, type SynthEntry } from '../config/synthetic.js';
import type { Block, HclFile } from '../config/terraform/hcl.js';
import { calledModuleDirs, loadRootModule, type TfHost, type TfModule } from '../config/terraform/module.js';
import { literalOf, REF_ATTRS, TfEvaluator } from '../config/terraform/evaluate.js';
import { resourceView } from '../config/terraform/views.js';
import { bookOf, setBook } from '../config/terraform/book.js';
import { foldResources } from '../config/terraform/fold.js';
import { LineIndex } from '../util/lines.js';
import type { ConfigModel, FunctionModel, HandlerRef, ModelNote, ResourceModel, RoleModel, Trigger, TriggerKind } from './types.js';
import { attachLocalManagedPolicies, bindRole, readRoles } from './roles.js';
import { inferTriggers, readResourcePolicies } from './cloudformation.js';
import { readEnvironment, resolveHandler } from './handlers.js';
import { unknownSettings } from './settings.js';
import { flatItems, readManagedPolicy } from './statements.js';
import { referencedIds } from './refs.js';

export interface TerraformSource {
  /** The root module's folder. */
  dir: string;
  files: HclFile[];
}

export interface TerraformHost {
  dirFiles(dir: string): HclFile[];
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
  root: string;
}

const DOCS = new WeakMap<HclFile, ParsedDocument>();

/** The `hcl` document of a parsed `.tf` file (one per parse, so spans and edits share it). */
export function hclDoc(file: HclFile): ParsedDocument {
  let d = DOCS.get(file);
  if (!d) DOCS.set(file, (d = makeDoc(file.file, file.text, 'hcl', new LineIndex(file.text))));
  return d;
}

interface TfResource {
  model: ResourceModel;
  tfType: string;
  block: Block;
  mod: TfModule;
  file: HclFile;
}

const valOf = (node: YAML.Node, doc: ParsedDocument, keySpan?: ResourceModel['keySpan']) => new Val(node, doc, undefined, keySpan, 1);

export function readTerraform(src: TerraformSource, host: TerraformHost, filesRead: Set<string>, notes: ModelNote[]): ConfigModel {
  const tfHost: TfHost = { dirFiles: host.dirFiles, readFile: host.readFile, docFor: hclDoc, filesRead };
  const root = loadRootModule(src.dir, src.files, tfHost, host.root);
  for (const s of root.skipped) notes.push({ span: { file: s.file, start: s.start, end: s.end }, message: s.message });
  const ev = new TfEvaluator(tfHost, host.root);
  const primary = src.files.find((f) => path.basename(f.file) === 'main.tf') ?? src.files[0];
  const pdoc = hclDoc(primary);

  const all: TfResource[] = [];
  const entries: SynthEntry[] = [];
  for (const mod of root.all()) {
    for (const [addr, { item: block, file }] of mod.resources) {
      const tfType = block.labels[0].value;
      const view = resourceView(tfType, block, mod, file, ev);
      const doc = hclDoc(file);
      const name = block.labels[1];
      const keySpan = { file: file.file, start: name.start, end: name.end };
      const id = `${mod.prefix}${addr}`;
      const model: ResourceModel = { id, type: view.type, file: file.file, keySpan, val: valOf(view.entry, doc, keySpan), props: valOf(view.props, doc) };
      all.push({ model, tfType, block, mod, file });
      entries.push({ key: id, keyStart: name.start, keyEnd: name.end, value: view.entry });
    }
  }
  foldResources(all.map((r) => ({ id: r.model.id, tfType: r.tfType, props: r.model.props!, label: r.block.labels[1], doc: hclDoc(r.file) })));
  all.push(...inlinePolicies(all));
  const resources = all.map((r) => r.model);
  // The configuration as a template: `Resources` keyed by address, for rules that look resources up or add one.
  const resMap = map(pdoc, entries, 0, primary.text.length);
  setEditInfo(resMap, { kind: 'hcl-block', close: primary.text.length, indent: '' });
  const rootMap = map(pdoc, [{ key: 'Resources', keyStart: 0, keyEnd: 0, value: resMap }], 0, primary.text.length);
  setRoot(pdoc, rootMap);

  // What edits into each file need to know about its module (fix/hcl-edit.ts).
  for (const mod of root.all()) {
    const types = new Map([...mod.resources.keys()].map((a) => [a, a.slice(0, a.indexOf('.'))]));
    const pseudo = new Map<string, string>();
    for (const key of mod.data.keys()) {
      const [type, name] = key.split('.');
      if (type === 'aws_caller_identity') pseudo.set('AWS::AccountId', `data.${key}.account_id`);
      if (type === 'aws_region') pseudo.set('AWS::Region', `data.${key}.id`);
      if (type === 'aws_partition') pseudo.set('AWS::Partition', `data.${key}.partition`);
      void name;
    }
    // The literal name of resources that set it (`function_name = "x"`): a log group name is written with it.
    const literals = new Map<string, string>();
    for (const [addr, { item }] of mod.resources) {
      const attr = REF_ATTRS[addr.slice(0, addr.indexOf('.'))]?.[0];
      const a = attr ? item.body.attrs.find((x) => x.name === attr) : undefined;
      if (a?.value.kind === 'literal' && typeof a.value.value === 'string') literals.set(addr, a.value.value);
    }
    const book = { prefix: mod.prefix, types, pseudo, literals };
    for (const f of mod.files) setBook(hclDoc(f), book);
  }
  for (const j of ev.jsonDocs) {
    const b = bookOf(hclDoc(j.file));
    if (b) setBook(j.doc, b);
  }

  const roles = readRoles(resources);
  attachPolicies(all, roles, resources);
  const roleMap = new Map<string, RoleModel>(roles.map((r) => [r.id, r]));
  const functions: FunctionModel[] = [];
  for (const r of all) {
    if (r.tfType !== 'aws_lambda_function' || !r.model.props) continue;
    const p = r.model.props;
    const runtime = p.get('Runtime');
    const handler = p.get('Handler');
    const code = codeLocation(r, ev, all);
    const image = p.get('PackageType')?.str() === 'Image' || p.get('ImageUri') !== undefined;
    functions.push({
      id: r.model.id, format: 'terraform', file: r.model.file, keySpan: r.model.keySpan, val: p,
      handler: handler && !image ? terraformHandler(handler, runtime?.str(), code, host.exists, r.mod.dir) : undefined,
      runtime: runtime?.str() ? { value: runtime.str()!, val: runtime } : undefined,
      triggers: [],
      environment: readEnvironment(p.get('Environment')?.get('Variables')),
      role: bindRole(p.get('Role'), roleMap, resources),
      name: p.get('FunctionName')?.str(),
      settings: unknownSettings(), // read by build.ts from the resource view, as for CloudFormation
    });
  }
  inferTriggers(functions, resources);
  terraformTriggers(functions, all);
  for (const fn of functions) {
    if (fn.role.kind === 'external') notes.push({ span: fn.role.val.span, message: `The role of ${fn.id} is defined outside this configuration: its permissions are not checked.` });
  }
  return {
    file: primary.file, format: 'terraform', root: Val.root(pdoc)!, resources, functions, roles, resourcePolicies: readResourcePolicies(resources),
  };
}

/** `aws_sqs_queue.policy`, `aws_sns_topic.policy`, `aws_s3_bucket.policy`: a resource policy written inline. */
function inlinePolicies(all: TfResource[]): TfResource[] {
  const kinds: Record<string, [string, string]> = {
    'AWS::SQS::Queue': ['AWS::SQS::QueuePolicy', 'Queues'],
    'AWS::SNS::Topic': ['AWS::SNS::TopicPolicy', 'Topics'],
    'AWS::S3::Bucket': ['AWS::S3::BucketPolicy', 'Bucket'],
  };
  const out: TfResource[] = [];
  for (const r of all) {
    const kind = kinds[r.model.type];
    const policy = r.model.props?.entry('Policy');
    if (!kind || !policy) continue;
    const doc = hclDoc(r.file);
    const label = r.block.labels[1];
    const target = { key: kind[1], keyStart: label.start, keyEnd: label.end, value: ref(doc, r.model.id, label.start, label.end) };
    const props = map(doc, [target, { key: 'PolicyDocument', keyStart: policy.keySpan.start, keyEnd: policy.keySpan.end, value: policy.val.node as YAML.Node }], r.block.start, r.block.end);
    setEditInfo(props, { kind: 'read-only' });
    out.push({ ...r, model: { ...r.model, id: `${r.model.id}.policy`, type: kind[0], val: valOf(props, doc, r.model.keySpan), props: valOf(props, doc) } });
  }
  return out;
}

/** `aws_iam_role_policy_attachment` / `aws_iam_policy_attachment`: managed policies (local or AWS) attached to roles. */
function attachPolicies(all: TfResource[], roles: RoleModel[], resources: ResourceModel[]): void {
  const byId = new Map(roles.map((r) => [r.id, r]));
  const byName = new Map<string, RoleModel>();
  for (const r of all) {
    if (r.tfType !== 'aws_iam_role') continue;
    const n = r.model.props?.get('RoleName')?.str();
    const role = byId.get(r.model.id);
    if (n && role) byName.set(n, role);
  }
  const roleOf = (v: Val): RoleModel | undefined => {
    const t = v.refTarget()?.id;
    if (t && byId.has(t)) return byId.get(t);
    const s = v.str();
    return s !== undefined ? byName.get(s) ?? byName.get(/:role\/(?:.*\/)?([^/]+)$/.exec(s)?.[1] ?? '') : undefined;
  };
  for (const r of all) {
    const p = r.model.props;
    if (!p) continue;
    let targets: Val[] = [];
    if (r.tfType === 'aws_iam_role_policy_attachment') targets = flatItems(p.get('Role'));
    else if (r.tfType === 'aws_iam_policy_attachment') targets = flatItems(p.get('Roles'));
    else continue;
    const arn = p.get('PolicyArn');
    if (!arn) continue;
    for (const t of targets) {
      const role = roleOf(t);
      if (!role) continue;
      role.managedPolicies.push(readManagedPolicy(arn));
      attachLocalManagedPolicies(role, resources);
    }
  }
}

/**
 * Where a function's code is: the folder of `data "archive_file"` (`source_dir`, the folder of
 * `source_file`, or the files of its `source` blocks), found from `filename`, `s3_key` (an
 * `aws_s3_object` upload) or `source_code_hash`. `exact` when the configuration says so; for a zip
 * built outside Terraform, the folders it was likely built from (the zip's own folder, a folder named
 * after it, `src`), tried only when one of them holds the handler's module.
 */
function codeLocation(r: TfResource, ev: TfEvaluator, all: TfResource[]): { dirs: string[]; files: Map<string, string>; exact: boolean } {
  const attr = (b: Block, n: string) => b.body.attrs.find((a) => a.name === n);
  const files = new Map<string, string>();
  const archive = (id: string | undefined) => {
    const m = id ? /(?:^|\.)data\.archive_file\.([^.]+)$/.exec(id) : null;
    return m ? r.mod.data.get(`archive_file.${m[1]}`) : undefined;
  };
  const fromArchive = (a: ReturnType<typeof archive>): { dirs: string[]; files: Map<string, string>; exact: boolean } | undefined => {
    if (!a) return undefined;
    const b = a.item;
    const text = (n: string) => {
      const x = attr(b, n);
      return x ? literalOf(ev.eval(x.value, r.mod, a.file)) : undefined;
    };
    const dir = text('source_dir');
    if (dir !== undefined) return { dirs: [path.resolve(r.mod.rootDir, dir)], files, exact: true };
    const file = text('source_file');
    if (file !== undefined) return { dirs: [path.dirname(path.resolve(r.mod.rootDir, file))], files, exact: true };
    // `source { filename = "app.py", content = file("${path.module}/app.py") }`
    for (const s of b.body.blocks.filter((x) => x.type === 'source')) {
      const name = attr(s, 'filename');
      const content = attr(s, 'content')?.value;
      const n = name ? literalOf(ev.eval(name.value, r.mod, a.file)) : undefined;
      const p = content?.kind === 'call' && content.name === 'file' && content.args[0] ? literalOf(ev.eval(content.args[0], r.mod, a.file)) : undefined;
      if (n !== undefined && p !== undefined) files.set(n, path.resolve(r.mod.rootDir, p));
    }
    return { dirs: [], files, exact: true };
  };
  const hash = attr(r.block, 'source_code_hash');
  const hashed = hash ? fromArchive(archive(refId(ev.eval(hash.value, r.mod, r.file)))) : undefined;
  const filename = attr(r.block, 'filename');
  if (filename) {
    const v = ev.eval(filename.value, r.mod, r.file);
    const direct = fromArchive(archive(refId(v)));
    if (direct) return direct;
    const text = literalOf(v);
    if (text !== undefined) {
      for (const [key, d] of r.mod.data) {
        if (!key.startsWith('archive_file.')) continue;
        const out = attr(d.item, 'output_path');
        if (out && literalOf(ev.eval(out.value, r.mod, d.file)) === text) return fromArchive(d)!;
      }
      if (hashed) return hashed;
      const zip = path.resolve(r.mod.rootDir, text);
      const stem = path.basename(zip).replace(/\.zip$/i, '').replace(/\.(py|js|mjs|ts)$/i, '');
      const zdir = path.dirname(zip);
      return { dirs: [zdir, path.join(zdir, stem), path.join(r.mod.dir, stem), path.join(r.mod.dir, 'src'), r.mod.dir], files, exact: false };
    }
  }
  // `s3_key = aws_s3_object.code.key`, uploaded from `source = data.archive_file.x.output_path`.
  const key = attr(r.block, 's3_key');
  if (key) {
    const obj = all.find((x) => x.model.id === refId(ev.eval(key.value, r.mod, r.file)) && /^aws_s3_(bucket_)?object$/.test(x.tfType));
    const source = obj ? attr(obj.block, 'source') : undefined;
    const viaObject = obj && source ? fromArchive(archive(refId(ev.eval(source.value, obj.mod, obj.file)))) : undefined;
    if (viaObject) return viaObject;
  }
  return hashed ?? { dirs: [], files, exact: false };
}

/** The handler, resolved against the function's code location. */
function terraformHandler(handler: Val, runtime: string | undefined, loc: ReturnType<typeof codeLocation>, exists: (f: string) => boolean, fallbackDir: string): HandlerRef | undefined {
  const text = handler.str();
  if (text !== undefined && loc.files.size > 0) {
    // Files of `source` blocks: the handler's module names one of them.
    const ref = resolveHandler(handler, runtime, '/', { baseDir: '/', exists: () => false });
    const module = text.slice(0, text.lastIndexOf('.')).split(/[./]/).pop() ?? '';
    for (const [name, abs] of loc.files) {
      if (name.replace(/\.[^.]+$/, '') === module && exists(abs)) return ref ? { ...ref, codeFile: abs } : ref;
    }
  }
  for (const dir of loc.dirs) {
    const ref = resolveHandler(handler, runtime, dir, { baseDir: dir, exists });
    if (ref?.codeFile) return ref;
  }
  // No code found (a zip built elsewhere): the handler names no file, rather than a guessed one.
  return resolveHandler(handler, runtime, loc.dirs[0] ?? fallbackDir, { baseDir: loc.dirs[0] ?? fallbackDir, exists: () => false });
}

function refId(node: YAML.Node): string | undefined {
  const n = node as { tag?: string; value?: unknown; items?: { value?: unknown }[] };
  if (n.tag === '!Ref' && typeof n.value === 'string') return n.value;
  if (n.tag === '!GetAtt' && typeof n.items?.[0]?.value === 'string') return n.items[0].value as string;
  return undefined;
}

/** Triggers Terraform writes as resources of their own, which CloudFormation writes inside the source. */
function terraformTriggers(functions: FunctionModel[], all: TfResource[]): void {
  const fnById = new Map(functions.map((f) => [f.id, f]));
  const byId = new Map(all.map((r) => [r.model.id, r]));
  const add = (target: Val | undefined, kind: TriggerKind, r: TfResource, label?: string) => {
    const fn = target?.refTarget() ? fnById.get(target.refTarget()!.id) : undefined;
    if (!fn || fn.triggers.some((t) => t.kind === kind && t.val === r.model.val)) return;
    const t: Trigger = { kind, val: r.model.val, span: r.model.keySpan, label: label ?? r.model.id };
    fn.triggers.push(t);
  };
  for (const r of all) {
    const p = r.model.props;
    if (!p) continue;
    switch (r.tfType) {
      case 'aws_s3_bucket_notification':
        // A bucket of this configuration has the notification folded in (its trigger is inferred from it).
        if (byId.get(p.get('Bucket')?.refTarget()?.id ?? '')?.tfType === 'aws_s3_bucket') break;
        for (const f of flatItems(p.get('LambdaFunction'))) add(f.get('LambdaFunctionArn'), 's3', r);
        break;
      case 'aws_cloudwatch_event_target': {
        const rule = byId.get(p.get('Rule')?.refTarget()?.id ?? '');
        add(p.get('Arn'), rule?.model.props?.get('ScheduleExpression') ? 'schedule' : 'eventbridge', r);
        break;
      }
      case 'aws_lb_target_group_attachment':
        add(p.get('TargetId'), 'alb', r);
        break;
      case 'aws_iot_topic_rule':
        for (const l of flatItems(p.get('Lambda'))) add(l.get('FunctionArn'), 'iot', r);
        break;
      case 'aws_cloudwatch_log_subscription_filter':
        add(p.get('DestinationArn'), 'cloudwatchLogs', r);
        break;
      default: {
        // Services that invoke a function they name (a state machine task, a rotation schedule, an
        // authorizer, an agent's action group...): the whole event is theirs.
        const kind = INVOKERS[r.tfType];
        if (!kind) break;
        for (const id of referencedIds(p)) {
          const fn = fnById.get(id);
          if (fn && !fn.triggers.some((t) => t.val === r.model.val)) fn.triggers.push({ kind, val: r.model.val, span: r.model.keySpan, label: r.model.id });
        }
      }
    }
  }
}

const INVOKERS: Record<string, TriggerKind> = {
  aws_sfn_state_machine: 'other', aws_secretsmanager_secret_rotation: 'other', aws_bedrockagent_agent_action_group: 'other',
  aws_vpclattice_target_group_attachment: 'other', aws_cloudfront_distribution: 'other', aws_pipes_pipe: 'other', aws_lambda_invocation: 'other',
  aws_api_gateway_authorizer: 'other', aws_apigatewayv2_authorizer: 'other', aws_appsync_datasource: 'appsync', aws_config_config_rule: 'other',
  aws_cloudwatch_event_connection: 'other', aws_lex_bot: 'other', aws_lexv2models_bot: 'other', aws_ses_receipt_rule: 'other', aws_kinesis_firehose_delivery_stream: 'other',
};

/**
 * The Terraform configurations of a workspace: one per folder of `.tf` files, except folders that
 * another folder calls as a local module (they are read as part of their caller).
 */
export function terraformSources(dirs: Map<string, HclFile[]>): { doc: ParsedDocument; format: 'terraform'; terraform: TerraformSource }[] {
  const called = calledModuleDirs(dirs);
  const out: { doc: ParsedDocument; format: 'terraform'; terraform: TerraformSource }[] = [];
  for (const [dir, files] of [...dirs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (called.has(dir) || files.length === 0) continue;
    const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : 1));
    const primary = sorted.find((f) => path.basename(f.file) === 'main.tf') ?? sorted[0];
    out.push({ doc: hclDoc(primary), format: 'terraform', terraform: { dir, files: sorted } });
  }
  return out;
}
