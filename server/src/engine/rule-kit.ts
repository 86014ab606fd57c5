// One import for rule authors: the rule format, the application model (settings included), span
// and message helpers, handler-code facts (JS/TS and Python), the IAM and secrets knowledge, the
// taint reports, and the fix helpers. A rule imports from here, not from the engine's files (a test
// checks that every file of rules/ does).
import type { BaseContext } from './rule.js';
import type { FunctionModel } from './model/types.js';
import { handlerAuthentication, type AuthEvidence } from './code/authentication.js';
export { defineRule } from './rule.js';
export type { BaseContext, CodeRule, CodeRuleContext, ModelRule, ModelRuleContext, Report, RuleMeta } from './rule.js';
export { defineInjectionRule, flowProperties } from './taint/report.js';
export type { HandlerTriggers, TaintFlow } from './taint/types.js';
export type { Category, Fix, RelatedLocation, Severity, Span, TextEdit } from './types.js';

// ---- the model ----
export type {
  AppModel, ConfigFormat, ConfigModel, FunctionModel, HandlerRef, ManagedPolicyRef, ModelNote, PolicyDoc, ResourceModel,
  ResourcePolicyKind, ResourcePolicyModel, RoleBinding, RoleModel, Statement, Trigger, TriggerKind,
} from './model/types.js';
export type { ApiEvent, ApiKind, ApiModel, ApiOrigin } from './model/apis.js';
export type { AuthorizerModel, AuthorizerType, RouteAuth, RouteKind, RouteModel } from './model/routes.js';
export { BLOCK_KEYS, type BlockKey, type BucketModel } from './model/buckets.js';
export { REFLECTED, type CorsPolicy } from './model/cors.js';
export type { TrustPolicyModel } from './model/trust.js';
export type {
  CorsSettings, DestinationRef, EnvVar, EnvironmentSettings, FunctionSettings, FunctionUrlSettings, LogGroupSettings, SetSetting, Setting,
  SettingTarget, UnknownSetting, UnsetSetting, VpcSettings,
} from './model/settings.js';
export { groupByAnchor, spanKey } from './model/settings.js';
export type { Val, Entry } from './config/val.js';
export { flatItems, isIfBranch } from './model/statements.js';
export { literalText, describeVal, referencedIds } from './model/refs.js';
export type { CodeFile, HandlerBinding } from './code/types.js';

// ---- handler code: syntax and facts ----
export { allNodes, isEditedTree, nodesOfKind, nodesOfKinds } from './code/syntax-index.js';
export { pythonSyntax, type PySyntax } from './code/python-nodes.js';
export { authenticationChecks, type AuthEvidence, type AuthKind } from './code/authentication.js';
export { allowsEveryRequest, type AllowAll } from './code/authorizer-decision.js';
export { isLoggingCall, loggerBindings, loggerLikeName, reachableFiles, type LoggerInfo } from './code/logging.js';
export { ancestor, child, nodesOf, type PyNode } from './code/python-ast.js';
export { dottedName, parameterNames, stringText } from './code/python-exports.js';
export { isPyLoggingCall, pyLoggers, pyLoggingCalls, reachablePyFiles, type PyLogger } from './code/python-logging.js';

// ---- IAM: actions, grants, policies, least privilege ----
export { allServices, countLevels, expandAction, hasWildcard, serviceActions, splitAction, wildcardMatch, type ActionInfo } from './iam/actions.js';
export {
  conditionScopesResources, isBaseline, listActions, scopable, serviceName, statementGrants, wildcardCovers, wildcardResource,
} from './iam/resources.js';
export { configOf, coverActions, describeExpansion, heldBy, identityStatements, isAllow } from './iam/policies.js';
export { escalationReason, isEscalation } from './iam/escalation.js';
export { broadManagedPolicy, samTemplateReplacements, templateParamCandidates } from './iam/managed.js';
export { permissionSourceArn } from './iam/permission-source.js';
export { cyclicIds } from './iam/template-arns.js';
export { fnList, missingCalls, unusedGrants, usageHover, whatIsCalled } from './iam/least-privilege-report.js';
export { missingFix, unusedFix } from './iam/least-privilege-fix.js';
export { scopeResourceFix } from './iam/scope-fix.js';

// ---- secrets ----
export { detectSecret } from './secrets/detect.js';
export { judgeSecret, type SecretVerdict } from './secrets/judge.js';

/** The authentication checks of a function's handler (and the local modules it imports); empty when none, or when the handler cannot be read. */
export function handlerChecks(ctx: BaseContext, fn: FunctionModel): AuthEvidence[] {
  const file = fn.handler?.codeFile;
  const load = ctx.loadCode;
  const code = file && load ? load(file) : undefined;
  return code && load ? handlerAuthentication(code, load) : [];
}

/** Whether the function's handler code is in the workspace and can be read. */
export function handlerReadable(ctx: BaseContext, fn: FunctionModel): boolean {
  const file = fn.handler?.codeFile;
  return !!file && !!ctx.loadCode?.(file);
}

// ---- fixes ----
export { replaceSetting, writeSetting, type SettingFixOptions } from './fix/settings.js';
export {
  appendItem, ensurePath, insertEntry, mergeInsertions, removeItem, replaceItems, replaceValue, replaceWithBlockItems, str, taggedSpan, type Out,
} from './fix/yaml-edit.js';
export { ACCESS_LOG_FORMAT, addResource, logGroupResource, RETENTION_DAYS, uniqueId } from './fix/logging.js';

// ---- spans and messages ----

/** A span from offsets in a file. */
export function spanAt(file: string, start: number, end: number): { file: string; start: number; end: number } {
  return { file, start, end };
}

/** `a, b and c` (at most `max` names, then `and N more`). */
export function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names.join('');
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `1 function` / `3 functions`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
