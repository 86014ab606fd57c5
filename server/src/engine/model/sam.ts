// AWS SAM: AWS::Serverless::Function with Globals.Function defaults, its Events, and the role SAM
// generates from `Policies` (managed names/ARNs, policy templates, inline documents), unless `Role`
// points at a role of its own.
import * as path from 'node:path';
import type { Val } from '../config/val.js';
import type { FunctionModel, ResourceModel, RoleModel, Trigger, TriggerKind } from './types.js';
import { attachLocalManagedPolicies, bindRole } from './roles.js';
import { inlineHandler, readEnvironment, resolveHandler, type HandlerContext } from './handlers.js';
import { readSamPolicies } from './statements.js';
import { unknownSettings } from './settings.js';

const SAM_EVENT_KIND: Record<string, TriggerKind> = {
  Api: 'api', HttpApi: 'httpApi', S3: 's3', SQS: 'sqs', SNS: 'sns', DynamoDB: 'dynamodb', Kinesis: 'kinesis',
  EventBridgeRule: 'eventbridge', CloudWatchEvent: 'eventbridge', Schedule: 'schedule', ScheduleV2: 'schedule',
  Cognito: 'cognito', IoTRule: 'iot', AlexaSkill: 'alexa', CloudWatchLogs: 'cloudwatchLogs', MSK: 'kafka',
  SelfManagedKafka: 'kafka', MQ: 'mq', DocumentDB: 'other',
};

/** A property of the function, falling back to `Globals.Function`. */
export function samProp(fn: Val, globals: Val | undefined, key: string): Val | undefined {
  return fn.get(key) ?? globals?.get(key);
}

export function readSamFunctions(resources: ResourceModel[], globals: Val | undefined, roles: Map<string, RoleModel>, templateDir: string, exists: (f: string) => boolean): { functions: FunctionModel[]; generatedRoles: RoleModel[] } {
  const functions: FunctionModel[] = [];
  const generatedRoles: RoleModel[] = [];
  const gfn = globals?.get('Function');
  for (const r of resources) {
    if (r.type !== 'AWS::Serverless::Function') continue;
    const p = r.props ?? r.val; // a function with no Properties still exists (all from Globals)
    const codeUri = samProp(p, gfn, 'CodeUri')?.str();
    // `CodeUri: src/function.py`: the package is that one file, so the handler's module sits in its folder.
    const oneFile = !!codeUri && /\.(py|[cm]?js|[cm]?ts)$/.test(codeUri) && exists(path.join(templateDir, codeUri));
    // `Metadata: { BuildMethod: esbuild }`: sam build bundles the TypeScript entry points.
    const bundled = /^esbuild$/i.test(r.val.get('Metadata')?.get('BuildMethod')?.str() ?? '');
    const ctx: HandlerContext = { baseDir: path.join(templateDir, oneFile ? path.dirname(codeUri!) : (codeUri ?? '')), exists, bundled };
    const runtime = samProp(p, gfn, 'Runtime');
    const handler = samProp(p, gfn, 'Handler');
    const envVars = [...readEnvironment(gfn?.get('Environment')?.get('Variables')), ...readEnvironment(p.get('Environment')?.get('Variables'))];
    const fn: FunctionModel = {
      id: r.id, format: 'sam', file: r.file, keySpan: r.keySpan, val: p, defaults: gfn,
      handler: inlineHandler(p.get('InlineCode'), handler, runtime?.str(), r.id) ?? (handler && p.get('PackageType')?.str() !== 'Image' ? resolveHandler(handler, runtime?.str(), ctx.baseDir, ctx) : undefined),
      runtime: runtime?.str() ? { value: runtime.str()!, val: runtime } : undefined,
      triggers: readSamEvents(p),
      // Function-level variables override global ones of the same name.
      environment: envVars.filter((e, i) => !envVars.slice(i + 1).some((o) => o.key === e.key)),
      role: { kind: 'none' },
      name: p.get('FunctionName')?.str(),
      settings: unknownSettings(), // read by build.ts once the config is complete
    };
    const url = samProp(p, gfn, 'FunctionUrlConfig');
    if (url) {
      fn.triggers.push({ kind: 'functionUrl', val: url, span: url.anchorSpan, explicitlyPublic: url.get('AuthType')?.str() === 'NONE' });
    }
    // `Role` and `Policies` are not Globals properties (SAM rejects them there): read them on the function only.
    // `Role: null` or `Role: ''` names no role: SAM generates one, as when `Role` is absent.
    const given = p.get('Role');
    const roleVal = given && given.kind !== 'null' && given.str() !== '' ? given : undefined;
    const bound = roleVal ? bindRole(roleVal, roles, resources) : undefined;
    // `Role: !If [cond, !GetAtt R.Arn, !Ref AWS::NoValue]`: SAM generates a role when the branch is empty.
    if (bound && (bound.kind === 'role' || roleVal!.alternatives().length > 0)) fn.role = bound;
    else {
      const role = generatedRole(r, p, resources);
      generatedRoles.push(role);
      fn.role = { kind: 'role', role };
    }
    functions.push(fn);
  }
  for (const r of resources) {
    // A SAM state machine gets a generated role from `Policies` too: its permissions are the app's.
    if (r.type !== 'AWS::Serverless::StateMachine' || !r.props || r.props.get('Role')) continue;
    const role = generatedRole(r, r.props, resources);
    role.owner = r.id;
    role.trustedServices = ['states.amazonaws.com'];
    generatedRoles.push(role);
  }
  return { functions, generatedRoles };
}

function generatedRole(r: ResourceModel, p: Val, resources: ResourceModel[]): RoleModel {
  const pol = readSamPolicies(p.get('Policies'));
  const role: RoleModel = {
    id: `${r.id}Role`, origin: 'sam-generated', file: r.file, span: p.entry('Policies')?.keySpan ?? r.keySpan,
    val: p.get('Policies'), policies: pol.inline, managedPolicies: pol.managed, samTemplates: pol.templates,
    implicitLogsWrite: r.type === 'AWS::Serverless::Function', functions: [],
    trustedServices: r.type === 'AWS::Serverless::Function' ? ['lambda.amazonaws.com'] : undefined,
  };
  attachLocalManagedPolicies(role, resources);
  return role;
}

function readSamEvents(p: Val): Trigger[] {
  const events = p.get('Events');
  if (!events || events.kind !== 'map') return [];
  const out: Trigger[] = [];
  for (const e of events.entries()) {
    const type = e.val.get('Type')?.str() ?? '';
    const kind = SAM_EVENT_KIND[type] ?? 'other';
    const props = e.val.get('Properties');
    const t: Trigger = { kind, val: e.val, span: e.keySpan, label: e.key };
    if (kind === 'api' || kind === 'httpApi') {
      const method = props?.get('Method')?.str();
      const route = props?.get('Path')?.str();
      if (route) t.label = `${(method ?? 'ANY').toUpperCase()} ${route}`;
      const auth = props?.get('Auth');
      const authorizer = auth?.get('Authorizer');
      if (authorizer) {
        t.authorizer = authorizer;
        t.explicitlyPublic = authorizer.str() === 'NONE';
      }
      const api = props?.get(kind === 'api' ? 'RestApiId' : 'ApiId')?.refTarget();
      if (api) t.apiId = api.id;
    }
    out.push(t);
  }
  return out;
}
