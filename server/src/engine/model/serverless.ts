// Serverless Framework v3/v4 serverless.yml: the provider role (`provider.iam.role` and the legacy
// `iamRoleStatements` / `iamManagedPolicies` / `provider.role`), per-function roles (the
// per-function-roles plugin's `iamRoleStatements`, function `role:`), events, and raw
// CloudFormation under `resources.Resources`.
import * as path from 'node:path';
import type { Val } from '../config/val.js';
import type { FunctionModel, ModelNote, PolicyDoc, ResourceModel, RoleBinding, RoleModel, Trigger, TriggerKind } from './types.js';
import { attachLocalManagedPolicies, bindRole } from './roles.js';
import { BUNDLER_PLUGINS, readEnvironment, resolveHandler } from './handlers.js';
import { flatItems, readManagedPolicy, readStatements } from './statements.js';
import { unknownSettings } from './settings.js';

const EVENT_KIND: Record<string, TriggerKind> = {
  http: 'api', httpApi: 'httpApi', websocket: 'websocket', alb: 'alb', s3: 's3', sqs: 'sqs', sns: 'sns',
  schedule: 'schedule', eventBridge: 'eventbridge', cloudwatchEvent: 'eventbridge', cognitoUserPool: 'cognito',
  iot: 'iot', iotFleetProvisioning: 'iot', alexaSkill: 'alexa', alexaSmartHome: 'alexa', cloudwatchLog: 'cloudwatchLogs',
  msk: 'kafka', kafka: 'kafka', activemq: 'mq', rabbitmq: 'mq', kinesis: 'kinesis',
};

export interface SlsReadResult {
  functions: FunctionModel[];
  roles: RoleModel[];
  notes: ModelNote[];
}

/** Collects `functions` given as a map, or as a list of maps (often `${file(...)}` includes). */
function functionEntries(functions: Val | undefined) {
  if (!functions) return [];
  if (functions.kind === 'seq') return functions.items().flatMap((i) => i.entries());
  return functions.entries();
}

export function readServerless(root: Val, cfnRoles: Map<string, RoleModel>, exists: (f: string) => boolean, resources: ResourceModel[] = []): SlsReadResult {
  const file = root.file;
  const serviceDir = path.dirname(file);
  const provider = root.get('provider');
  const notes: ModelNote[] = [];
  const roles: RoleModel[] = [];

  const providerRole = readProviderRole(root, provider, cfnRoles, notes, resources);
  // serverless-iam-roles-per-function: `custom.serverless-iam-roles-per-function.defaultInherit`.
  const defaultInherit = root.get('custom')?.get('serverless-iam-roles-per-function')?.get('defaultInherit')?.bool() === true;
  if (providerRole.kind === 'role' && providerRole.role.origin === 'sls-provider') roles.push(providerRole.role);

  const functions: FunctionModel[] = [];
  const pluginList = root.get('plugins')?.kind === 'map' ? root.get('plugins')?.get('modules') : root.get('plugins');
  const bundled = pluginList?.list().some((x) => BUNDLER_PLUGINS.test(x.str() ?? '')) ?? false;
  for (const e of functionEntries(root.get('functions'))) {
    const f = e.val;
    if (f.kind !== 'map') continue;
    const runtime = f.get('runtime') ?? provider?.get('runtime');
    const handler = f.get('handler');
    const envVars = [...readEnvironment(provider?.get('environment')), ...readEnvironment(f.get('environment'))];
    const fn: FunctionModel = {
      id: e.key, format: 'serverless', file: f.file, keySpan: e.keySpan, val: f, defaults: provider,
      handler: handler ? resolveHandler(handler, runtime?.str(), serviceDir, { baseDir: serviceDir, exists, bundled }) : undefined,
      runtime: runtime?.str() ? { value: runtime.str()!, val: runtime } : undefined,
      triggers: readEvents(f),
      environment: envVars.filter((v, i) => !envVars.slice(i + 1).some((o) => o.key === v.key)),
      role: providerRole,
      name: f.get('name')?.str(),
      settings: unknownSettings(), // read by build.ts once the config is complete
    };
    const url = f.get('url');
    if (url && url.bool() !== false) {
      const authorizer = url.get('authorizer')?.str();
      fn.triggers.push({ kind: 'functionUrl', val: url, span: url.anchorSpan, explicitlyPublic: authorizer !== 'aws_iam' });
    }
    const ownRole = f.get('role');
    const ownStatements = f.entry('iamRoleStatements') ?? f.get('iam')?.get('role')?.entry('statements');
    if (ownRole) {
      fn.role = bindRole(ownRole, cfnRoles, resources);
      if (fn.role.kind === 'external') {
        notes.push({ span: ownRole.span, message: `The role of function ${e.key} (${fn.role.text ?? ownRole.source}) is defined outside this project: its permissions are not checked.` });
      }
    } else if (ownStatements) {
      const inherit = f.get('iamRoleStatementsInherit')?.bool() ?? defaultInherit;
      const role: RoleModel = {
        id: `function:${e.key}`, origin: 'sls-function', file: f.file, span: ownStatements.keySpan, val: f,
        policies: [{ label: `functions.${e.key}.iamRoleStatements`, val: ownStatements.val, statements: readStatements(ownStatements.val) }],
        managedPolicies: [], samTemplates: [], implicitLogsWrite: true, functions: [], trustedServices: ['lambda.amazonaws.com'],
      };
      if (inherit && providerRole.kind === 'role') {
        role.policies.push(...providerRole.role.policies);
        role.managedPolicies.push(...providerRole.role.managedPolicies);
      }
      roles.push(role);
      fn.role = { kind: 'role', role };
    }
    functions.push(fn);
  }
  return { functions, roles, notes };
}

