// Builds the application model from every config file of the workspace.
import * as path from 'node:path';
import type { ParsedDocument } from '../config/parse.js';
import { MAX_RESOLVE_STEPS, SlsVariables, type DocLoader } from '../config/sls-vars.js';
import { Val } from '../config/val.js';
import type { AppModel, ConfigFormat, ConfigModel, FunctionModel, PolicyDoc, ResourceModel, RoleModel } from './types.js';
import type { Span } from '../types.js';
import { inferTriggers, readLambdaFunctions, readResourcePolicies, readResources, readRoles } from './cloudformation.js';
import { readPolicyResources } from './roles.js';
import { templateParams } from './params.js';
import { readSamFunctions } from './sam.js';
import { readServerless } from './serverless.js';
import { readApis } from './apis.js';
import { readRoutes } from './routes.js';
import { readBuckets } from './buckets.js';
import { readCors } from './cors.js';
import { readTrustPolicies } from './trust.js';
import { readKeyPolicies } from './key-policies.js';
import { flatItems } from './statements.js';
import { readTerraform, type TerraformHost, type TerraformSource } from './terraform.js';
import { readCdk, type CdkModelHost, type CdkSource } from './cdk.js';
import { readCdkPython, type CdkPyHost, type CdkPySource } from './cdk-python.js';
import { unknownSettings, type FunctionSettings } from './settings.js';
import { readSlsSettings } from './settings-sls.js';
import { readCfnSettings } from './settings-cfn.js';
import { isResourceLimit, limitReason } from '../guard.js';

export interface ConfigSource {
  doc: ParsedDocument;
  format: ConfigFormat;
  /** A Terraform configuration (a root module's folder); `doc` is its main file. */
  terraform?: TerraformSource;
  /** A CDK app (the folder of `cdk.json`); `doc` is its entry file. */
  cdk?: CdkSource;
  /** A Python CDK app (the folder of `cdk.json`); `doc` is its entry file. */
  cdkPy?: CdkPySource;
  /** A template in a CDK app's `cdk.out`: the app's entry file. */
  generatedBy?: string;
}

export interface ModelHost {
  load: DocLoader;
  exists(file: string): boolean;
  /** How Terraform configurations reach their modules and `file()` documents. */
  terraform?: TerraformHost;
  /** How CDK apps reach their stack files (parsed TypeScript/JavaScript). */
  cdk?: CdkModelHost;
  /** How Python CDK apps reach their stack files (parsed Python). */
  cdkPy?: CdkPyHost;
  /** Whether a file is inside the workspace (its real path too): an include outside it is not read. */
  inRoot?: (file: string) => boolean;
}

export function buildModel(sources: ConfigSource[], host: ModelHost): AppModel {
  const model: AppModel = { configs: [], functions: [], roles: [], resourcePolicies: [], routes: [], authorizers: [], buckets: [], cors: [], trustPolicies: [], keyPolicies: [], notes: [], filesRead: new Set() };
  // serverless.yml first: a CloudFormation fragment it includes (`resources: ${file(./roles.yml)}`)
  // is read as part of that service, not a second time as a template of its own.
  const ordered = [...sources.filter((s) => s.format === 'serverless'), ...sources.filter((s) => s.format !== 'serverless')];
  const included = new Set<string>();
  for (const src of ordered) {
    if (src.format !== 'serverless' && included.has(src.doc.file)) continue;
    const notes = model.notes.length;
    try {
      contribute(src, host, model, included);
    } catch (e) {
      // One config must not take the whole workspace down: say so on the file, and go on.
      model.notes.length = notes;
      const why = isResourceLimit(e) ? limitReason(e) : `FaaSGuard could not read it completely (${(e as Error).message}). Please report this`;
      model.notes.push({ span: { file: src.doc.file, start: 0, end: 0 }, message: `This ${src.format} config is ${isResourceLimit(e) ? why : 'not fully read'}: its functions and permissions are not checked${isResourceLimit(e) ? '' : `. ${why}`}.` });
    }
  }
  for (const fn of model.functions) if (fn.role.kind === 'role') fn.role.role.functions.push(fn);
  return model;
}

/** One config's part of the model: pushed into the model only once all of it has been read. */
function contribute(src: ConfigSource, host: ModelHost, model: AppModel, included: Set<string>): void {
  // The files this config reads are the ones added after the first `before` (a set only grows, in
  // insertion order): no copy of every file read so far for each config.
  const before = model.filesRead.size;
  model.filesRead.add(src.doc.file);
  const config = buildConfig(src, host, model);
  if (src.format === 'serverless') {
    let i = 0;
    for (const f of model.filesRead) if (i++ >= before && f !== src.doc.file) included.add(f);
  }
  if (!config) return;
  if (config.wiringOnly) {
    // Functions and their triggers only: nothing else of the app is read, so nothing else is judged.
    model.configs.push(config);
    model.functions.push(...config.functions);
    return;
  }
  if (src.generatedBy) config.generatedBy = src.generatedBy;
  config.apis = readApis(config);
  // Policy documents written as JSON text that does not parse: say so where they are.
  const noted = new Set<PolicyDoc>();
  for (const role of config.roles) {
    for (const p of role.policies) {
      if (!p.problem || noted.has(p)) continue;
      noted.add(p);
      model.notes.push({ span: p.val.span, message: p.problem });
    }
  }
  for (const fn of config.functions) fn.settings = readSettings(fn, config);
  const routes = readRoutes(config);
  config.routes = routes.routes;
  config.authorizers = routes.authorizers;
  config.buckets = readBuckets(config.resources);
  config.cors = readCors(config);
  config.trustPolicies = readTrustPolicies(config.resources);
  config.keyPolicies = readKeyPolicies(config.resources);
  model.routes.push(...routes.routes);
  model.authorizers.push(...routes.authorizers);
  model.buckets.push(...config.buckets);
  model.cors.push(...config.cors);
  model.trustPolicies.push(...config.trustPolicies);
  model.keyPolicies.push(...config.keyPolicies);
  model.configs.push(config);
  model.functions.push(...config.functions);
  model.roles.push(...config.roles);
  model.resourcePolicies.push(...config.resourcePolicies);
}

