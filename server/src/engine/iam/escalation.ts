// Actions that let a principal raise its own privileges when granted on every resource: change a
// policy, attach one, create credentials for someone else, hand a role to a service, assume a role,
// or run its own code under another function's role. After Rhino Security Labs' "AWS IAM
// privilege escalation methods" and the AWS IAM documentation.
import type { ActionInfo } from './actions.js';

export const ESCALATION_ACTIONS: Record<string, string> = {
  'iam:passrole': 'hand any role, an administrator role included, to a service it creates',
  'iam:createpolicyversion': 'rewrite a managed policy, its own included',
  'iam:setdefaultpolicyversion': 'switch a managed policy to a more permissive version',
  'iam:attachuserpolicy': 'attach any managed policy to a user',
  'iam:attachgrouppolicy': 'attach any managed policy to a group',
  'iam:attachrolepolicy': 'attach any managed policy to a role, its own included',
  'iam:putuserpolicy': 'write an inline policy on a user',
  'iam:putgrouppolicy': 'write an inline policy on a group',
  'iam:putrolepolicy': 'write an inline policy on a role, its own included',
  'iam:createaccesskey': 'create access keys for another user',
  'iam:createloginprofile': 'set a console password for another user',
  'iam:updateloginprofile': 'change another user\'s console password',
  'iam:addusertogroup': 'add a user to an administrators group',
  'iam:updateassumerolepolicy': 'let itself assume any role',
  'iam:putrolepermissionsboundary': 'replace the permissions boundary of a role',
  'iam:deleterolepermissionsboundary': 'remove the permissions boundary of a role',
  'iam:putuserpermissionsboundary': 'replace the permissions boundary of a user',
  'iam:deleteuserpermissionsboundary': 'remove the permissions boundary of a user',
  'sts:assumerole': 'assume any role that trusts this account',
  'lambda:updatefunctioncode': 'run its own code under any function\'s role',
  'lambda:updatefunctionconfiguration': 'add a layer or change the handler of any function, and so run code under its role',
};

export function isEscalation(a: ActionInfo): boolean {
  return Object.prototype.hasOwnProperty.call(ESCALATION_ACTIONS, `${a.service}:${a.name.toLowerCase()}`);
}

export function escalationReason(a: ActionInfo): string {
  return ESCALATION_ACTIONS[`${a.service}:${a.name.toLowerCase()}`] ?? '';
}
