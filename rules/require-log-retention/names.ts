// Matching a log group to a function by name, in the shapes templates use:
//   LogGroupName: /aws/lambda/my-fn                  (FunctionName: my-fn)
//   LogGroupName: !Sub /aws/lambda/${Worker}         (Ref of a function is its name)
//   LogGroupName: !Sub ['/aws/lambda/${N}', {N: !Ref Worker}]
//   LogGroupName: !Join ['', ['/aws/lambda/', !Ref Worker]]
//   LogGroupName: !Sub /aws/lambda/${AWS::StackName}-worker   (FunctionName: !Sub ${AWS::StackName}-worker)
// Both sides are reduced to a symbolic text where `Ref X` is `${X}` and `GetAtt X.A` is `${X.A}`,
// and compared as text. A name that cannot be reduced never matches.
import type { Val } from '../../server/src/engine/config/val.js';
import type { FunctionModel, ResourceModel } from '../../server/src/engine/model/types.js';

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
export function defaultGroupNames(fn: FunctionModel): string[] {
  const out = [`/aws/lambda/\${${fn.id}}`];
  const named = symbolic(fn.val.get('FunctionName'));
  if (named !== undefined) out.push(`/aws/lambda/${named}`);
  return out;
}

/** Resources that give a log group a retention: AWS::Logs::LogGroup, and CDK's Custom::LogRetention. */
export function logGroups(resources: ResourceModel[]): { res: ResourceModel; name?: string }[] {
  return resources
    .filter((r) => r.type === 'AWS::Logs::LogGroup' || r.type === 'Custom::LogRetention')
    .map((res) => ({ res, name: symbolic(res.props?.get('LogGroupName')) }));
}

/** Whether a log group resource may have a retention: any value but null or `!Ref AWS::NoValue` (a condition counts). */
export function hasRetention(r: ResourceModel): boolean {
  const v = r.props?.get('RetentionInDays');
  return !!v && v.kind !== 'null' && v.alternatives().length > 0;
}

/** The logical id serverless gives a function's log group: `users-create` -> `UsersDashcreateLogGroup`. */
export function slsLogGroupId(fnKey: string): string {
  const n = fnKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}LogGroup`;
}