function buildConfig(src: ConfigSource, host: ModelHost, model: AppModel): ConfigModel | undefined {
  const { doc, format } = src;
  if (src.terraform) return host.terraform ? readTerraform(src.terraform, host.terraform, model.filesRead, model.notes) : undefined;
  if (src.cdk) return host.cdk ? readCdk(src.cdk, host.cdk, model.filesRead, model.notes) : undefined;
  if (src.cdkPy) return host.cdkPy ? readCdkPython(src.cdkPy, host.cdkPy, model.filesRead, model.notes) : undefined;
  const dir = path.dirname(doc.file);
  if (format === 'serverless') {
    const vars = new SlsVariables(doc, host.load, model.filesRead, {
      onBudget: () => model.notes.push({ span: { file: doc.file, start: 0, end: 0 }, message: `Analysis stopped early: serverless variables resolution stopped after ${MAX_RESOLVE_STEPS.toLocaleString('en-US')} steps; the variables not resolved by then are treated as unknown values.` }),
      inRoot: host.inRoot,
      onOutside: (span, written) => model.notes.push({ span, message: `This \${file(${written})} include resolves outside the workspace: it is not read.` }),
    });
    const root = vars.root();
    if (!root) return undefined;
    const cloud = otherCloud(root);
    if (cloud) {
      // Decided once, here: a serverless.yml for another provider contributes nothing to the model.
      model.notes.push({ span: cloud.span, message: `This serverless.yml deploys to ${cloud.name}, not AWS: FaaSGuard checks AWS configs only, so nothing in it is checked.` });
      return undefined;
    }
    const resources = slsResources(root.get('resources'));
    const cfnRoles = readRoles(resources);
    const roleMap = new Map(cfnRoles.map((r) => [r.id, r]));
    const sls = readServerless(root, roleMap, host.exists, resources);
    model.notes.push(...sls.notes);
    const roles = [...sls.roles, ...cfnRoles];
    // `Roles: [!Ref IamRoleLambdaExecution]`: the role serverless generates for the service.
    const provider = sls.roles.find((r) => r.origin === 'sls-provider');
    roles.push(...readPolicyResources(resources, roles, new Map(provider ? [['IamRoleLambdaExecution', provider]] : [])));
    return {
      file: doc.file, format, root, provider: root.get('provider'), resources,
      functions: sls.functions, roles, resourcePolicies: readResourcePolicies(resources),
    };
  }
  const plainRoot = Val.root(doc);
  if (!plainRoot) return undefined;
  // `!Ref P` to a parameter with a default reads as the default (model/params.ts).
  const params = templateParams(plainRoot);
  const root = params.size > 0 ? Val.root(doc, { params })! : plainRoot;
  const resources = readResources(root.get('Resources'));
  const cfnRoles = readRoles(resources);
  const roleMap = new Map<string, RoleModel>(cfnRoles.map((r) => [r.id, r]));
  const globals = root.get('Globals');
  const sam = format === 'sam' ? readSamFunctions(resources, globals, roleMap, dir, host.exists) : { functions: [], generatedRoles: [] };
  const plain = readLambdaFunctions(resources, roleMap, { baseDir: dir, exists: host.exists });
  const functions = [...sam.functions, ...plain];
  inferTriggers(functions, resources);
  for (const fn of functions) {
    if (fn.role.kind === 'external') {
      model.notes.push({ span: fn.role.val.span, message: `The role of ${fn.id} is defined outside this template: its permissions are not checked.` });
    }
  }
  const roles = [...sam.generatedRoles, ...cfnRoles];
  // `Roles: [!Ref MyFunctionRole]`: the role SAM generates for MyFunction is a resource of that name.
  roles.push(...readPolicyResources(resources, roles, new Map(sam.generatedRoles.map((r) => [r.id, r]))));
  return {
    file: doc.file, format, root, globals, resources, functions,
    roles, resourcePolicies: readResourcePolicies(resources),
  };
}

/** The provider of a serverless.yml for another cloud (`provider.name: google`, `azure`...), if it is one. */
function otherCloud(root: Val): { name: string; span: Span } | undefined {
  const name = root.get('provider')?.get('name');
  const text = name?.str();
  return name && text !== undefined && text.toLowerCase() !== 'aws' ? { name: text, span: name.span } : undefined;
}

/** A function's settings, read by the reader of its format, once the config is complete. */
function readSettings(fn: FunctionModel, c: ConfigModel): FunctionSettings {
  if (fn.format === 'serverless') {
    const createsRestApi = (c.apis ?? []).some((a) => a.origin === 'sls' && a.kind === 'rest');
    return readSlsSettings(fn, { root: c.root, provider: c.provider, resources: c.resources, createsRestApi });
  }
  const resource = c.resources.find((r) => r.id === fn.id);
  if (!resource) return unknownSettings();
  return readCfnSettings(fn, resource, { root: c.root, sam: fn.format === 'sam', globals: c.globals?.get('Function'), resources: c.resources });
}

/** serverless.yml `resources`: a map with `Resources`, or a list of such maps (often includes). */
function slsResources(resources: Val | undefined): ResourceModel[] {
  if (!resources) return [];
  return flatItems(resources).flatMap((p) => readResources(p.get('Resources')));
}