function readProviderRole(root: Val, provider: Val | undefined, cfnRoles: Map<string, RoleModel>, notes: ModelNote[], resources: ResourceModel[]): RoleBinding {
  const iamRole = provider?.get('iam')?.get('role');
  const legacyRole = provider?.get('role');
  // `role: MyRole`, `role: arn:...`, `role: !GetAtt MyRole.Arn` or `role: {Fn::GetAtt: [...]}` name a role;
  // a plain mapping (`statements`, `managedPolicies`, `name`...) configures the generated one.
  const namesRole = (v: Val | undefined) => !!v && (v.kind === 'scalar' || v.kind === 'opaque' || !!v.intrinsic());
  const named = namesRole(iamRole) ? iamRole : namesRole(legacyRole) ? legacyRole : undefined;
  if (named) {
    const binding = bindRole(named, cfnRoles, resources);
    if (binding.kind === 'external') {
      notes.push({ span: named.span, message: `The provider role ${binding.text ?? named.source} is defined outside this project: its permissions are not checked.` });
    }
    return binding;
  }
  const policies: PolicyDoc[] = [];
  const statementsKey = iamRole?.entry('statements');
  if (statementsKey) policies.push({ label: 'provider.iam.role.statements', val: statementsKey.val, statements: readStatements(statementsKey.val) });
  const legacy = provider?.entry('iamRoleStatements');
  if (legacy) policies.push({ label: 'provider.iamRoleStatements', val: legacy.val, statements: readStatements(legacy.val) });
  const managed = [...flatItems(iamRole?.get('managedPolicies')), ...flatItems(provider?.get('iamManagedPolicies'))].map(readManagedPolicy);
  const anchor = provider?.entry('iam') ?? provider?.entry('iamRoleStatements') ?? root.entry('provider');
  const role: RoleModel = {
    id: 'provider', origin: 'sls-provider', file: root.file, span: anchor?.keySpan ?? root.span, val: iamRole ?? provider,
    policies, managedPolicies: managed, samTemplates: [], implicitLogsWrite: true, functions: [], trustedServices: ['lambda.amazonaws.com'],
  };
  attachLocalManagedPolicies(role, resources);
  return { kind: 'role', role };
}

function readEvents(f: Val): Trigger[] {
  const out: Trigger[] = [];
  for (const ev of f.get('events')?.items() ?? []) {
    const e = ev.entries()[0];
    if (!e) continue;
    let kind: TriggerKind = EVENT_KIND[e.key] ?? 'other';
    const v = e.val;
    if (e.key === 'stream') {
      const type = v.get('type')?.str();
      const arn = v.str() ?? v.get('arn')?.str() ?? '';
      kind = type === 'kinesis' || arn.includes(':kinesis:') ? 'kinesis' : 'dynamodb';
    }
    const t: Trigger = { kind, val: v, span: e.keySpan, label: e.key };
    if (kind === 'api' || kind === 'httpApi') {
      const s = v.str();
      if (s) t.label = s === '*' ? 'ANY *' : s;
      else {
        const method = v.get('method')?.str() ?? 'ANY';
        const route = v.get('path')?.str();
        if (route) t.label = `${method.toUpperCase()} ${route}`;
        const authorizer = v.get('authorizer');
        if (authorizer) t.authorizer = authorizer;
        if (v.get('private')?.bool() === true) t.authorizer = v.get('private');
      }
    }
    out.push(t);
  }
  return out;
}
