// Log groups of a template, and matching one to a function by name, in the shapes templates use:
//   LogGroupName: /aws/lambda/my-fn                  (FunctionName: my-fn)
//   LogGroupName: !Sub /aws/lambda/${Worker}         (Ref of a function is its name)
//   LogGroupName: !Sub ['/aws/lambda/${N}', {N: !Ref Worker}]
//   LogGroupName: !Join ['', ['/aws/lambda/', !Ref Worker]]
//   LogGroupName: !Sub /aws/lambda/${AWS::StackName}-worker   (FunctionName: !Sub ${AWS::StackName}-worker)
// Both sides are reduced to a symbolic text where `Ref X` is `${X}` and `GetAtt X.A` is `${X.A}`,
// and compared as text. A name that cannot be reduced never matches.
import type { Val } from '../config/val.js';
import { taggedSpan } from '../fix/yaml-edit.js';
import type { ResourceModel } from './types.js';
import type { LogGroupSettings, Setting } from './settings.js';
import { fromValue, numberCodec, pathTarget, replaceTarget } from './settings-yaml.js';

const MAX_DEPTH = 6;

export function symbolic(v: Val | undefined, depth = 0): string | undefined {
  if (!v || depth > MAX_DEPTH) return undefined;
  const s = v.str();
  if (s !== undefined) return s;
  const i = v.intrinsic();
  if (!i) return undefined;
  if (i.fn === 'Ref' || i.fn === 'Fn::GetAtt') {
    const t = v.refTarget();
    return t ? `\${${t.attr ? `${t.id}.${t.attr}` : t.id}}` : undefined;
  }
  if (i.fn === 'Fn::Sub') {
    const template = i.arg.str() ?? (i.arg.kind === 'seq' ? i.arg.items()[0]?.str() : undefined);
    if (template === undefined) return undefined;
    const vars = i.arg.kind === 'seq' ? i.arg.items()[1] : undefined;
    let failed = false;
    const out = template.replace(/\$\{([^}!]+)\}/g, (m, name: string) => {
      const bound = vars?.kind === 'map' ? vars.get(name) : undefined;
      if (!bound) return m;
      const sym = symbolic(bound, depth + 1);
      if (sym === undefined) failed = true;
      return sym ?? m;
    });
    return failed ? undefined : out;
  }
  if (i.fn === 'Fn::Join') {
    const sep = i.arg.items()[0]?.str();
    const parts = i.arg.items()[1];
    if (sep === undefined || parts?.kind !== 'seq' || parts.intrinsic()) return undefined;
    const syms = parts.items().map((p) => symbolic(p, depth + 1));
    return syms.every((x) => x !== undefined) ? syms.join(sep) : undefined;
  }
  return undefined;
}

/** The names a function's default log group can have: `/aws/lambda/${Fn}` and `/aws/lambda/<FunctionName>`. */
export function defaultGroupNames(id: string, functionName: Val | undefined): string[] {
  const out = [`/aws/lambda/\${${id}}`];
  const named = symbolic(functionName);
  if (named !== undefined) out.push(`/aws/lambda/${named}`);
  return out;
}

/** Resources that give a log group a retention: AWS::Logs::LogGroup, and CDK's Custom::LogRetention. */
const groupsOf = new WeakMap<ResourceModel[], { res: ResourceModel; name?: string }[]>();

/** The log group resources of a config, with their names (once per resource list: every function asks). */
export function logGroups(resources: ResourceModel[]): { res: ResourceModel; name?: string }[] {
  let groups = groupsOf.get(resources);
  if (!groups) {
    groups = resources
      .filter((r) => r.type === 'AWS::Logs::LogGroup' || r.type === 'Custom::LogRetention')
      .map((res) => ({ res, name: symbolic(res.props?.get('LogGroupName')) }));
    groupsOf.set(resources, groups);
  }
  return groups;
}

/** The retention of a log group resource: set, unset (with the fix that sets it), or unknown. */
export function retentionOfGroup(r: ResourceModel): Setting<number> {
  const present = r.props?.get('RetentionInDays');
  const where = `RetentionInDays of log group ${r.id}`;
  if (present && present.kind !== 'null' && present.alternatives().length > 0) {
    return fromValue(present, { from: 'function', where: 'RetentionInDays', codec: numberCodec });
  }
  // `RetentionInDays: !Ref AWS::NoValue` (or empty) is reported on that key; no key at all on the group.
  const anchor = present && present.kind !== 'null' ? taggedSpan(present) : r.keySpan;
  const target = present ? replaceTarget(present, numberCodec, 'RetentionInDays', 'function') : pathTarget(r.val, ['Properties', 'RetentionInDays'], numberCodec, 'RetentionInDays', 'function');
  return { state: 'unset', anchor, targets: r.type === 'AWS::Logs::LogGroup' ? [{ ...target, where }] : [] };
}

/** A log group the config names for a function (LoggingConfig.LogGroup, logs.logGroup): the resource, if declared here. */
export function logGroupOf(v: Val, resources: ResourceModel[]): LogGroupSettings {
  const groups = logGroups(resources);
  const t = v.refTarget();
  const name = symbolic(v);
  const res = (t && !t.attr ? groups.find((g) => g.res.id === t.id) : undefined) ?? groups.find((g) => name !== undefined && g.name === name);
  // A group created elsewhere: its retention is set there.
  if (!res) return { kind: 'custom', retention: { state: 'unknown' } };
  return { kind: 'custom', group: { id: res.res.id, span: res.res.keySpan }, retention: retentionOfGroup(res.res) };
}
